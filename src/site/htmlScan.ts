/**
 * The tags of an HTML page, read by parse5 (the WHATWG HTML parser, as browsers parse), and of a
 * standalone SVG file, read by htmlparser2 in XML mode (as browsers parse an SVG opened on its
 * own), as one flat list of start and end tags with their attributes and source offsets, so that
 * `check` can find every reference and the single-file builder can rewrite pages in place.
 * Comments, doctype, CDATA and raw text (script, style, title, textarea) are the parsers' business:
 * what they see as a tag is a tag, and nothing else is. CSS is read by css-tree (see cssRefs.ts).
 */
import { createRequire } from "node:module";
import type { Token } from "parse5";
import type * as Htmlparser2 from "htmlparser2";
import { cssUrlSpans } from "../render/markup/cssRefs.js";
import { parseScanTree, ScanElement, ScanText, type ScanParent } from "./scanTree.js";

/** One attribute of a tag, with its decoded value and where the raw value sits in the source. */
export interface HtmlAttr {
  /** Lower-cased name, with its prefix (`xlink:href`, `viewbox`). */
  readonly name: string;
  /** Value with character references decoded; `""` for a bare attribute. */
  readonly value: string;
  /** Offset of the raw value's first character (inside the quotes), or -1 for a bare attribute (or an XML file's). */
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
  /** For a start tag of an element holding only text (script, style, title, textarea): the raw content range up to the end tag. */
  readonly text?: { readonly start: number; readonly end: number };
}

/** Returns the decoded value of attribute `name` (first occurrence), or undefined. */
export function attr(tag: HtmlTag, name: string): string | undefined {
  return tag.attrs.find((a) => a.name === name)?.value;
}

const HTML_NS = "http://www.w3.org/1999/xhtml";
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "xmp"]);

/** Scans `html` as a browser parses it and returns every start and end tag present in the source, in document order. */
export function scanHtml(html: string): HtmlTag[] {
  const document = parseScanTree(html);
  const tags: HtmlTag[] = [];
  visitChildren(html, document, tags);
  // parse5 moves some elements (a table's stray content, a late <head> child); the source order is what
  // offsets mean. Most pages need no sorting: a pass to find out is cheaper than the sort.
  return inOrder(tags) ? tags : tags.sort((a, b) => a.start - b.start);
}

/** Adds the tags of the elements under `parent`, in tree order, to `tags`. */
function visitChildren(html: string, parent: ScanParent, tags: HtmlTag[]): void {
  for (const child of parent.childNodes) if (child instanceof ScanElement) visitElement(html, child, tags);
}

/** Adds the start tag of `element`, the tags inside it (a template's content), and its end tag to `tags`. */
function visitElement(html: string, element: ScanElement, tags: HtmlTag[]): void {
  // An element the parser made up (an implied <body>, a formatting element it reopened) has no tags of its own.
  const startTag = element.startTag;
  if (startTag !== null) tags.push(startTagOf(html, element, startTag));
  visitChildren(html, element.content ?? element, tags);
  const endTag = element.endTag;
  if (endTag !== undefined) {
    tags.push({
      name: element.tagName.toLowerCase(),
      closing: true,
      selfClosing: false,
      start: endTag.startOffset,
      end: endTag.endOffset,
      attrs: [],
      foreign: element.namespaceURI !== HTML_NS,
    });
  }
}

/** True when the tags are in source order already. */
function inOrder(tags: readonly HtmlTag[]): boolean {
  for (let i = 1; i < tags.length; i++) if ((tags[i] as HtmlTag).start < (tags[i - 1] as HtmlTag).start) return false;
  return true;
}

/** True when a start tag's source (`html` from `start` to `end`) ends in `/>`, white space allowed between: as `/\/\s*>$/` on it. */
function endsSelfClosing(html: string, start: number, end: number): boolean {
  if (end <= start || html.charCodeAt(end - 1) !== GT) return false;
  let i = end - 2;
  while (i >= start && isSpace(html.charCodeAt(i))) i--;
  return i >= start && html.charCodeAt(i) === SLASH;
}

const GT = ">".charCodeAt(0);
const SLASH = "/".charCodeAt(0);
const EQUALS = "=".charCodeAt(0);
const WHITE_SPACE = /\s/;

