/**
 * The reference for `scanHtml`: the tags of a page read off parse5's default tree, as scanHtml read
 * them before it had its own lean tree (src/site/scanTree.ts). It is kept here, not in src/, so a
 * test can hold the fast scan to it on every page it can find: any element the lean tree put
 * elsewhere, any location it lost, shows as a difference.
 */
import { parse, type DefaultTreeAdapterMap } from "parse5";
import type { HtmlAttr, HtmlTag } from "../../../src/site/htmlScan.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const HTML_NS = "http://www.w3.org/1999/xhtml";
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "xmp"]);

/** Every start and end tag of `html` as parse5's default tree has them, in source order. */
export function referenceScanHtml(html: string): HtmlTag[] {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const tags: HtmlTag[] = [];
  const visit = (node: Node): void => {
    if (!("tagName" in node)) {
      if ("childNodes" in node) for (const child of node.childNodes) visit(child);
      return;
    }
    const location = node.sourceCodeLocation;
    if (location?.startTag) tags.push(startTagOf(html, node));
    const children =
      node.tagName === "template" && "content" in node
        ? (node as DefaultTreeAdapterMap["template"]).content.childNodes
        : node.childNodes;
    for (const child of children) visit(child);
    if (location?.endTag) {
      tags.push({
        name: node.tagName.toLowerCase(),
        closing: true,
        selfClosing: false,
        start: location.endTag.startOffset,
        end: location.endTag.endOffset,
        attrs: [],
        foreign: node.namespaceURI !== HTML_NS,
      });
    }
  };
  visit(document);
  return tags.sort((a, b) => a.start - b.start);
}

function startTagOf(html: string, element: Element): HtmlTag {
  const startTag = element.sourceCodeLocation?.startTag as
    | { startOffset: number; endOffset: number; attrs?: Record<string, { startOffset: number; endOffset: number }> }
    | undefined;
  const start = startTag?.startOffset ?? 0;
  const end = startTag?.endOffset ?? 0;
  const attrs = element.attrs.map((a): HtmlAttr => {
    const full = a.prefix !== undefined && a.prefix !== "" ? `${a.prefix}:${a.name}` : a.name;
    const at = startTag?.attrs?.[full];
    return { name: full.toLowerCase(), value: a.value, ...rawValue(html, at?.startOffset ?? -1, at?.endOffset ?? -1) };
  });
  const name = element.tagName.toLowerCase();
  const selfClosing = /\/\s*>$/.test(html.slice(start, end));
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

function rawValue(html: string, from: number, to: number): Pick<HtmlAttr, "valueStart" | "valueEnd" | "quote"> {
  if (from < 0) return { valueStart: -1, valueEnd: -1, quote: "" };
  const eq = /^[^\s=]+\s*=\s*/.exec(html.slice(from, to));
  if (eq === null) return { valueStart: -1, valueEnd: -1, quote: "" };
  const at = from + eq[0].length;
  const quote = html[at] === '"' || html[at] === "'" ? (html[at] as string) : "";
  return quote === "" ? { valueStart: at, valueEnd: to, quote } : { valueStart: at + 1, valueEnd: to - 1, quote };
}
