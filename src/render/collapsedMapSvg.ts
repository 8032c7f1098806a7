/**
 * The collapsed stage map (one rounded box per record, edges between records labelled with how many
 * artifacts flow) drawn straight to inline SVG with the layered layout, without Graphviz. The map
 * collapses only for big runs, where Graphviz's load and layout cost 0.5–1.5 s (one rank of 1,000
 * record boxes); this draws the same nodes, edges, ids, classes and tooltips as
 * `layoutSvg(fullDot(run, { collapse: true }), …)` in a few milliseconds. `graphs/full.gv` still
 * holds the whole map for Graphviz.
 */
import type { Run } from "../run/model.js";
import { timed } from "../util/phases.js";
import { buildDag, labelText, recordLinks, type Dag } from "./dag.js";
import { plural } from "./dot.js";
import { layered, type PlacedEdge, type PlacedNode } from "./layered.js";
import { edgeShapes, num, SVG_TAIL, svgEscape, svgHead, svgText as text } from "./svgDraw.js";
import { textWidth } from "./textWidth.js";

const MARGIN = 4;
const NODE_FONT = 11;
const EDGE_FONT = 9;

/** Options of `collapsedMapSvg`. */
export interface CollapsedMapOptions {
  /** Prefix of every id in the SVG (e.g. `gm-`). */
  readonly idPrefix: string;
  /** Accessible name of the graph. */
  readonly title: string;
}

/** One record box. */
interface RecordBox {
  readonly id: string;
  readonly cls: string;
  readonly colour: string;
  readonly lines: readonly string[];
  readonly width: number;
  readonly height: number;
}

/** Draws the collapsed map of `run` as inline-ready SVG. */
export function collapsedMapSvg(run: Run, options: CollapsedMapOptions): string {
  return timed("layout", () => drawCollapsedMap(run, options));
}

function drawCollapsedMap(run: Run, options: CollapsedMapOptions): string {
  const dag = buildDag(run);
  const boxes = recordBoxes(dag);
  const links = recordLinks(run, dag);
  const edges = links.map((l) => ({ from: `r${l.from}`, to: `r${l.to}` }));
  const layout = layered([...boxes.values()], edges, { nodeSep: 18, rankSep: 40 });
  const outDegree = countBy(links.map((l) => l.from));
  const inDegree = countBy(links.map((l) => l.to));
  const labels = links.map((l, i) => {
    const text = l.artifacts > 0 ? plural(l.artifacts, "artifact") : null;
    // Fan-out labels sit near the target and fan-in labels near the source, where the edges are apart.
    const t = (outDegree.get(l.from) ?? 0) > 1 && (inDegree.get(l.to) ?? 0) <= 1 ? 0.7 : 0.3;
    const placed = layout.edges[i];
    return text === null || placed === undefined ? null : { text, at: pointAlong(placed, boxes, t) };
  });
  const extraRight = Math.max(0, ...labels.map((l) => (l === null ? 0 : l.at.x + 3 + textWidth(l.text, EDGE_FONT) - layout.width)));
  const width = layout.width + extraRight + 2 * MARGIN;
  const height = layout.height + 2 * MARGIN;
  const p = options.idPrefix;
  const parts = svgHead(width, height, p, options.title);
  const shift = (n: PlacedNode): PlacedNode => ({ ...n, x: n.x + MARGIN, y: n.y + MARGIN });
  for (const box of boxes.values()) {
    const placed = layout.nodes.get(box.id);
    if (placed !== undefined) parts.push(boxSvg(box, shift(placed), p));
  }
  links.forEach((link, i) => {
    const placed = layout.edges[i];
    const from = boxes.get(`r${link.from}`);
    const to = boxes.get(`r${link.to}`);
    if (placed === undefined || from === undefined || to === undefined) return;
    const label = labels[i] ?? null;
    const moved = { ...placed, points: placed.points.map((q) => ({ x: q.x + MARGIN, y: q.y + MARGIN })) };
    parts.push(edgeSvg(moved, from, to, { id: `${p}edge${i + 1}`, dashed: link.artifacts === 0, label: label && { text: label.text, at: { x: label.at.x + MARGIN, y: label.at.y + MARGIN } } }));
  });
  parts.push(...SVG_TAIL);
  return parts.join("\n");
}

