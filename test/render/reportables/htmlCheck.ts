/**
 * Test helpers: a small well-formedness check for the HTML fragments render produces (balanced
 * tags, quoted attributes, no raw `<` or stray `&` in text), and entity decoding, without adding
 * an HTML parser dependency.
 */

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
const TOKEN =
  /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*(\/?)>/g;
const ENTITY = /&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g;

/** Problems found in `html`; empty when it is well formed. */
export function wellFormedProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let last = 0;
  const checkText = (text: string, where: number): void => {
    if (text.includes("<")) problems.push(`raw < in text at ${where}: ${JSON.stringify(text.slice(0, 60))}`);
    if (text.replace(ENTITY, "").includes("&")) problems.push(`stray & in text at ${where}`);
  };
  for (const m of html.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    checkText(html.slice(last, at), last);
    last = at + m[0].length;
    if (m[0].startsWith("<!--")) continue;
    const [, close, rawName, attrs, selfClose] = m;
    const name = (rawName ?? "").toLowerCase();
    for (const a of (attrs ?? "").matchAll(/="([^"]*)"/g)) {
      if ((a[1] ?? "").includes("<")) problems.push(`raw < in attribute of <${name}>`);
      if ((a[1] ?? "").replace(ENTITY, "").includes("&")) problems.push(`stray & in attribute of <${name}>`);
    }
    if (close === "/") {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? "nothing"}> at ${at}`);
    } else if (selfClose !== "/" && !VOID.has(name)) {
      stack.push(name);
    }
  }
  checkText(html.slice(last), last);
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(", ")}`);
  return problems;
}

/** Decodes the entities escapeHtml and sanitize-html produce (named basics and numeric). */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
  return text.replace(/&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith("#x")) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return named[body] ?? whole;
  });
}

/** Every value of attribute `attr` on tags named `tag`, decoded. */
export function attributeValues(html: string, tag: string, attr: string): string[] {
  const values: string[] = [];
  for (const m of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "g"))) {
    const a = new RegExp(`\\s${attr}="([^"]*)"`).exec(m[1] ?? "");
    if (a) values.push(decodeEntities(a[1] ?? ""));
  }
  return values;
}

/** Every `id` in `html`. */
export function ids(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1] ?? "");
}

/** The decoded text content of every `<tag …>…</tag>` (no nesting of the same tag). */
export function elementTexts(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, "g"))].map((m) =>
    decodeEntities((m[1] ?? "").replace(/<[^>]*>/g, "")),
  );
}
