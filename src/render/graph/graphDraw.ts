/**
 * The one SVG producer of graphs: draws a `GraphSpec` at the positions Graphviz chose for its shape
 * (graphLayout.ts), with this graph's own texts: each line clipped to its node with `…`, the full
 * text in the tooltip. Failures are marked by class (`dag-failed`, styled by the page) and also in
 * presentation attributes, so an SVG file on its own shows them too.
 * Every node and cluster with a place to go is a plain `<a href>` (no script), so the graph is
 * clickable without JavaScript and from `file://`.
 */
import { clipField } from "../../util/clip.js";
import { escapeHtml, escapeShown } from "../../util/escape.js";
import type { EdgePath, GraphLayout, NodeBox, Point, TextSpot } from "./graphLayout.js";
import type { GraphCluster, GraphEdge, GraphLine, GraphNode, GraphSpec } from "./graphSpec.js";
import { clipLine, FONT_SLACK, LINE_HEIGHT } from "./graphSpec.js";

/** Class on every root `<svg>` of a graph; CSS sizes it (`max-width: 100%; height: auto`). */
export const GRAPH_CLASS = "curi-graph";

/** Options of `drawGraph`. */
export interface DrawOptions {
  /** Prefix of every id in the SVG (`gm-`, `gr-`), unique per SVG on a page. */
  readonly idPrefix: string;
  /** Accessible name of the graph. */
  readonly title: string;
  /** Cluster to mark as the one being viewed (class `dag-current`). */
  readonly current?: string | null;
}

const SAFE_PREFIX = /^[A-Za-z][A-Za-z0-9_-]*$/;
const MARGIN = 4;
/** Red of a failure: the same as the page's stylesheet. */
const FAILED_STROKE = "#c00000";

function failed(classes: string): boolean {
  return classes.split(" ").includes("dag-failed");
}

/** The graph as one `<svg>` element, ready to sit inline in a page. */
export function drawGraph(spec: GraphSpec, layout: GraphLayout, options: DrawOptions): string {
  if (!SAFE_PREFIX.test(options.idPrefix))
    throw new RangeError(
      `SVG id prefix ${JSON.stringify(options.idPrefix)} must start with a letter and hold only letters, digits, _ and -`,
    );
  const width = layout.width + 2 * MARGIN;
  const height = layout.height + 2 * MARGIN;
  const title = escapeShown(options.title);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="${GRAPH_CLASS}" width="${width}pt" height="${height}pt" viewBox="0 0 ${width} ${height}" role="group" aria-label="${title}" font-family="Helvetica,Arial,sans-serif">`,
    `<title>${title}</title>`,
    `<g transform="translate(${MARGIN} ${MARGIN})">`,
  ];
  for (const cluster of spec.clusters) parts.push(drawCluster(cluster, layout, options));
  const names = new Map(spec.nodes.map((n) => [n.id, n.lines[0]?.text ?? n.id] as const));
  spec.edges.forEach((edge, i) => parts.push(drawEdge(edge, layout.edges[i], options.idPrefix, i, names)));
  for (const node of spec.nodes) parts.push(drawNode(node, layout, options.idPrefix));
  parts.push("</g>", "</svg>");
  return parts.join("\n");
}

/**
 * `<a href>` around `body` when there is a link; the tooltip goes in a `<title>` either way, shortened
 * like any field (a 10 MB artifact representation would otherwise make the page 10 MB).
 */
function linked(href: string | null, tooltip: string, body: string): string {
  const tip = tooltip === "" ? "" : `<title>${escapeShown(clipField(tooltip))}</title>`;
  return href === null ? `${tip}${body}` : `<a href="${escapeHtml(href)}">${tip}${body}</a>`;
}

function drawCluster(cluster: GraphCluster, layout: GraphLayout, options: DrawOptions): string {
  const box = layout.clusters.get(cluster.id);
  if (box === undefined) return "";
  const current = options.current === cluster.id ? " dag-current" : "";
  const stroke = failed(cluster.classes)
    ? `"${FAILED_STROKE}" stroke-width="2" stroke-dasharray="6 3"`
    : `"${cluster.colour}"`;
  const rect = `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="4" fill="${cluster.colour}" stroke=${stroke}/>`;
  const text = texts(cluster.lines, box.label, box.width - 8, null);
  return `<g id="${options.idPrefix}${cluster.id}" class="cluster ${cluster.classes}${current}">${rect}${linked(cluster.href, cluster.tooltip, text)}</g>`;
}

function drawEdge(
  edge: GraphEdge,
  path: GraphLayout["edges"][number] | undefined,
  prefix: string,
  i: number,
  names: ReadonlyMap<string, string>,
): string {
  if (path === undefined || path.points.length < 2) return "";
  const { d, arrow } = edgeGeometry(path);
  const dash = edge.dashed === true ? ` stroke-dasharray="5,2"` : "";
  const label = edge.label === null ? "" : texts([{ text: edge.label, size: 9 }], path.label, 200, null);
  const title = `${names.get(edge.from) ?? edge.from} → ${names.get(edge.to) ?? edge.to}${edge.label === null ? "" : ` (${edge.label})`}`;
  return `<g id="${prefix}e${i}" class="edge ${edge.classes}"><title>${escapeShown(clipField(title))}</title><path d="${d}" fill="none" stroke="#333"${dash}/>${arrow}${label}</g>`;
}

/**
 * The markup of an edge's curve and arrowhead, made once per laid-out edge: every record of a shape
 * is drawn on the same layout, and writing its numbers out was a tenth of a sweep's drawing.
 */
const edgeGeometries = new WeakMap<EdgePath, { readonly d: string; readonly arrow: string }>();

function edgeGeometry(path: EdgePath): { readonly d: string; readonly arrow: string } {
  return madeOnce(edgeGeometries, path, () => {
    const [first, ...rest] = path.points;
    const d = `M${pt(first as Point)}${rest.length % 3 === 0 ? `C${rest.map(pt).join(" ")}` : `L${rest.map(pt).join(" ")}`}`;
    const arrow =
      path.arrow.length > 0 ? `<polygon points="${path.arrow.map(pt).join(" ")}" fill="#333" stroke="#333"/>` : "";
    return { d, arrow };
  });
}

/** The value `map` holds for `key`, made by `make` (and kept) the first time. */
function madeOnce<K, V>(map: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/** A node's outline, rules and text spots: what its box and its lines' sizes decide, whatever the texts. */
interface NodeGeometry {
  readonly shape: string;
  readonly rules: string;
  readonly spots: readonly TextSpot[];
}

/** Per laid-out node box, its geometry for each way of drawing it (outline style and line sizes), made once. */
const nodeGeometries = new WeakMap<NodeBox, Map<string, NodeGeometry>>();

function drawNode(node: GraphNode, layout: GraphLayout, prefix: string): string {
  const box = layout.nodes.get(node.id);
  if (box === undefined) return "";
  const red = failed(node.classes);
  const fill = node.colour ?? "white";
  const paint = red
    ? ` fill="${node.colour ?? "#fff0f0"}" stroke="${FAILED_STROKE}" stroke-width="2.5"`
    : ` fill="${fill}" stroke="#333"`;
  const dash = `${node.dashed === true ? ` stroke-dasharray="4,2"` : ""}${paint}`;
  const byStyle = madeOnce(nodeGeometries, box, () => new Map<string, NodeGeometry>());
  const key = `${node.shape}${node.rows === true ? "r" : ""}${dash}|${node.lines.map((l) => l.size).join(",")}`;
  const geometry = madeOnce(byStyle, key, () => nodeGeometry(node, box, dash));
  const inner = ((node.shape === "ellipse" ? box.width / 1.18 : box.width) - 16) / FONT_SLACK;
  const body = `${geometry.shape}${geometry.rules}${texts(node.lines, geometry.spots, inner, red ? "#a00000" : null)}`;
  return `<g id="${prefix}${node.id}" class="node ${node.classes}">${linked(node.href, node.tooltip, body)}</g>`;
}

