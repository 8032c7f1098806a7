/**
 * Drawing primitives shared by the graphs drawn without Graphviz (recordSvg.ts, collapsedMapSvg.ts),
 * in Graphviz's own SVG style (same fonts, text elements, arrowheads and root attributes as
 * `processSvg` leaves), so both kinds of graph look and behave alike on a page.
 */
import { escapeHtml, showControlChars } from "../util/escape.js";
import { GRAPH_CLASS } from "./svg.js";

/** The font every graph uses (as in the DOT sources). */
export const GRAPH_FONT = "Helvetica,Arial,sans-serif";

const ARROW = 6.5;
const ARROW_HALF = 2.3;

/** A point in SVG user units (points). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A coordinate with at most two decimals, as Graphviz writes them. */
export function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Closed polygon points of a rectangle. */
export function rectPoints(x: number, y: number, w: number, h: number): string {
  const [l, t, r, b] = [num(x), num(y), num(x + w), num(y + h)];
  return `${l},${t} ${l},${b} ${r},${b} ${r},${t} ${l},${t}`;
}

/**
 * Text for SVG content or attributes. Most labels hold nothing to escape, and testing for that
 * first is several times faster than escaping (a 1,000-record report draws ~50,000 labels).
 */
export function svgEscape(text: string): string {
  return /[&<>"']/.test(text) ? escapeHtml(text) : text;
}

/**
 * A `<text>` element; `line` is plain text (escaped here). The font and `xml:space="preserve"`
 * (several spaces in a preview stay several) are set once on the root by `svgHead` and inherited.
 */
export function svgText(line: string, x: number, y: number, size: number, anchor: "start" | "middle", extra = ""): string {
  return `<text text-anchor="${anchor}" x="${num(x)}" y="${num(y)}"${extra} font-size="${size}">${svgEscape(line)}</text>`;
}

/**
 * The opening of a graph: the root `<svg>` (namespace, class, size in points, viewBox, role,
 * accessible name), the graph group with its `<title>`, and the white background polygon.
 */
export function svgHead(width: number, height: number, idPrefix: string, title: string): string[] {
  const name = escapeHtml(showControlChars(title));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="${GRAPH_CLASS}" width="${num(width)}pt" height="${num(height)}pt" viewBox="0.00 0.00 ${num(width)} ${num(height)}" role="img" aria-label="${name}" font-family="${GRAPH_FONT}" xml:space="preserve">`,
    `<g id="${idPrefix}graph0" class="graph">`,
    `<title>${name}</title>`,
    `<polygon fill="white" stroke="none" points="${rectPoints(0, 0, width, height)}"/>`,
  ];
}

/** Closes what `svgHead` opened. */
export const SVG_TAIL = ["</g>", "</svg>"];

/**
 * An edge's path and arrowhead: it leaves the source at the middle of its bottom (`fromHalf`
 * below the first route point), passes every route point with vertical tangents, and ends with an
 * arrowhead touching the target's top (`toHalf` above the last point). Upward routes mirror this.
 */
export function edgeShapes(route: readonly Point[], fromHalf: number, toHalf: number, colour: string, dashed: boolean): string {
  if (route.length < 2) return "";
  const first = route[0] as Point;
  const last = route.at(-1) as Point;
  const sign = last.y >= first.y ? 1 : -1;
  const tipY = last.y - sign * toHalf;
  const pts = [{ x: first.x, y: first.y + sign * fromHalf }, ...route.slice(1, -1), { x: last.x, y: tipY - sign * ARROW }];
  let d = `M${num(pts[0]?.x ?? 0)},${num(pts[0]?.y ?? 0)}`;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1] as Point;
    const b = pts[i] as Point;
    const mid = (a.y + b.y) / 2;
    d += `C${num(a.x)},${num(mid)} ${num(b.x)},${num(mid)} ${num(b.x)},${num(b.y)}`;
  }
  const base = tipY - sign * ARROW;
  return [
    `<path fill="none" stroke="${colour}"${dashed ? ` stroke-dasharray="5,2"` : ""} d="${d}"/>`,
    `<polygon fill="${colour}" stroke="${colour}" points="${num(last.x - ARROW_HALF)},${num(base)} ${num(last.x)},${num(tipY)} ${num(last.x + ARROW_HALF)},${num(base)} ${num(last.x - ARROW_HALF)},${num(base)}"/>`,
  ].join("\n");
}
