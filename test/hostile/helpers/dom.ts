/**
 * Built pages and images read as a browser reads them, without a browser: HTML by parse5 (the
 * WHATWG parser, the one browsers implement, scripting on), a standalone SVG by htmlparser2 in
 * XML mode. Both become one small element tree, so the hostile checks walk pages and images
 * alike, and read the text a reader gets (`textContent`) in milliseconds where opening each page
 * in Chromium takes a second or more on a busy machine.
 *
 * htmlparser2 reads past an XML error where Chromium stops and shows what came before it: the
 * tree holds at least what Chromium shows, so a check of it is at least as strict.
 */
import { parseDocument } from "htmlparser2";
import { parse, type DefaultTreeAdapterMap } from "parse5";

/** One attribute: its qualified name as written (`xlink:href`, lower-cased), local name and decoded value. */
export interface Attr {
  readonly name: string;
  readonly local: string;
  readonly value: string;
}

/** One element: its lower-cased local name, name as written, attributes and children (text as strings). */
export interface El {
  readonly tag: string;
  readonly name: string;
  readonly attrs: readonly Attr[];
  readonly children: readonly (El | string)[];
}

type P5Node = DefaultTreeAdapterMap["node"];
type P5Parent = DefaultTreeAdapterMap["parentNode"];

/** An HTML document as an element tree (its root is a `#document` element holding `<html>`). */
export function parseHtml(html: string): El {
  return fromParse5(parse(html));
}

/** A standalone SVG (or XML) file as an element tree, read leniently past errors. */
export function parseSvg(svg: string): El {
  const doc = parseDocument(svg, { xmlMode: true });
  type Hp2Node = (typeof doc.children)[number];
  const convert = (nodes: readonly Hp2Node[]): (El | string)[] =>
    nodes.flatMap((n): (El | string)[] => {
      if (n.type === "text") return [n.data];
      if (n.type === "cdata") return convert(n.children);
      if (n.type !== "tag" && n.type !== "script" && n.type !== "style") return [];
      return [
        {
          tag: localName(n.name),
          name: n.name,
          attrs: Object.entries(n.attribs).map(([name, value]) => ({
            name: name.toLowerCase(),
            local: localName(name),
            value,
          })),
          children: convert(n.children),
        },
      ];
    });
  return { tag: "#document", name: "#document", attrs: [], children: convert(doc.children) };
}

/** parse5's tree as ours; a `<template>`'s content counts as its children (it is parsed markup all the same). */
function fromParse5(node: P5Parent): El {
  const childNodes: P5Node[] =
    node.nodeName === "template" && "content" in node ? node.content.childNodes : node.childNodes;
  const children = childNodes.flatMap((c): (El | string)[] => {
    if (c.nodeName === "#text" && "value" in c) return [c.value];
    return "childNodes" in c && c.nodeName !== "#document-fragment" ? [fromParse5(c)] : [];
  });
  const attrs =
    "attrs" in node
      ? node.attrs.map((a) => {
          const name = a.prefix ? `${a.prefix}:${a.name}` : a.name;
          return { name: name.toLowerCase(), local: a.name.toLowerCase(), value: a.value };
        })
      : [];
  const name = "tagName" in node ? node.tagName : node.nodeName;
  return { tag: localName(name), name, attrs, children };
}

/** `svg:script` → `script`, lower-cased, as the DOM's `localName` (without its case). */
function localName(name: string): string {
  return (name.split(":").pop() ?? name).toLowerCase();
}

/** Every element under `root` (itself included), in document order; iterative, so depth costs no stack. */
export function* elements(root: El): Generator<El> {
  const stack: El[] = [root];
  for (let el = stack.pop(); el !== undefined; el = stack.pop()) {
    yield el;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i];
      if (typeof child !== "string" && child !== undefined) stack.push(child);
    }
  }
}

/** The DOM's `textContent`: every text under `el`, in order. */
export function textOf(el: El): string {
  const parts: string[] = [];
  const stack: (El | string)[] = [el];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node === "string") parts.push(node);
    else for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] ?? "");
  }
  return parts.join("");
}

/** The value of attribute `name` (qualified, lower-case), or undefined. */
export function attrOf(el: El, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** The text of a page's `<body>`, as a reader gets it (the content of closed `<details>` included). */
export function bodyText(page: El): string {
  for (const el of elements(page)) if (el.tag === "body") return textOf(el);
  return "";
}

/**
 * The text of every `<text>` and `<title>` (a tooltip) per inline graph (`svg.curi-graph`) of a
 * page: node labels are clipped to fit their node, the full text is in the tooltip a reader hovers.
 */
export function graphTexts(page: El): string[][] {
  const graphs: string[][] = [];
  for (const svg of elements(page)) {
    if (svg.tag !== "svg" || !(attrOf(svg, "class") ?? "").split(/\s+/).includes("curi-graph")) continue;
    graphs.push([...elements(svg)].filter((e) => e.tag === "text" || e.tag === "title").map(textOf));
  }
  return graphs;
}
