/**
 * The stage map as a `GraphSpec`: each pipeline (records of one shape, recordShapes.ts) drawn once
 * as a cluster with its record count, edges between records kept (copies, aggregates) and counted
 * per pipeline: an aggregate of 10,000 records gets one edge with `×10,000`, not 10,000 stubs.
 * Past a readability threshold each pipeline becomes one box. Links are relative to `from`.
 */
import type { Run, RunRecord } from "../../run/model.js";
import { recordColour } from "../colours.js";
import { stageError } from "../facts/failures.js";
import type { GraphCluster, GraphEdge, GraphNode, GraphSpec } from "./graphSpec.js";
import { oneLine, recordHeading, recordSubtitle, stageNode } from "./recordGraph.js";
import { count, counted, runShapes, type RecordShape, type RunShapes } from "../facts/recordShapes.js";
import { artifactAnchor, hrefTo, recordPagePath, shapePagePath } from "../router.js";

/** Above this size (nodes + 1.5 × edges, Kedro-Viz's rule) each pipeline is drawn as one box. */
export const MAP_COLLAPSE_THRESHOLD = 600;

/** Most pipelines drawn in the map; the rest are listed on the report page. */
export const MAX_MAP_PIPELINES = 200;

/** Id of pipeline `shape`'s cluster (and box) in the map. */
export function pipelineId(shape: number): string {
  return `p${shape + 1}`;
}

/** The map, with links relative to the page at `from`. */
export function mapGraphSpec(run: Run, from: string): { spec: GraphSpec; collapsed: boolean; drawn: number } {
  const shapes = runShapes(run);
  const drawn = Math.min(shapes.shapes.length, MAX_MAP_PIPELINES);
  const full = fullMap(run, shapes, from, drawn);
  if (full.nodes.length + 1.5 * full.edges.length <= MAP_COLLAPSE_THRESHOLD)
    return { spec: full, collapsed: false, drawn };
  return { spec: collapsedMap(run, shapes, from, drawn), collapsed: true, drawn };
}

/** The cluster label and link of a pipeline. */
function pipelineCluster(run: Run, shape: RecordShape, from: string): GraphCluster {
  const first = shape.records[0] ?? 0;
  const record = run.records[first];
  const many = shape.records.length > 1;
  const last = shape.records[shape.records.length - 1] ?? first;
  const title = many ? counted(shape.records.length, "record") : `record ${first}`;
  const subtitle = many ? `records ${first} to ${last}` : record === undefined ? "" : oneLine(recordSubtitle(record));
  const failed = record !== undefined && record.stages.some((_, p) => stageError(record, p) !== null);
  return {
    id: pipelineId(shape.index),
    classes: [
      "dag-record",
      ...(record?.isAggregate === true ? ["dag-aggregate"] : []),
      ...(failed ? ["dag-failed"] : []),
    ].join(" "),
    lines: [
      { text: title, size: 10, bold: true },
      { text: subtitle, size: 9 },
    ],
    href: many ? hrefTo(from, shapePagePath(shape.index, 0), null) : hrefTo(from, recordPagePath(first), null),
    tooltip: many
      ? `pipeline ${shape.index + 1}: ${counted(shape.records.length, "record")} with these stages; opens their list`
      : recordHeading(run, first),
    colour: recordColour(first),
  };
}

/** Every pipeline drawn with its stages and artifacts, the first record of each standing for all. */
function fullMap(run: Run, shapes: RunShapes, from: string, drawn: number): GraphSpec {
  const clusters: GraphCluster[] = [];
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const crossing = new Map<string, { from: string; to: string; n: number; classes: string }>();
  const cross = (fromId: string, toId: string, classes: string) => {
    const key = `${fromId}>${toId}`;
    const entry = crossing.get(key);
    if (entry === undefined) crossing.set(key, { from: fromId, to: toId, n: 1, classes });
    else entry.n++;
  };
  const artifactId = (artifact: number) => {
    const owner = run.artifacts[artifact]?.record ?? 0;
    return `${pipelineId(shapes.shapeOf[owner] ?? 0)}a${shapes.localArtifact[artifact] ?? 0}`;
  };
  for (const shape of shapes.shapes.slice(0, drawn)) {
    clusters.push(pipelineCluster(run, shape, from));
    const first = run.records[shape.records[0] ?? 0];
    if (first === undefined) continue;
    const pid = pipelineId(shape.index);
    const many = shape.records.length > 1;
    first.stages.forEach((name, p) => {
      const node = stageNode(
        first,
        p,
        name,
        hrefTo(from, recordPagePath(first.index), `stage-${p}`),
        `${pid}s${p}`,
        pid,
      );
      // One record's timing would misstate the others': a pipeline of many shows none.
      const lines = many && !node.classes.includes("dag-failed") ? node.lines.slice(0, 1) : node.lines;
      nodes.push(
        many
          ? {
              ...node,
              lines,
              tooltip: `stage ${name}\n(${counted(shape.records.length, "record")}; opens record ${first.index})`,
            }
          : node,
      );
      (first.stageInputs[p] ?? []).forEach((a, slot) => {
        if (a >= 0 && run.artifacts[a]?.record === first.index)
          edges.push({ from: artifactId(a), to: `${pid}s${p}`, classes: "dag-input", label: null });
        if (a < 0) {
          nodes.push({
            id: `${pid}m${p}_${slot}`,
            cluster: pid,
            shape: "box",
            classes: "dag-missing",
            lines: [{ text: "missing input", size: 9 }],
            href: null,
            tooltip: "a stage asked for this input and did not get it",
            dashed: true,
          });
          edges.push({
            from: `${pid}m${p}_${slot}`,
            to: `${pid}s${p}`,
            classes: "dag-missing",
            label: null,
            dashed: true,
          });
        }
      });
      for (const a of first.stageOutputs[p] ?? [])
        if (a >= 0 && run.artifacts[a]?.record === first.index)
          edges.push({ from: `${pid}s${p}`, to: artifactId(a), classes: "dag-output", label: null });
    });
    for (const a of shapes.owned[first.index] ?? []) {
      const name = run.artifacts[a]?.name ?? "";
      nodes.push({
        id: artifactId(a),
        cluster: pid,
        shape: "box",
        classes: "dag-artifact",
        lines: [{ text: oneLine(name), size: 9 }],
        href: hrefTo(from, recordPagePath(first.index), artifactAnchor(a)),
        tooltip: many ? `${name} (${counted(shape.records.length, "record")}; opens record ${first.index})` : name,
      });
    }
    for (const r of shape.records) addCrossing(run, run.records[r], shapes, drawn, cross, artifactId);
  }
  for (const c of crossing.values())
    edges.push({
      from: c.from,
      to: c.to,
      classes: c.classes,
      label: c.n > 1 ? `×${count(c.n)}` : null,
      dashed: c.classes.includes("dag-record-link"),
    });
  return { clusters, nodes, edges };
}

