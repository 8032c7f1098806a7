/**
 * The node shapes of the graphs drawn without Graphviz, in the look of the DOT sources: stages as
 * white ellipses (name, timing), artifacts as curifactory's three-row table (record graphs) or a
 * one-line box (the run map), and small boxes for missing inputs and other records' artifacts.
 * A shape knows its size (for layout) and draws itself centred on a placed point.
 */
import { labelText } from "./dag.js";
import { num, rectPoints as rect, svgEscape, svgText as text } from "./svgDraw.js";
import { textWidth } from "./textWidth.js";

const CELL_PAD = 3;

/** What one node draws: its box, kind-specific shapes and text, and its tooltip. */
export interface Shape {
  readonly id: string;
  /** Classes after `node` (e.g. `dag-stage dag-cached`). */
  readonly cls: string;
  readonly width: number;
  readonly height: number;
  /** First text line, used in edge tooltips. */
  readonly head: string;
  /** Tooltip, already escaped (every text line joined by ` · `). */
  readonly tooltip: string;
  /** The shape's SVG elements, centred on `(x, y)`. */
  readonly draw: (p: { readonly x: number; readonly y: number }) => string;
}

/** Colours and style of a box shape. */
export interface BoxStyle {
  readonly fill: string;
  readonly stroke: string;
  readonly text: string;
  readonly dashed: boolean;
  readonly fontSize: number;
}

/** The lines a label shows (cleaned and capped by `labelText`, as in the DOT sources). */
export function labelLines(label: string): string[] {
  return labelText(label).split("\n");
}

/** The `<g>` of a node: its id, classes, tooltip and shapes. */
export function nodeGroup(shape: Shape, idPrefix: string, at: { readonly x: number; readonly y: number }): string {
  return [`<g id="${idPrefix}${shape.id}" class="node ${shape.cls}">`, `<title>${shape.tooltip}</title>`, shape.draw(at), `</g>`].join("\n");
}

/** A white ellipse of centred lines (a stage: name and timing). */
export function ellipseShape(id: string, cls: string, lines: readonly string[], fontSize: number): Shape {
  const lineHeight = fontSize * 1.2;
  const rx = Math.max(27, (Math.max(...lines.map((l) => textWidth(l, fontSize))) / 2) * 1.15 + 8);
  const ry = Math.max(18, (lines.length * lineHeight) / 2 + 9);
  return {
    id,
    cls,
    width: 2 * rx,
    height: 2 * ry,
    head: lines[0] ?? "",
    tooltip: lines.map(svgEscape).join(" · "),
    draw: (p) =>
      [
        `<ellipse fill="white" stroke="black" cx="${num(p.x)}" cy="${num(p.y)}" rx="${num(rx)}" ry="${num(ry)}"/>`,
        ...lines.map((l, i) => text(l, p.x, p.y + (i - (lines.length - 1) / 2) * lineHeight + fontSize * 0.35, fontSize, "middle")),
      ].join("\n"),
  };
}

/** Curifactory's artifact table: bold name, the preview (left-aligned), the cache path or `no file`, each of one or more lines. */
export function tableShape(id: string, name: readonly string[], preview: readonly string[], path: readonly string[] | null, fontSize: number): Shape {
  const lineHeight = fontSize * 1.2;
  const rows = [name, preview, path ?? ["no file"]];
  const rowHeights = rows.map((r) => r.length * lineHeight + 2 * CELL_PAD + 2);
  const textWidths = rows.flatMap((row, r) => row.map((l) => textWidth(l, fontSize, r === 0)));
  const width = Math.max(...textWidths) + 2 * CELL_PAD + 2;
  const height = rowHeights.reduce((a, b) => a + b, 0);
  const shown = rows.flat().filter((l) => l !== "");
  return {
    id,
    cls: "dag-artifact",
    width,
    height,
    head: shown[0] ?? "",
    tooltip: shown.map(svgEscape).join(" · "),
    draw: (p) => {
      const left = p.x - width / 2;
      let top = p.y - height / 2;
      const out = [`<polygon fill="white" stroke="none" points="${rect(left, top, width, height)}"/>`];
      rows.forEach((row, r) => {
        const h = rowHeights[r] as number;
        out.push(`<polygon fill="none" stroke="black" points="${rect(left, top, width, h)}"/>`);
        row.forEach((line, i) => {
          if (line === "") return;
          const y = top + 1 + CELL_PAD + (i + 0.8) * lineHeight;
          if (r === 1) out.push(text(line, left + 1 + CELL_PAD, y, fontSize, "start"));
          else out.push(text(line, p.x, y, fontSize, "middle", r === 0 ? ` font-weight="bold"` : path === null ? ` font-style="italic"` : ""));
        });
        top += h;
      });
      return out.join("\n");
    },
  };
}

/** A box of one or two centred lines (an artifact on the map, a missing input, another record's artifact). */
export function boxShape(id: string, cls: string, lines: readonly string[], style: BoxStyle): Shape {
  const lineHeight = style.fontSize * 1.2;
  const width = Math.max(...lines.map((l) => textWidth(l, style.fontSize))) + 16;
  const height = Math.max(14.4, lines.length * lineHeight + 8);
  const dash = style.dashed ? ` stroke-dasharray="5,2"` : "";
  const colour = style.text === "black" ? "" : ` fill="${style.text}"`;
  return {
    id,
    cls,
    width,
    height,
    head: lines[0] ?? "",
    tooltip: lines.map(svgEscape).join(" · "),
    draw: (p) =>
      [
        `<polygon fill="${style.fill}" stroke="${style.stroke}"${dash} points="${rect(p.x - width / 2, p.y - height / 2, width, height)}"/>`,
        ...lines.map((l, i) => text(l, p.x, p.y + (i - (lines.length - 1) / 2) * lineHeight + style.fontSize * 0.35, style.fontSize, "middle", colour)),
      ].join("\n"),
  };
}

/** The dashed red box of an input a stage asked for but did not get. */
export const MISSING_STYLE: BoxStyle = { fill: "#fff0f0", stroke: "#c00000", text: "#c00000", dashed: true, fontSize: 9 };
