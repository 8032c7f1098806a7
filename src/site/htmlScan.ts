/**
 * A small HTML tag and attribute scanner for checking and rewriting built pages, without a DOM
 * dependency. It follows the HTML tokenizer where it matters for finding URLs and ids: comments,
 * doctype and bogus comments are skipped; script/style (and title/textarea outside SVG) are raw
 * text; CDATA inside SVG/MathML is skipped; attribute values may be double-, single- or unquoted
 * and have their character references decoded; the first of duplicate attributes wins.
 * Every tag and value keeps its source offsets, so callers can rewrite pages in place.
 */

/** One attribute of a tag, with its decoded value and where the raw value sits in the source. */
export interface HtmlAttr {
  /** Lower-cased name (`xlink:href`, `viewbox`). */
  readonly name: string;
  /** Value with character references decoded; `""` for a bare attribute. */
  readonly value: string;
  /** Offset of the raw value's first character (inside the quotes), or -1 for a bare attribute. */
  readonly valueStart: number;
  /** Offset just past the raw value (before the closing quote), or -1. */
  readonly valueEnd: number;
  /** The quote around the raw value: `"`, `'`, or `""` when unquoted or bare. */
  readonly quote: string;
}

/** A start or end tag. */
export interface HtmlTag {
  /** Lower-cased tag name. */
  readonly name: string;
  readonly closing: boolean;
  readonly selfClosing: boolean;
  /** Offset of `<`. */
  readonly start: number;
  /** Offset just past `>`. */
  readonly end: number;
  readonly attrs: readonly HtmlAttr[];
  /** True inside `<svg>` or `<math>` (foreign content). */
  readonly foreign: boolean;
  /** For script/style/title/textarea start tags: the raw content range up to the end tag. */
  readonly text?: { readonly start: number; readonly end: number };
}

/** Returns the decoded value of attribute `name` (first occurrence), or undefined. */
export function attr(tag: HtmlTag, name: string): string | undefined {
  return tag.attrs.find((a) => a.name === name)?.value;
}

const NAMED: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", colon: ":", sol: "/", bsol: "\\",
  num: "#", percnt: "%", lpar: "(", rpar: ")", semi: ";", equals: "=", period: ".", comma: ",", tab: "\t", newline: "\n",
};

const LEGACY = new Set(["amp", "lt", "gt", "quot", "nbsp", "AMP", "LT", "GT", "QUOT"]);

/**
 * Decodes character references as a browser does in attribute values: numeric (`&#58;`, `&#x3a;`,
 * with or without `;`) and the named ones that can change a URL's meaning. Unknown names stay.
 */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?/g, (whole, body: string) => {
    if (body.startsWith("#")) {
      const hex = body[1] === "x" || body[1] === "X";
      const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      if (!Number.isFinite(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
      return String.fromCodePoint(code);
    }
    // Without `;`, browsers decode only the legacy names, and not before `=` or a letter (taken care of by the greedy match).
    const named = NAMED[body] ?? (/^(AMP|LT|GT|QUOT)$/.test(body) ? NAMED[body.toLowerCase()] : undefined);
    if (named === undefined) return whole;
    return whole.endsWith(";") || LEGACY.has(body) ? named : whole;
  });
}

const RAW_TEXT = new Set(["script", "style"]);
// Raw text only in HTML content: inside SVG a <title> holds ordinary markup-free text anyway.
const HTML_ONLY_RAW = new Set(["title", "textarea", "xmp", "iframe", "noembed", "noframes"]);
const WS = /[\t\n\f\r ]/;

