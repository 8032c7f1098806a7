/**
 * How each thing of the DAG looks in every graph: a stage, an artifact, a missing input, a
 * record's cluster, an edge. The whole-run graph, the stage map and the record graphs all draw
 * their nodes here, so a change to how a stage looks is made once and shows in every page, DOT
 * file, SVG and Mermaid diagram.
 */
import type { Run, RunRecord } from "../../run/model.js";
import { recordColour } from "../colours.js";
import { recordFailed } from "../facts/failures.js";
import { recordHeading, recordSubtitle } from "../facts/names.js";
import type { DagArtifactNode, DagEdge, DagStageNode } from "./dag.js";
import { labelText, stageTiming } from "./dag.js";
import type { GraphCluster, GraphNode } from "./graphSpec.js";

/** Text on one line, as graph labels show it. */
export function oneLine(text: string): string {
  const label = labelText(text);
  // Most labels are one line already: a search is cheaper than a replace that finds nothing.
  return label.includes("\n") ? label.replace(/\n/g, " ⏎ ") : label;
}

/** A stage: an ellipse with its name and timing (or `raised an error`), marked when it raised or was cached. */
export function stageNode(stage: DagStageNode, id: string, cluster: string | null, href: string | null): GraphNode {
  const timing = stageTiming(stage);
  const error = stage.error;
  let classes = stage.cached === true ? "dag-stage dag-cached" : "dag-stage";
  let tooltip = `stage ${stage.label}`;
  if (timing !== null) tooltip += `\n${timing}`;
  if (error !== null) {
    classes += " dag-failed";
    tooltip += `\nraised: ${error}`;
  }
  return {
    id,
    cluster,
    shape: "ellipse",
    classes,
    lines: [
      { text: oneLine(stage.label), size: 11 },
      { text: error !== null ? "raised an error" : (timing ?? ""), size: 9, bold: error !== null },
    ],
    href,
    tooltip,
  };
}

/**
 * An artifact: a box with its name (`name`), or three rows, the bold name, its representation and
 * its cache path or `no file` (`rows`, a record's own graph).
 */
export function artifactNode(
  artifact: DagArtifactNode,
  id: string,
  cluster: string | null,
  href: string | null,
  detail: "name" | "rows",
): GraphNode {
  const { label: name, representation: repr, path } = artifact;
  // Object literals of one shape each (no spread): thousands are made per report.
  if (detail === "name")
    return {
      id,
      cluster,
      shape: "box",
      classes: "dag-artifact",
      lines: [{ text: oneLine(name), size: 9 }],
      href,
      tooltip: name,
    };
  return {
    id,
    cluster,
    shape: "box",
    classes: "dag-artifact",
    lines: [
      { text: oneLine(name), size: 9, bold: true },
      { text: oneLine(repr), size: 8 },
      { text: path === null ? "no file" : oneLine(path), size: 8, italic: path === null },
    ],
    href,
    tooltip: `${name}\n${repr}\n${path ?? "no file"}`,
    rows: true,
  };
}

/** A marker for an input a stage asked for and did not get: a dashed box leading to the stage's row. */
export function missingNode(id: string, cluster: string | null, href: string | null): GraphNode {
  return {
    id,
    cluster,
    shape: "box",
    classes: "dag-missing",
    lines: [{ text: "missing input", size: 9 }],
    href,
    tooltip: "a stage asked for this input and did not get it",
    dashed: true,
  };
}

/** Classes of a record's box or cluster: `dag-record`, and `dag-aggregate`, `dag-failed` when they apply. */
export function recordClasses(record: RunRecord | undefined): string {
  return [
    "dag-record",
    ...(record?.isAggregate === true ? ["dag-aggregate"] : []),
    ...(record !== undefined && recordFailed(record) ? ["dag-failed"] : []),
  ].join(" ");
}

/** A record's cluster: `record <i>` over its args (or what it aggregates), in the record's colour. */
export function recordCluster(run: Run, index: number, id: string, href: string | null): GraphCluster {
  const record = run.records[index];
  return {
    id,
    classes: recordClasses(record),
    lines: [
      { text: `record ${index}`, size: 10, bold: true },
      { text: record === undefined ? "" : oneLine(recordSubtitle(record)), size: 9 },
    ],
    href,
    tooltip: recordHeading(run, index),
    colour: recordColour(index),
  };
}

/** Classes of an edge of the DAG: `dag-input`, `dag-output` or `dag-missing`, plus `dag-cross-record`. */
export function edgeClasses(edge: Pick<DagEdge, "kind" | "crossRecord">): string {
  return edge.crossRecord ? `dag-${edge.kind} dag-cross-record` : `dag-${edge.kind}`;
}