/** The outline, rules and text spots of `node` in `box`, outlined with `dash` (its stroke and fill attributes). */
function nodeGeometry(node: GraphNode, box: NodeBox, dash: string): NodeGeometry {
  const x = box.cx - box.width / 2;
  const y = box.cy - box.height / 2;
  const shape =
    node.shape === "ellipse"
      ? `<ellipse cx="${box.cx}" cy="${box.cy}" rx="${r1(box.width / 2)}" ry="${r1(box.height / 2)}"${dash}/>`
      : `<rect x="${r1(x)}" y="${r1(y)}" width="${box.width}" height="${box.height}"${dash}/>`;
  const total = node.lines.reduce((h, l) => h + l.size * LINE_HEIGHT, 0);
  let top = box.cy - total / 2;
  const spots: TextSpot[] = [];
  const rules: string[] = [];
  node.lines.forEach((line, i) => {
    spots.push({ at: [box.cx, r1(top + line.size * 1.02)], size: line.size, anchor: "middle" });
    top += line.size * LINE_HEIGHT;
    if (node.rows === true && i < node.lines.length - 1)
      rules.push(`<line x1="${r1(x)}" x2="${r1(x + box.width)}" y1="${r1(top)}" y2="${r1(top)}" stroke="#999"/>`);
  });
  return { shape, rules: rules.join(""), spots };
}

/** Text lines at their spots, each clipped to `maxWidth` points, in `colour` (default black). */
function texts(
  lines: readonly GraphLine[],
  spots: readonly TextSpot[],
  maxWidth: number,
  colour: string | null,
): string {
  const fill = colour === null ? "" : ` fill="${colour}"`;
  return lines
    .map((line, i) => {
      const spot = spots[i];
      if (spot === undefined) return "";
      const weight = line.bold === true ? ` font-weight="bold"` : "";
      const style = line.italic === true ? ` font-style="italic"` : "";
      const shown = escapeShown(clipLine(line, Math.max(maxWidth, 10)));
      return `${textHead(spot)}${line.size}"${weight}${style}${fill}>${shown}</text>`;
    })
    .join("");
}

/** Per text spot, the start of its `<text>` element up to the font size, made once (spots come from shared layouts). */
const textHeads = new WeakMap<TextSpot, string>();

function textHead(spot: TextSpot): string {
  return madeOnce(
    textHeads,
    spot,
    () => `<text x="${spot.at[0]}" y="${spot.at[1]}" text-anchor="${spot.anchor}" font-size="`,
  );
}

function pt(p: Point): string {
  return `${p[0]},${p[1]}`;
}

function r1(n: number): number {
  return Math.round(n * 10) / 10;
}