/** Scans `html` and returns every start and end tag in document order. */
export function scanHtml(html: string): HtmlTag[] {
  const tags: HtmlTag[] = [];
  let foreignDepth = 0;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) break;
    const skip = skipMarkupDeclaration(html, lt, foreignDepth > 0);
    if (skip > 0) {
      i = skip;
      continue;
    }
    const next = html[lt + 1] ?? "";
    const closing = next === "/";
    const nameStart = closing ? lt + 2 : lt + 1;
    if (!/[A-Za-z]/.test(html[nameStart] ?? "")) {
      // `</>` is dropped, `</ x>` is a bogus comment, a lone `<` is text.
      i = closing ? endOfBogus(html, lt) : lt + 1;
      continue;
    }
    const tag = readTag(html, lt, nameStart, closing, foreignDepth > 0);
    i = tag.end;
    if (tag.name === "svg" || tag.name === "math") {
      if (tag.closing) foreignDepth = Math.max(0, foreignDepth - 1);
      else if (!tag.selfClosing) foreignDepth++;
    }
    const raw = !tag.closing && !tag.selfClosing && (RAW_TEXT.has(tag.name) || (foreignDepth === 0 && HTML_ONLY_RAW.has(tag.name)));
    if (raw) {
      const close = findEndTag(html, tag.end, tag.name);
      tags.push({ ...tag, text: { start: tag.end, end: close } });
      i = close;
    } else {
      tags.push(tag);
    }
  }
  return tags;
}

/** Skips `<!-- -->`, `<!DOCTYPE>`, `<![CDATA[ ]]>` (foreign only) and `<?…>`; returns the new offset or 0. */
function skipMarkupDeclaration(html: string, lt: number, foreign: boolean): number {
  if (html.startsWith("<!--", lt)) {
    // `<!-->` and `<!--->` close at once, as in browsers.
    if (html.startsWith("<!-->", lt)) return lt + 5;
    if (html.startsWith("<!--->", lt)) return lt + 6;
    const end = html.indexOf("-->", lt + 4);
    const bang = html.indexOf("--!>", lt + 4);
    const close = [end < 0 ? Infinity : end + 3, bang < 0 ? Infinity : bang + 4].reduce((a, b) => Math.min(a, b));
    return close === Infinity ? html.length : close;
  }
  if (foreign && html.startsWith("<![CDATA[", lt)) {
    const end = html.indexOf("]]>", lt + 9);
    return end < 0 ? html.length : end + 3;
  }
  if (html[lt + 1] === "!" || html[lt + 1] === "?") return endOfBogus(html, lt);
  return 0;
}

function endOfBogus(html: string, lt: number): number {
  const gt = html.indexOf(">", lt + 1);
  return gt < 0 ? html.length : gt + 1;
}

/** Offset of the `</name` that ends a raw-text element (case-insensitive), or the end of input. */
function findEndTag(html: string, from: number, name: string): number {
  const re = new RegExp(`</${name}(?=[\\t\\n\\f\\r />])`, "gi");
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index : html.length;
}

function readTag(html: string, lt: number, nameStart: number, closing: boolean, foreign: boolean): HtmlTag {
  let i = nameStart;
  while (i < html.length && !WS.test(html[i] as string) && html[i] !== "/" && html[i] !== ">") i++;
  const name = html.slice(nameStart, i).toLowerCase();
  const attrs: HtmlAttr[] = [];
  const seen = new Set<string>();
  let selfClosing = false;
  while (i < html.length) {
    const c = html[i] as string;
    if (c === ">") return { name, closing, selfClosing, start: lt, end: i + 1, attrs, foreign };
    if (WS.test(c)) {
      i++;
      continue;
    }
    if (c === "/") {
      selfClosing = html[i + 1] === ">";
      i++;
      continue;
    }
    selfClosing = false;
    const parsed = readAttr(html, i);
    i = parsed.next;
    if (!seen.has(parsed.attr.name)) {
      seen.add(parsed.attr.name);
      attrs.push(parsed.attr);
    }
  }
  return { name, closing, selfClosing, start: lt, end: html.length, attrs, foreign };
}

