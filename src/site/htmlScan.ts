/**
 * The tags of an HTML page, read by parse5 (the WHATWG HTML parser, as browsers parse), and of a
 * standalone SVG file, read by htmlparser2 in XML mode (as browsers parse an SVG opened on its
 * own), as one flat list of start and end tags with their attributes and source offsets, so that
 * `check` can find every reference and the single-file builder can rewrite pages in place.
 * Comments, doctype, CDATA and raw text (script, style, title, textarea) are the parsers' business:
 * what they see as a tag is a tag, and nothing else is. CSS is read by css-tree (see cssRefs.ts).
 */
import { createRequire } from "node:module";
import { parse } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";
import type * as Htmlparser2 from "htmlparser2";
import { cssUrlSpans } from "../render/markup/cssRefs.js";

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

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const HTML_NS = "http://www.w3.org/1999/xhtml";
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "xmp"]);

/** Scans `html` as a browser parses it and returns every start and end tag present in the source, in document order. */
export function scanHtml(html: string): HtmlTag[] {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const tags: HtmlTag[] = [];
  const visit = (node: Node): void => {
    // Every parse5 node has a nodeName; only elements' do not start with `#` (a cheaper test than `in`, per node).
    if (node.nodeName.charCodeAt(0) === HASH) {
      if ("childNodes" in node) for (const child of node.childNodes) visit(child);
      return;
    }
    const element = node as Element;
    const location = element.sourceCodeLocation;
    const startTag = location?.startTag;
    if (startTag !== undefined && startTag !== null)
      tags.push(startTagOf(html, element, startTag.startOffset, startTag.endOffset));
    const children =
      element.tagName === "template" && "content" in element
        ? (element as DefaultTreeAdapterMap["template"]).content.childNodes
        : element.childNodes;
    for (const child of children) visit(child);
    const endTag = location?.endTag;
    if (endTag !== undefined && endTag !== null) {
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
  };
  visit(document);
  // parse5 moves some elements (a table's stray content, a late <head> child); the source order is what
  // offsets mean. Most pages need no sorting: a pass to find out is cheaper than the sort.
  return inOrder(tags) ? tags : tags.sort((a, b) => a.start - b.start);
}

const HASH = "#".charCodeAt(0);

/** True when the tags are in source order already. */
function inOrder(tags: readonly HtmlTag[]): boolean {
  for (let i = 1; i < tags.length; i++) if ((tags[i] as HtmlTag).start < (tags[i - 1] as HtmlTag).start) return false;
  return true;
}

/** True when a start tag's source (`html` from `start` to `end`) ends in `/>`, white space allowed between: as `/\/\s*>$/` on it. */
function endsSelfClosing(html: string, start: number, end: number): boolean {
  if (end <= start || html.charCodeAt(end - 1) !== GT) return false;
  let i = end - 2;
  while (i >= start && WHITE_SPACE.test(html[i] as string)) i--;
  return i >= start && html.charCodeAt(i) === SLASH;
}

const GT = ">".charCodeAt(0);
const SLASH = "/".charCodeAt(0);
const WHITE_SPACE = /\s/;

/** The start tag of `element`, its attributes located in the source. */
function startTagOf(html: string, element: Element, start: number, end: number): HtmlTag {
  const startTag = element.sourceCodeLocation?.startTag as
    { attrs?: Record<string, { startOffset: number; endOffset: number }> } | undefined;
  const locations = startTag?.attrs;
  const attrs = element.attrs.map((a): HtmlAttr => {
    const full = a.prefix !== undefined && a.prefix !== "" ? `${a.prefix}:${a.name}` : a.name;
    const at = locations?.[full];
    const raw = rawValue(html, at?.startOffset ?? -1, at?.endOffset ?? -1);
    // One literal, one shape for every attribute (a spread made objects of many shapes, slow to read).
    return {
      name: full.toLowerCase(),
      value: a.value,
      valueStart: raw.valueStart,
      valueEnd: raw.valueEnd,
      quote: raw.quote,
    };
  });
  const name = element.tagName.toLowerCase();
  const selfClosing = endsSelfClosing(html, start, end);
  const foreign = element.namespaceURI !== HTML_NS;
  if (!RAW_TEXT.has(name) || foreign) return { name, closing: false, selfClosing, start, end, attrs, foreign };
  const text = element.childNodes[0]?.sourceCodeLocation;
  const endTag = element.sourceCodeLocation?.endTag;
  return {
    name,
    closing: false,
    selfClosing,
    start,
    end,
    attrs,
    foreign,
    text:
      text !== undefined && text !== null && element.childNodes.length === 1
        ? { start: text.startOffset, end: text.endOffset }
        : { start: end, end: endTag?.startOffset ?? end },
  };
}

/** Where the raw value of an attribute spanning `from`..`to` in the source sits, and its quote. */
function rawValue(html: string, from: number, to: number): Pick<HtmlAttr, "valueStart" | "valueEnd" | "quote"> {
  if (from < 0) return { valueStart: -1, valueEnd: -1, quote: "" };
  const text = html.slice(from, to);
  const eq = /^[^\s=]+\s*=\s*/.exec(text);
  if (eq === null) return { valueStart: -1, valueEnd: -1, quote: "" };
  const at = from + eq[0].length;
  const quote = html[at] === '"' || html[at] === "'" ? (html[at] as string) : "";
  return quote === "" ? { valueStart: at, valueEnd: to, quote } : { valueStart: at + 1, valueEnd: to - 1, quote };
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
  return cssUrlSpans(css);
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
