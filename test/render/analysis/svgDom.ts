/**
 * Reading the analysis charts as a browser reads an SVG file: htmlparser2 in XML mode, so a test
 * checks elements, attributes and text (what a person or a script sees), not bytes.
 */
import { DomUtils, parseDocument } from "htmlparser2";

/** An element of a parsed chart. */
export type SvgElement = ReturnType<typeof DomUtils.findAll>[number];

/** A parsed chart: its root `<svg>` and finders. */
export interface ParsedSvg {
  readonly root: SvgElement;
  /** Every element named `name` (anywhere). */
  readonly all: (name: string) => SvgElement[];
  /** Every element whose class list has `cls`. */
  readonly byClass: (cls: string) => SvgElement[];
}

/** Parses a chart; throws when it is not one well-formed `<svg>` element. */
export function parseSvg(svg: string): ParsedSvg {
  const doc = parseDocument(svg, { xmlMode: true });
  const roots = doc.children.filter((c) => DomUtils.isTag(c));
  const root = roots[0];
  if (roots.length !== 1 || root === undefined || !DomUtils.isTag(root) || root.name !== "svg")
    throw new Error("not one <svg> root");
  return {
    root,
    all: (name) => DomUtils.findAll((e) => e.name === name, [root]),
    byClass: (cls) => DomUtils.findAll((e) => (e.attribs["class"] ?? "").split(/\s+/).includes(cls), [root]),
  };
}

/** An attribute's value ("" when absent). */
export function attr(e: SvgElement, name: string): string {
  return e.attribs[name] ?? "";
}

/** The text of an element (its `<title>` children's text left out). */
export function textOf(e: SvgElement): string {
  return e.children
    .map((c) => (DomUtils.isTag(c) ? (c.name === "title" ? "" : textOf(c)) : DomUtils.textContent(c)))
    .join("");
}

/** Vertices of a path's data: every `x y` pair after an M or L command. */
export function pathPoints(d: string): { x: number; y: number }[] {
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
}
