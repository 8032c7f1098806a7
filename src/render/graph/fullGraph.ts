/**
 * The whole-run DAG as a drawn graph (`graphs/full.gv`, `curi-report dag` without `--record`):
 * every record a filled cluster with all its stages, artifacts and missing inputs, edges across
 * records kept (copies, aggregates), in the shape of curifactory's `full.gv`. Past Kedro-Viz's
 * size rule an SVG shows one box per record instead, with edges counted in artifacts. Node ids are
 * the DAG's (`s<record>_<position>`, `a<artifact>`, `m<record>_<position>_<slot>`, `r<record>`).
 */
import type { Run } from "../../run/model.js";
import { counted } from "../facts/recordShapes.js";
import { artifactAnchor, hrefTo, recordPagePath, stageAnchor } from "../router.js";
import type { Dag } from "./dag.js";
import { dagSize, nodeCounts, recordLinks } from "./dag.js";
import { artifactNode, edgeClasses, missingNode, recordCluster, stageNode } from "./graphNodes.js";
import type { GraphNode, GraphSpec } from "./graphSpec.js";

/** Above this size (nodes + 1.5 × edges, Kedro-Viz's rule) an SVG of the whole DAG shows one box per record. */
export const COLLAPSE_THRESHOLD = 1000;

/** True when the whole-run DAG is too big to read or lay out quickly, so its SVG should collapse. */
export function shouldCollapse(dag: Dag): boolean {
  return dagSize(dag) > COLLAPSE_THRESHOLD;
}

/** Id of record `index`'s cluster (or box). */
function recordId(index: number): string {
  return `r${index}`;
}

/** Every record with all its nodes; links relative to the file or page at `from`. */
export function fullGraphSpec(run: Run, dag: Dag, from: string): GraphSpec {
  // Each record's page, relative to `from`, worked out once (a sweep has thousands of nodes a record).
  const pages = dag.clusters.map((c) => hrefTo(from, recordPagePath(c.record), null));
  const at = (record: number, anchor: string) => `${pages[record] ?? ""}#${anchor}`;
  const nodes = dag.nodes.map((node): GraphNode => {
    const cluster = recordId(node.record);
    switch (node.kind) {
      case "stage":
        return stageNode(node, node.id, cluster, at(node.record, stageAnchor(node.position)));
      case "artifact":
        return artifactNode(node, node.id, cluster, at(node.record, artifactAnchor(node.artifact)), "name");
      case "missing":
        return missingNode(node.id, cluster, at(node.record, stageAnchor(node.position)));
    }
  });
  return {
    clusters: dag.clusters.map((c) => recordCluster(run, c.record, recordId(c.record), pages[c.record] ?? null)),
    nodes,
    edges: dag.edges.map((e) =>
      e.kind === "missing"
        ? { from: e.from, to: e.to, classes: edgeClasses(e), label: null, dashed: true }
        : { from: e.from, to: e.to, classes: edgeClasses(e), label: null },
    ),
    spacing: { nodesep: 0.15, ranksep: 0.15 },
  };
}

/** One box per record, with edges between records labelled by how many artifacts flow. */
export function collapsedGraphSpec(run: Run, dag: Dag, from: string): GraphSpec {
  const counts = nodeCounts(dag);
  const nodes = dag.clusters.map((c): GraphNode => {
    const cluster = recordCluster(run, c.record, recordId(c.record), hrefTo(from, recordPagePath(c.record), null));
    const n = counts.get(c.record) ?? { stages: 0, artifacts: 0 };
    return {
      id: cluster.id,
      cluster: null,
      shape: "box",
      classes: cluster.classes,
      lines: [
        ...cluster.lines,
        { text: `${counted(n.stages, "stage")}, ${counted(n.artifacts, "artifact")}`, size: 9 },
      ],
      href: cluster.href,
      tooltip: cluster.tooltip,
      colour: cluster.colour,
    };
  });
  const edges = recordLinks(run, dag).map((link) => ({
    from: recordId(link.from),
    to: recordId(link.to),
    classes: "dag-record-link",
    label: link.artifacts > 0 ? counted(link.artifacts, "artifact") : null,
    ...(link.artifacts > 0 ? {} : { dashed: true }),
  }));
  return { clusters: [], nodes, edges, spacing: { nodesep: 0.25, ranksep: 0.3 } };
}
