/**
 * Reading graphs back the way a tool or a browser would, so tests assert structure and shown text
 * rather than bytes: DOT is parsed by graphviz itself (its `json` output), SVG objects are found by
 * id and their `<text>` lines XML-decoded.
 */
import { loadGraphviz } from "../../../src/render/graph/graphviz.js";

/** A node, cluster or edge's DOT attributes as graphviz parsed them. */
export type Attrs = Readonly<Record<string, string>>;

/** A DOT graph as graphviz understood it. */
export interface ParsedGraph {
  readonly attrs: Attrs;
  readonly clusters: readonly { readonly name: string; readonly attrs: Attrs; readonly nodes: readonly string[] }[];
  readonly nodes: ReadonlyMap<string, Attrs>;
  readonly edges: readonly { readonly from: string; readonly to: string; readonly attrs: Attrs }[];
}

interface GvObject {
  name: string;
  nodes?: number[];
  [key: string]: unknown;
}

function attrsOf(o: Record<string, unknown>): Attrs {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === "string") out[k] = v;
  return out;
}

/** Parses DOT with graphviz (throws on a syntax error, like layout does). */
export async function parseDot(dot: string): Promise<ParsedGraph> {
  const gv = await loadGraphviz();
  const json = JSON.parse(gv.layout(dot, "json", "dot")) as {
    objects?: GvObject[];
    edges?: { tail: number; head: number }[];
    [k: string]: unknown;
  };
  const objects = json.objects ?? [];
  const clusters = objects.filter((o) => o.name.startsWith("cluster"));
  const nodes = new Map<string, Attrs>();
  for (const o of objects) if (o.nodes === undefined && !o.name.startsWith("cluster")) nodes.set(o.name, attrsOf(o));
  const nameOf = (i: number) => objects[i]?.name ?? `?${i}`;
  return {
    attrs: attrsOf(json),
    clusters: clusters.map((c) => ({ name: c.name, attrs: attrsOf(c), nodes: (c.nodes ?? []).map(nameOf) })),
    nodes,
    edges: (json.edges ?? []).map((e) => ({
      from: nameOf(e.tail),
      to: nameOf(e.head),
      attrs: attrsOf(e as unknown as Record<string, unknown>),
    })),
  };
}

/** Decodes the XML escapes graphviz writes (`&amp;`, `&#45;`, `&#x1F600;`…). */
export function decodeXml(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (m, body: string) => {
    if (body.startsWith("#x")) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(Number(body.slice(1)));
    return named[body] ?? m;
  });
}

/** The `<g>` element with this exact id, up to the next graphviz object (or the end). */
export function svgObject(svg: string, id: string): string | null {
  const start = svg.indexOf(`<g id="${id}" `);
  if (start < 0) return null;
  const next = svg.slice(start + 1).search(/<g id="[^"]*" class="(node|edge|cluster)/);
  return next < 0 ? svg.slice(start) : svg.slice(start, start + 1 + next);
}

/** The decoded `<text>` lines of the object with this id (empty when it has none or is missing). */
export function svgTexts(svg: string, id: string): string[] {
  const block = svgObject(svg, id) ?? "";
  return [...block.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => decodeXml(m[1] ?? ""));
}

/** The decoded `<title>` of the object with this id, or null. */
export function svgTitle(svg: string, id: string): string | null {
  const m = /<title>([^<]*)<\/title>/.exec(svgObject(svg, id) ?? "");
  return m ? decodeXml(m[1] ?? "") : null;
}

/** Every `id="…"` value in an SVG. */
export function svgIds(svg: string): string[] {
  return [...svg.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1] ?? "");
}
