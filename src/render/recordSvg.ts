/**
 * A record's detailed stage graph drawn straight to inline SVG, without Graphviz: the same nodes,
 * edges, ids, classes, colours and tooltips as `layoutSvg(recordDot(run, i), …)` gives (stages as
 * white ellipses, artifacts as three-row tables of name, preview and cache path, dashed stubs for
 * other records' artifacts, red dashed markers for missing inputs, all in the record's filled
 * cluster), placed by the layered layout of `layered.ts`. It takes well under a millisecond a
 * record where Graphviz takes several, which is what lets a 1,000-record run report in seconds.
 * `graphs/record_<i>.gv` is still written, for anyone who wants Graphviz's own drawing.
 */
import type { Run } from "../run/model.js";
import { timed } from "../util/phases.js";
import type { DagEdge, DagNode } from "./dag.js";
import { stageTiming } from "./dag.js";
import { recordGraph, type RecordStub } from "./dot.js";
import { boxShape, ellipseShape, labelLines, MISSING_STYLE, nodeGroup, tableShape, type Shape } from "./graphShapes.js";
import { layered, type LayeredNode, type PlacedEdge, type PlacedNode } from "./layered.js";
import { edgeShapes, rectPoints as rect, SVG_TAIL, svgEscape, svgHead, svgText as text } from "./svgDraw.js";
import { textWidth } from "./textWidth.js";

const MARGIN = 4;
const CLUSTER_PAD = 8;
const CLUSTER_FONT = 14;
const STAGE_FONT = 12;
const TABLE_FONT = 9;

/** Options of `recordSvg`. */
export interface RecordSvgOptions {
  /** Prefix of every id in the SVG (e.g. `gr3-`), unique per SVG on a page. */
  readonly idPrefix: string;
  /** Accessible name of the graph (`aria-label` and its `<title>`). */
  readonly title: string;
}

/** Draws record `recordIndex` of `run` as inline-ready SVG. Throws RangeError for a missing record. */
export function recordSvg(run: Run, recordIndex: number, options: RecordSvgOptions): string {
  return timed("layout", () => drawRecord(run, recordIndex, options));
}

function drawRecord(run: Run, recordIndex: number, options: RecordSvgOptions): string {
  const graph = recordGraph(run, recordIndex);
  const shapes = new Map<string, Shape>();
  for (const node of graph.nodes) shapes.set(node.id, nodeShape(node));
  const stubIds = new Set(graph.stubs.map((s) => s.id));
  for (const stub of graph.stubs) shapes.set(stub.id, stubShape(stub));
  const edges = graph.edges.filter((e) => shapes.has(e.from) && shapes.has(e.to));
  const boxes: LayeredNode[] = [...shapes.values()].map((s) => ({ id: s.id, width: s.width, height: s.height }));
  const label = [graph.cluster.title, graph.cluster.subtitle].flatMap(labelLines);
  const labelHeight = label.length * CLUSTER_FONT * 1.2 + 4;
  // Other records' artifacts sit above (read) or below (written) the record's box, as Graphviz draws nodes outside a cluster.
  const pinned = new Map(graph.stubs.map((s) => [s.id, s.relation === "from" ? "top" : "bottom"] as const));
  const layout = layered(boxes, edges, { nodeSep: 14.4, rankSep: 18, pinned, topGap: labelHeight + 2 * CLUSTER_PAD, bottomGap: 2 * CLUSTER_PAD });

  const placed = [...layout.nodes.values()];
  const inside = placed.filter((n) => !stubIds.has(n.id));
  const bounds = {
    left: Math.min(...inside.map((n) => n.x - n.width / 2)) - CLUSTER_PAD,
    right: Math.max(...inside.map((n) => n.x + n.width / 2)) + CLUSTER_PAD,
    top: Math.min(...inside.map((n) => n.y - n.height / 2)) - CLUSTER_PAD - labelHeight,
    bottom: Math.max(...inside.map((n) => n.y + n.height / 2)) + CLUSTER_PAD,
  };
  const labelWidth = Math.max(...label.map((l) => textWidth(l, CLUSTER_FONT))) + 2 * CLUSTER_PAD;
  const widen = Math.max(0, labelWidth - (bounds.right - bounds.left)) / 2;
  const cluster = { x: bounds.left - widen, y: bounds.top, width: bounds.right - bounds.left + 2 * widen, height: bounds.bottom - bounds.top };
  // Shift everything so the drawing (cluster or stubs, whichever reaches further) starts at the margin.
  const dx = MARGIN - Math.min(cluster.x, ...placed.map((n) => n.x - n.width / 2));
  const dy = MARGIN - Math.min(cluster.y, ...placed.map((n) => n.y - n.height / 2));
  cluster.x += dx;
  cluster.y += dy;
  const at = (n: PlacedNode): PlacedNode => ({ ...n, x: n.x + dx, y: n.y + dy });
  const width = Math.max(cluster.x + cluster.width, ...placed.map((n) => n.x + dx + n.width / 2)) + MARGIN;
  const height = Math.max(cluster.y + cluster.height, ...placed.map((n) => n.y + dy + n.height / 2)) + MARGIN;

  const p = options.idPrefix;
  const parts = [
    ...svgHead(width, height, p, options.title),
    `<g id="${p}r${graph.cluster.record}" class="cluster ${graph.cluster.aggregate ? "dag-record dag-aggregate" : "dag-record"}">`,
    `<title>${label.map(svgEscape).join(" · ")}</title>`,
    `<polygon fill="${graph.cluster.colour}" stroke="${graph.cluster.colour}" points="${rect(cluster.x, cluster.y, cluster.width, cluster.height)}"/>`,
    ...label.map((l, i) => text(l, cluster.x + cluster.width / 2, cluster.y + CLUSTER_PAD + (i + 0.8) * CLUSTER_FONT * 1.2, CLUSTER_FONT, "middle")),
    `</g>`,
  ];
  for (const shape of shapes.values()) {
    const placed = layout.nodes.get(shape.id);
    if (placed === undefined) continue;
    parts.push(nodeGroup(shape, p, at(placed)));
  }
  layout.edges.forEach((placed, i) => parts.push(edgeSvg(edges[i] as DagEdge, placed, shapes, layout.nodes, { dx, dy, id: `${p}edge${i + 1}` })));
  parts.push(...SVG_TAIL);
  return parts.join("\n");
}