/** True when the UTF-16 code unit `code` is white space as a regular expression's `\s` reads it. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return WHITE_SPACE.test(String.fromCharCode(code));
}

/** The start tag of `element`, its attributes located in the source. */
function startTagOf(html: string, element: ScanElement, location: Token.LocationWithAttributes): HtmlTag {
  const start = location.startOffset;
  const end = location.endOffset;
  const locations = location.attrs;
  const attrs = element.attrs.map((a): HtmlAttr => {
    const full = a.prefix !== undefined && a.prefix !== "" ? `${a.prefix}:${a.name}` : a.name;
    const at = locations?.[full];
    const raw = at === undefined ? -1 : rawValueStart(html, at.startOffset, at.endOffset);
    const quote = raw < 0 ? "" : quoteAt(html, raw);
    // One literal, one shape for every attribute (a spread made objects of many shapes, slow to read).
    return {
      name: full.toLowerCase(),
      value: a.value,
      valueStart: raw < 0 ? -1 : raw + quote.length,
      valueEnd: raw < 0 || at === undefined ? -1 : at.endOffset - quote.length,
      quote,
    };
  });
  const name = element.tagName.toLowerCase();
  const selfClosing = endsSelfClosing(html, start, end);
  const foreign = element.namespaceURI !== HTML_NS;
  if (!RAW_TEXT.has(name) || foreign) return { name, closing: false, selfClosing, start, end, attrs, foreign };
  const only = element.childNodes.length === 1 ? element.childNodes[0] : undefined;
  return {
    name,
    closing: false,
    selfClosing,
    start,
    end,
    attrs,
    foreign,
    text:
      only instanceof ScanText && only.start >= 0
        ? { start: only.start, end: only.end }
        : { start: end, end: element.endTag?.startOffset ?? end },
  };
}

/**
 * Where the raw value of an attribute spanning `from`..`to` in the source starts (its quote, if
 * any), or -1 for a bare attribute: past the name, `=` and white space, as the expression
 * `^[^\s=]+\s*=\s*` reads it, without cutting a string out of the page for each attribute.
 */
function rawValueStart(html: string, from: number, to: number): number {
  let i = from;
  while (i < to && html.charCodeAt(i) !== EQUALS && !isSpace(html.charCodeAt(i))) i++;
  if (i === from) return -1;
  while (i < to && isSpace(html.charCodeAt(i))) i++;
  if (i >= to || html.charCodeAt(i) !== EQUALS) return -1;
  i++;
  while (i < to && isSpace(html.charCodeAt(i))) i++;
  return i;
}

/** The quote at `at` in the source: `"`, `'`, or `""` for an unquoted value. */
function quoteAt(html: string, at: number): string {
  const c = html[at];
  return c === '"' || c === "'" ? c : "";
}

/**
 * The tags of a standalone SVG (or other XML) file, read as XML. Names keep their prefixes
 * (`x:href`); whoever reads them must treat any prefix as possibly bound to XLink. Offsets of
 * attribute values are not kept (-1): XML files are checked, never rewritten.
 */
export function scanXml(xml: string): HtmlTag[] {
  const { Parser } = createRequire(import.meta.url)("htmlparser2") as typeof Htmlparser2;
  const tags: HtmlTag[] = [];
  const open: { index: number; name: string }[] = [];
  const parser: Htmlparser2.Parser = new Parser(
    {
      onopentag: (name, attributes) => {
        const attrs = Object.entries(attributes).map(([n, value]): HtmlAttr => ({
          name: n.toLowerCase(),
          value,
          valueStart: -1,
          valueEnd: -1,
          quote: "",
        }));
        open.push({ index: tags.length, name: name.toLowerCase() });
        tags.push({
          name: name.toLowerCase(),
          closing: false,
          selfClosing: false,
          start: parser.startIndex,
          end: parser.endIndex + 1,
          attrs,
          foreign: true,
        });
      },
      onclosetag: (name) => {
        const top = open.pop();
        const opened = top === undefined ? undefined : tags[top.index];
        // A style's text is everything between its tags (CDATA markers included: CSS tokenizes past them).
        if (top !== undefined && opened !== undefined && opened.name === "style")
          tags[top.index] = { ...opened, text: { start: opened.end, end: parser.startIndex } };
        tags.push({
          name: name.toLowerCase(),
          closing: true,
          selfClosing: false,
          start: parser.startIndex,
          end: parser.endIndex + 1,
          attrs: [],
          foreign: true,
        });
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  return tags;
}

/** A `url(…)`, `@import "…"` or `image-set("…")` reference in CSS, with the source range to replace. */
export interface CssUrl {
  readonly url: string;
  readonly start: number;
  readonly end: number;
}

/** Every URL in a style sheet, escapes decoded, read by css-tree's tokenizer (see cssRefs.ts). */
export function scanCssUrls(css: string): CssUrl[] {
  // Every URL is in a function (`url(`, `image-set(`) or after `@import`, and a CSS escape cannot
  // stand for the `(` of a function or the `@` of an at-rule: CSS without either names none. Most
  // CSS a page holds is an SVG shape's `fill` or `stroke`, tokenized for nothing before.
  return css.includes("(") || css.includes("@") ? cssUrlSpans(css) : [];
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