function readAttr(html: string, from: number): { attr: HtmlAttr; next: number } {
  let i = from + 1; // the first character is part of the name even if it is `=`
  while (i < html.length && !WS.test(html[i] as string) && !"/>=".includes(html[i] as string)) i++;
  const name = html.slice(from, i).toLowerCase();
  let j = i;
  while (j < html.length && WS.test(html[j] as string)) j++;
  if (html[j] !== "=") return { attr: { name, value: "", valueStart: -1, valueEnd: -1, quote: "" }, next: i };
  j++;
  while (j < html.length && WS.test(html[j] as string)) j++;
  const quote = html[j];
  if (quote === '"' || quote === "'") {
    const close = html.indexOf(quote, j + 1);
    const end = close < 0 ? html.length : close;
    return { attr: { name, value: decodeEntities(html.slice(j + 1, end)), valueStart: j + 1, valueEnd: end, quote }, next: Math.min(html.length, end + 1) };
  }
  let k = j;
  while (k < html.length && !WS.test(html[k] as string) && html[k] !== ">") k++;
  return { attr: { name, value: decodeEntities(html.slice(j, k)), valueStart: j, valueEnd: k, quote: "" }, next: k };
}

/** A `url(…)` or `@import "…"` reference in CSS, with the source range of the whole token. */
export interface CssUrl {
  readonly url: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Finds `url(…)` (quoted or not) and `@import "…"` references in CSS. Comments are blanked first
 * so offsets stay those of the input; CSS escapes (`\28`, `\"`) in URLs are decoded.
 */
export function scanCssUrls(css: string): CssUrl[] {
  const text = css.replace(/\/\*[\s\S]*?(\*\/|$)/g, (c) => " ".repeat(c.length));
  const found: CssUrl[] = [];
  const esc = String.raw`\\(?:[0-9a-fA-F]{1,6}\s?|[\s\S])`;
  const dq = String.raw`"((?:[^"\\\n]|${esc})*)"`;
  const sq = String.raw`'((?:[^'\\\n]|${esc})*)'`;
  const bare = String.raw`((?:[^)\s"'\\]|${esc})*)`;
  const re = new RegExp(String.raw`url\(\s*(?:${dq}|${sq}|${bare})\s*\)|@import\s+(?:${dq}|${sq})`, "gi");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? "";
    found.push({ url: decodeCssEscapes(raw), start: m.index, end: m.index + m[0].length });
  }
  return found;
}

function decodeCssEscapes(text: string): string {
  return text.replace(/\\(?:([0-9a-fA-F]{1,6})\s?|([\s\S]))/g, (_w, hex: string | undefined, ch: string | undefined) => {
    if (hex !== undefined) {
      const code = Number.parseInt(hex, 16);
      return code === 0 || code > 0x10ffff ? "\ufffd" : String.fromCodePoint(code);
    }
    return ch === "\n" ? "" : (ch ?? "");
  });
}

/** Splits a `srcset` value into its URLs (commas inside a URL, as in `data:`, are kept). */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset[i] as string)) i++;
    const start = i;
    while (i < srcset.length && !/\s/.test(srcset[i] as string)) i++;
    let url = srcset.slice(start, i);
    const trailing = /,+$/.exec(url);
    if (trailing) url = url.slice(0, url.length - trailing[0].length);
    else {
      // Skip the descriptors up to the next comma outside parentheses.
      let depth = 0;
      while (i < srcset.length && (depth > 0 || srcset[i] !== ",")) {
        if (srcset[i] === "(") depth++;
        else if (srcset[i] === ")") depth = Math.max(0, depth - 1);
        i++;
      }
    }
    if (url !== "") urls.push(url);
  }
  return urls;
}

/** The URL of a `<meta http-equiv="refresh" content="5; url=…">`, or undefined when it has none. */
export function metaRefreshUrl(content: string): string | undefined {
  const m = /^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(?:"([^"]*)"?|'([^']*)'?|(.*))$/is.exec(content);
  const url = (m?.[1] ?? m?.[2] ?? m?.[3] ?? "").trim();
  return url === "" ? undefined : url;
}
