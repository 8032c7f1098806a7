/**
 * Post-processing of graphviz SVG so that many graphs can sit inline in one HTML page (B7):
 * ids prefixed per graph (no `graph0`/`node1` repeated across SVGs), no XML prolog, DOCTYPE or
 * comments, human tooltips instead of internal ids (`a0`, `s0_1`, `%3`), an accessible name, and
 * sizing that CSS controls.
 *
 * This is string processing over graphviz's known SVG output, which is regular: every object is
 * `<g id="…" class="node|edge|cluster[ extra]">` followed by `<title>name</title>`, its shapes and
 * its `<text>` lines; text and attribute values are XML-escaped (`<`, `>`, `"` never appear raw
 * inside them), so a tag always runs from `<` to the next `>`.
 */
import { escapeHtml, showControlChars } from "../../util/escape.js";

/** Options of `processSvg`. */
export interface SvgOptions {
  /** Prepended to every id and internal reference, e.g. `gm-`; must start with a letter. */
  readonly idPrefix: string;
  /** Accessible name: the `aria-label` and the graph's `<title>`. */
  readonly title: string;
}

/** Class on every processed root `<svg>`; CSS sizes it (`max-width: 100%; height: auto`). */
export const GRAPH_CLASS = "curi-graph";

const SAFE_PREFIX = /^[A-Za-z][A-Za-z0-9_.:-]*$/;
const OBJECT = /<g id="[^"]*" class="(node|edge|cluster)(?: [^"]*)?">\s*<title>([^<]*)<\/title>/g;
const TEXT = /<text\b[^>]*>([^<]*)<\/text>/g;
const EDGE_OPS = ["&#45;&gt;", "&#45;&#45;", "->", "--"];

/**
 * Makes graphviz SVG inline-ready: strips prolog/DOCTYPE/comments, replaces `<title>`s with the
 * text the node, cluster or edge shows (`train_model · 1.20 s`, `data → train_model`, dropped when
 * there is none), prefixes every `id`, `href="#…"`, `xlink:href="#…"` and `url(#…)`, and gives the
 * root `xmlns`, `class="curi-graph"`, `role="img"` and `aria-label`. Width, height and viewBox stay,
 * so a graph is never drawn larger than laid out, and CSS can shrink it.
 */
export function processSvg(svg: string, options: SvgOptions): string {
  if (!SAFE_PREFIX.test(options.idPrefix)) {
    throw new RangeError(
      `SVG id prefix ${JSON.stringify(options.idPrefix)} must start with a letter and hold only letters, digits, _ . : -`,
    );
  }
  // Control characters are not allowed in XML even as references: show them as text.
  const title = showControlChars(options.title);
  const bare = stripNonSvg(svg);
  const titled = graphTitle(humanTitles(bare), title);
  return rootTag(prefixIds(titled, options.idPrefix), title);
}

/** Removes everything that is not the `<svg>` element itself, and the comments inside it. */
export function stripNonSvg(svg: string): string {
  const noComments = svg.replace(/<!--[\s\S]*?-->/g, "");
  const start = noComments.search(/<svg\b/);
  const end = noComments.lastIndexOf("</svg>");
  if (start < 0 || end < start) throw new Error("not an SVG document: no <svg> element found");
  return noComments
    .slice(start, end + "</svg>".length)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .join("\n");
}

/** Replaces object titles (internal names) with what the object shows. */
function humanTitles(svg: string): string {
  const objects = [...svg.matchAll(OBJECT)].map((m, i, all) => {
    const start = m.index;
    const bodyStart = start + m[0].length;
    const bodyEnd = all[i + 1]?.index ?? svg.length;
    const texts = [...svg.slice(bodyStart, bodyEnd).matchAll(TEXT)]
      .map((t) => (t[1] ?? "").trim())
      .filter((t) => t !== "");
    return {
      start,
      end: bodyStart,
      head: m[0].slice(0, m[0].indexOf("<title>")),
      kind: m[1] ?? "",
      name: m[2] ?? "",
      texts,
    };
  });
  const shown = new Map<string, string[]>();
  for (const o of objects) if (o.kind === "node") shown.set(o.name, o.texts);
  const parts: string[] = [];
  let at = 0;
  for (const o of objects) {
    parts.push(svg.slice(at, o.start), o.head.trimEnd());
    const title = o.kind === "edge" ? edgeTitle(o.name, o.texts, shown) : o.texts.join(" · ");
    if (title !== "") parts.push(`\n<title>${title}</title>`);
    at = o.end;
  }
  parts.push(svg.slice(at));
  return parts.join("");
}

/** `from → to` by the first line each end shows, plus the edge's own label; "" when an end is unknown. */
function edgeTitle(name: string, texts: readonly string[], shown: ReadonlyMap<string, readonly string[]>): string {
  const op = EDGE_OPS.find((o) => name.includes(o));
  if (!op) return "";
  const ends = name.split(op);
  if (ends.length !== 2) return "";
  const [from, to] = ends.map((end) => {
    const lines = shown.get(end) ?? shown.get(end.split(":")[0] ?? "");
    return lines?.[0];
  });
  if (from === undefined || to === undefined) return "";
  return texts.length > 0 ? `${from} → ${to} (${texts.join(" ")})` : `${from} → ${to}`;
}

/** Sets the graph's own `<title>` (graphviz writes `%3`, the graph name, or nothing). */
function graphTitle(svg: string, title: string): string {
  const open = /<g id="[^"]*" class="graph"[^>]*>/.exec(svg);
  if (!open) return svg;
  const after = open.index + open[0].length;
  const existing = /^\s*<title>[^<]*<\/title>/.exec(svg.slice(after));
  const rest = existing ? svg.slice(after + existing[0].length) : svg.slice(after);
  return `${svg.slice(0, after)}\n<title>${escapeHtml(title)}</title>${rest}`;
}

/**
 * Prefixes ids and the references to them, inside tags only (text content is never touched), and
 * writes graphviz's `&#45;` in attribute values as a plain `-` so ids and classes read as written.
 */
export function prefixIds(svg: string, prefix: string): string {
  return svg.replace(/<[A-Za-z][^>]*>/g, (tag) =>
    tag
      .replace(/&#45;/g, "-")
      .replace(/(\sid=")([^"]*")/g, `$1${prefix}$2`)
      .replace(/(\s(?:xlink:)?href="#)([^"]*")/g, `$1${prefix}$2`)
      .replace(/url\(#([^)]*)\)/g, `url(#${prefix}$1)`),
  );
}

/** Rebuilds the root `<svg>` tag: namespaces, class, size, viewBox, role and accessible name. */
function rootTag(svg: string, title: string): string {
  const open = /^<svg\b([^>]*)>/.exec(svg);
  if (!open) throw new Error("not an SVG document: no <svg> element found");
  const attrs = new Map<string, string>();
  for (const a of (open[1] ?? "").matchAll(/([A-Za-z_:][\w:.-]*)="([^"]*)"/g)) attrs.set(a[1] ?? "", a[2] ?? "");
  const keep = ["width", "height", "viewBox"].filter((k) => attrs.has(k)).map((k) => ` ${k}="${attrs.get(k) ?? ""}"`);
  const other = [...attrs]
    .filter(([k]) => !["width", "height", "viewBox", "class", "role", "aria-label", "xmlns", "xmlns:xlink"].includes(k))
    .map(([k, v]) => ` ${k}="${v}"`);
  const xlink = svg.includes("xlink:") ? ` xmlns:xlink="http://www.w3.org/1999/xlink"` : "";
  const head = `<svg xmlns="http://www.w3.org/2000/svg"${xlink} class="${GRAPH_CLASS}"${keep.join("")}${other.join("")} role="img" aria-label="${escapeHtml(title)}">`;
  return head + svg.slice(open[0].length);
}