/** A box per record: title, args line and `n stages, m artifacts`, in the record's colour. */
function recordBoxes(dag: Dag): Map<string, RecordBox> {
  const counts = new Map<number, { stages: number; artifacts: number }>();
  for (const node of dag.nodes) {
    const c = counts.get(node.record) ?? { stages: 0, artifacts: 0 };
    if (node.kind === "stage") c.stages++;
    if (node.kind === "artifact") c.artifacts++;
    counts.set(node.record, c);
  }
  const boxes = new Map<string, RecordBox>();
  for (const cluster of dag.clusters) {
    const c = counts.get(cluster.record) ?? { stages: 0, artifacts: 0 };
    const lines = [cluster.title, cluster.subtitle, `${plural(c.stages, "stage")}, ${plural(c.artifacts, "artifact")}`].flatMap((l) => labelText(l).split("\n"));
    const id = `r${cluster.record}`;
    boxes.set(id, {
      id,
      cls: cluster.aggregate ? "dag-record dag-aggregate" : "dag-record",
      colour: cluster.colour,
      lines,
      width: Math.max(54, Math.max(...lines.map((l) => textWidth(l, NODE_FONT))) + 16),
      height: lines.length * NODE_FONT * 1.2 + 8,
    });
  }
  return boxes;
}

function countBy(values: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** The point a fraction `t` of the way down an edge (between the outlines of its ends). */
function pointAlong(edge: PlacedEdge, boxes: ReadonlyMap<string, RecordBox>, t: number): { x: number; y: number } {
  const first = edge.points[0] ?? { x: 0, y: 0 };
  const last = edge.points.at(-1) ?? first;
  const y0 = first.y + (boxes.get(edge.from)?.height ?? 0) / 2;
  const y1 = last.y - (boxes.get(edge.to)?.height ?? 0) / 2;
  const y = y0 + (y1 - y0) * t;
  // Follow the route: find the segment that spans y and interpolate x on it.
  for (let i = 1; i < edge.points.length; i++) {
    const a = edge.points[i - 1] as { x: number; y: number };
    const b = edge.points[i] as { x: number; y: number };
    if (y >= a.y && y <= b.y && b.y > a.y) return { x: a.x + ((b.x - a.x) * (y - a.y)) / (b.y - a.y), y };
  }
  return { x: first.x + (last.x - first.x) * t, y };
}

function boxSvg(box: RecordBox, p: PlacedNode, prefix: string): string {
  const lineHeight = NODE_FONT * 1.2;
  const left = p.x - box.width / 2;
  const top = p.y - box.height / 2;
  return [
    `<g id="${prefix}${box.id}" class="node ${box.cls}">`,
    `<title>${box.lines.map(svgEscape).join(" · ")}</title>`,
    `<rect fill="${box.colour}" stroke="${box.colour}" x="${num(left)}" y="${num(top)}" width="${num(box.width)}" height="${num(box.height)}" rx="5" ry="5"/>`,
    ...box.lines.map((l, i) => text(l, p.x, p.y + (i - (box.lines.length - 1) / 2) * lineHeight + NODE_FONT * 0.35, NODE_FONT, "middle")),
    `</g>`,
  ].join("\n");
}

function edgeSvg(edge: PlacedEdge, from: RecordBox, to: RecordBox, o: { id: string; dashed: boolean; label: { text: string; at: { x: number; y: number } } | null }): string {
  const title = `${svgEscape(from.lines[0] ?? "")} → ${svgEscape(to.lines[0] ?? "")}${o.label === null ? "" : ` (${svgEscape(o.label.text)})`}`;
  return [
    `<g id="${o.id}" class="edge dag-record-link">`,
    `<title>${title}</title>`,
    edgeShapes(edge.points, from.height / 2, to.height / 2, "black", o.dashed),
    ...(o.label === null ? [] : [text(o.label.text, o.label.at.x + 3, o.label.at.y + EDGE_FONT * 0.35, EDGE_FONT, "start")]),
    `</g>`,
  ].join("\n");
}
