/**
 * The whole-run stage map drawn straight to inline SVG, without Graphviz: every record a filled
 * cluster of its stages (white ellipses) and artifacts (boxes), edges across records kept, with
 * the nodes, edges, ids, classes, colours and tooltips of `layoutSvg(fullDot(run), …)`, placed by
 * `clusteredLayout.ts`. Loading Graphviz's WebAssembly and laying out its first graph cost a
 * process ~0.2–0.3 s, more than the rest of a small report; `graphs/full.gv` is still written for
 * anyone who wants Graphviz's own drawing.
 */
import type { Run } from "../run/model.js";
import { timed } from "../util/phases.js";
import { clusteredLayout } from "./clusteredLayout.js";
import { buildDag, stageTiming, type DagEdge, type DagNode } from "./dag.js";
import { boxShape, ellipseShape, labelLines, MISSING_STYLE, nodeGroup, type Shape } from "./graphShapes.js";
import { edgeShapes, rectPoints, SVG_TAIL, svgEscape, svgHead, svgText } from "./svgDraw.js";
import { textWidth } from "./textWidth.js";

const MARGIN = 4;
const LABEL_FONT = 10;
const STAGE_FONT = 12;
const ARTIFACT_STYLE = { fill: "none", stroke: "black", text: "black", dashed: false, fontSize: 10 };

/** Options of `mapSvg`. */
export interface MapSvgOptions {
  /** Prefix of every id in the SVG (e.g. `gm-`). */
  readonly idPrefix: string;
  /** Accessible name of the graph. */
  readonly title: string;
}

/** Draws the whole-run map of `run` as inline-ready SVG. */
export function mapSvg(run: Run, options: MapSvgOptions): string {
  return timed("layout", () => drawMap(run, options));
}

function drawMap(run: Run, options: MapSvgOptions): string {
  const dag = buildDag(run);
  const shapes = new Map<string, Shape>(dag.nodes.map((n) => [n.id, mapShape(n)] as const));
  const labels = new Map(dag.clusters.map((c) => [c.id, [...labelLines(c.title), ...labelLines(c.subtitle)]] as const));
  const clusterOfRecord = new Map(dag.clusters.map((c) => [c.record, c.id] as const));
  const layout = clusteredLayout(
    dag.nodes.map((n) => ({ id: n.id, width: shapes.get(n.id)?.width ?? 0, height: shapes.get(n.id)?.height ?? 0, cluster: clusterOfRecord.get(n.record) ?? "" })),
    dag.clusters.map((c) => ({ id: c.id, labelWidth: Math.max(...(labels.get(c.id) ?? []).map((l) => textWidth(l, LABEL_FONT))), labelHeight: (labels.get(c.id)?.length ?? 2) * LABEL_FONT * 1.2 + 4 })),
    dag.edges,
    { nodeSep: 10.8, rankSep: 14, clusterPad: 8, clusterSep: 16, clusterRankSep: 24 },
  );
  const width = layout.width + 2 * MARGIN;
  const height = layout.height + 2 * MARGIN;
  const at = (p: { x: number; y: number }) => ({ x: p.x + MARGIN, y: p.y + MARGIN });
  const p = options.idPrefix;
  const parts = svgHead(width, height, p, options.title);
  for (const cluster of dag.clusters) {
    const box = layout.clusters.get(cluster.id);
    if (box === undefined) continue;
    const lines = labels.get(cluster.id) ?? [];
    const { x, y } = at({ x: box.x - box.width / 2, y: box.y - box.height / 2 });
    parts.push(
      `<g id="${p}r${cluster.record}" class="cluster ${cluster.aggregate ? "dag-record dag-aggregate" : "dag-record"}">`,
      `<title>${lines.map(svgEscape).join(" · ")}</title>`,
      `<polygon fill="${cluster.colour}" stroke="${cluster.colour}" points="${rectPoints(x, y, box.width, box.height)}"/>`,
      ...lines.map((l, i) => svgText(l, x + box.width / 2, y + 8 + (i + 0.8) * LABEL_FONT * 1.2, LABEL_FONT, "middle")),
      `</g>`,
    );
  }
  for (const node of dag.nodes) {
    const shape = shapes.get(node.id);
    const box = layout.nodes.get(node.id);
    if (shape !== undefined && box !== undefined) parts.push(nodeGroup(shape, p, at(box)));
  }
  dag.edges.forEach((edge, i) => {
    const route = layout.routes[i];
    if (route !== null && route !== undefined && route.length >= 2) parts.push(edgeGroup(edge, route.map(at), shapes, `${p}edge${i + 1}`));
  });
  parts.push(...SVG_TAIL);
  return parts.join("\n");
}

/** A node as the map draws it: stages as ellipses, artifacts as one-line boxes, missing inputs dashed red. */
function mapShape(node: DagNode): Shape {
  switch (node.kind) {
    case "stage": {
      const timing = stageTiming(node);
      return ellipseShape(node.id, node.cached === true ? "dag-stage dag-cached" : "dag-stage", [...labelLines(node.label), ...(timing === null ? [] : [timing])], STAGE_FONT);
    }
    case "artifact":
      return boxShape(node.id, "dag-artifact", labelLines(node.label), ARTIFACT_STYLE);
    case "missing":
      return boxShape(node.id, "dag-missing", labelLines(node.label), MISSING_STYLE);
  }
}

/** An edge with its classes (`dag-input`, `dag-cross-record`, …) and tooltip `from → to`. */
function edgeGroup(edge: DagEdge, route: readonly { x: number; y: number }[], shapes: ReadonlyMap<string, Shape>, id: string): string {
  const from = shapes.get(edge.from);
  const to = shapes.get(edge.to);
  const missing = edge.kind === "missing";
  const classes = [`dag-${edge.kind}`, ...(edge.crossRecord ? ["dag-cross-record"] : [])].join(" ");
  return [
    `<g id="${id}" class="edge ${classes}">`,
    `<title>${svgEscape(from?.head ?? "")} → ${svgEscape(to?.head ?? "")}</title>`,
    edgeShapes(route, (from?.height ?? 0) / 2, (to?.height ?? 0) / 2, missing ? "#c00000" : "black", missing),
    `</g>`,
  ].join("\n");
}