/** The shape of a stage, artifact or missing-input node. */
function nodeShape(node: DagNode): Shape {
  switch (node.kind) {
    case "stage": {
      const timing = stageTiming(node);
      const lines = [...labelLines(node.label), ...(timing === null ? [] : [timing])];
      return ellipseShape(node.id, node.cached === true ? "dag-stage dag-cached" : "dag-stage", lines, STAGE_FONT);
    }
    case "artifact": {
      return tableShape(node.id, labelLines(node.label), labelLines(node.representation), node.path === null ? null : labelLines(node.path), TABLE_FONT);
    }
    case "missing":
      return boxShape(node.id, "dag-missing", labelLines(node.label), MISSING_STYLE);
  }
}

/** A dashed box standing for another record's artifact: `name` / `from record N`. */
function stubShape(stub: RecordStub): Shape {
  return boxShape(stub.id, "dag-external", [...labelLines(stub.node.label), `${stub.relation} record ${stub.node.record}`], STUB_STYLE);
}

/** Other records' artifacts: dashed grey boxes. */
const STUB_STYLE = { fill: "white", stroke: "#666666", text: "#444444", dashed: true, fontSize: TABLE_FONT };

/** An edge between two placed nodes, with its tooltip `from → to` by what each end shows first. */
function edgeSvg(edge: DagEdge, placed: PlacedEdge, shapes: ReadonlyMap<string, Shape>, nodes: ReadonlyMap<string, PlacedNode>, o: { dx: number; dy: number; id: string }): string {
  const fromShape = shapes.get(edge.from);
  const toShape = shapes.get(edge.to);
  if (!nodes.has(edge.from) || !nodes.has(edge.to) || !fromShape || !toShape) return "";
  const route = placed.points.map((q) => ({ x: q.x + o.dx, y: q.y + o.dy }));
  const missing = edge.kind === "missing";
  const classes = [`dag-${edge.kind}`, ...(edge.crossRecord ? ["dag-cross-record"] : [])].join(" ");
  return [
    `<g id="${o.id}" class="edge ${classes}">`,
    `<title>${svgEscape(fromShape.head)} → ${svgEscape(toShape.head)}</title>`,
    edgeShapes(route, fromShape.height / 2, toShape.height / 2, missing ? "#c00000" : "black", missing),
    `</g>`,
  ].join("\n");
}