/** Adds the edges of `record` that cross records: artifacts of others it reads or writes, and copies. */
function addCrossing(
  run: Run,
  record: RunRecord | undefined,
  shapes: RunShapes,
  drawn: number,
  cross: (f: string, t: string, c: string) => void,
  artifactId: (a: number) => string,
): void {
  if (record === undefined) return;
  const pid = pipelineId(shapes.shapeOf[record.index] ?? 0);
  const visible = (r: number) => (shapes.shapeOf[r] ?? 0) < drawn;
  let readsOthers = false;
  record.stageInputs.forEach((slots, p) => {
    for (const a of slots) {
      const owner = run.artifacts[a]?.record;
      if (a < 0 || owner === undefined || owner === record.index || !visible(owner)) continue;
      readsOthers = true;
      cross(artifactId(a), `${pid}s${p}`, "dag-input dag-cross-record");
    }
  });
  record.stageOutputs.forEach((slots, p) => {
    for (const a of slots) {
      const owner = run.artifacts[a]?.record;
      if (a >= 0 && owner !== undefined && owner !== record.index && visible(owner))
        cross(`${pid}s${p}`, artifactId(a), "dag-output dag-cross-record");
    }
  });
  // A copy that has not read anything of its source yet still shows where it came from.
  if (readsOthers || record.stages.length === 0) return;
  for (const source of record.inputRecords) {
    const src = run.records[source];
    if (src === undefined || source === record.index || !visible(source) || src.stages.length === 0) continue;
    cross(`${pipelineId(shapes.shapeOf[source] ?? 0)}s0`, `${pid}s0`, "dag-record-link");
  }
}

/** One box per pipeline, with counted edges between pipelines. */
function collapsedMap(run: Run, shapes: RunShapes, from: string, drawn: number): GraphSpec {
  const nodes: GraphNode[] = [];
  const links = new Map<string, number>();
  for (const shape of shapes.shapes.slice(0, drawn)) {
    const c = pipelineCluster(run, shape, from);
    const first = run.records[shape.records[0] ?? 0];
    const summary =
      first === undefined
        ? ""
        : `${counted(first.stages.length, "stage")}, ${counted(shapes.owned[first.index]?.length ?? 0, "artifact")}`;
    nodes.push({
      id: c.id,
      cluster: null,
      shape: "box",
      classes: c.classes,
      lines: [...c.lines, { text: summary, size: 9 }],
      href: c.href,
      tooltip: c.tooltip,
    });
    for (const r of shape.records) {
      const record = run.records[r];
      if (record === undefined) continue;
      const sources = new Set<number>(record.inputRecords);
      for (const slots of record.stageInputs)
        for (const a of slots) if (a >= 0) sources.add(run.artifacts[a]?.record ?? r);
      for (const s of sources) {
        const sourceShape = shapes.shapeOf[s] ?? 0;
        if (s === r || sourceShape >= drawn) continue;
        const key = `${sourceShape}>${shape.index}`;
        links.set(key, (links.get(key) ?? 0) + 1);
      }
    }
  }
  const edges = [...links].map(([key, n]): GraphEdge => {
    const [a = 0, b = 0] = key.split(">").map(Number);
    return { from: pipelineId(a), to: pipelineId(b), classes: "dag-record-link", label: n > 1 ? `×${count(n)}` : null };
  });
  return { clusters: [], nodes, edges };
}
