/**
 * The HTML tree a single file is composed on (parse5's, as the browser builds it): a page is parsed
 * once, its elements changed in place (attributes set, elements added or taken out), and the whole
 * serialized once at the end, so no edit depends on where another one put its bytes.
 */
import { defaultTreeAdapter as tree, html, parse, serialize, serializeOuter } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";

/** An element of the tree. */
export type Element = DefaultTreeAdapterMap["element"];
/** A document of the tree. */
export type Document = DefaultTreeAdapterMap["document"];
/** Anything that holds children. */
export type ParentNode = DefaultTreeAdapterMap["parentNode"];
/** Anything that is a child. */
export type ChildNode = DefaultTreeAdapterMap["childNode"];

export { parse as parseDocument, serialize, serializeOuter };

/** The HTML namespace, for elements made here. */
export const HTML_NS = html.NS.HTML;

/** Every element under `node`, in document order (template contents included). */
export function* elements(node: ParentNode): Generator<Element> {
  for (const child of tree.getChildNodes(node)) {
    if (!tree.isElementNode(child)) continue;
    yield child;
    yield* elements(
      child.nodeName === "template" ? tree.getTemplateContent(child as DefaultTreeAdapterMap["template"]) : child,
    );
  }
}

/** The first element named `name` under `node`. */
export function find(node: ParentNode, name: string): Element | undefined {
  for (const e of elements(node)) if (e.nodeName === name) return e;
  return undefined;
}

/** An attribute's value (`xlink:href` is found as `href`), or undefined. */
export function getAttr(e: Element, name: string): string | undefined {
  return e.attrs.find((a) => a.name === name)?.value;
}

/** Sets an attribute, adding it when absent (keeping its namespace when present). */
export function setAttr(e: Element, name: string, value: string): void {
  const a = e.attrs.find((x) => x.name === name);
  if (a === undefined) e.attrs.push({ name, value });
  else a.value = value;
}

/** Removes attributes by name. */
export function removeAttrs(e: Element, ...names: string[]): void {
  e.attrs = e.attrs.filter((a) => !names.includes(a.name));
}

/** The text inside an element (a style or script block). */
export function textOf(e: Element): string {
  return tree
    .getChildNodes(e)
    .map((c) => (tree.isTextNode(c) ? c.value : ""))
    .join("");
}

/** Replaces an element's children with one text node. */
export function setText(e: Element, text: string): void {
  for (const c of [...tree.getChildNodes(e)]) tree.detachNode(c);
  if (text !== "") tree.insertText(e, text);
}

/** A new HTML element with attributes and, optionally, text. */
export function element(name: string, attrs: Readonly<Record<string, string>> = {}, text?: string): Element {
  const e = tree.createElement(
    name,
    HTML_NS,
    Object.entries(attrs).map(([n, value]) => ({ name: n, value })),
  );
  if (text !== undefined) tree.insertText(e, text);
  return e;
}

/** Appends `child` to `parent`. */
export function append(parent: ParentNode, child: ChildNode): void {
  tree.appendChild(parent, child);
}

/** Puts `node` right after `ref` in its parent. */
export function insertAfter(ref: ChildNode, node: ChildNode): void {
  const parent = ref.parentNode;
  if (parent === null) return;
  const siblings = tree.getChildNodes(parent);
  const next = siblings[siblings.indexOf(ref) + 1];
  if (next === undefined) tree.appendChild(parent, node);
  else tree.insertBefore(parent, node, next);
}

/** Puts `node` first in `parent`. */
export function prepend(parent: ParentNode, node: ChildNode): void {
  const first = tree.getFirstChild(parent);
  if (first === null) tree.appendChild(parent, node);
  else tree.insertBefore(parent, node, first);
}

/** Takes `node` out of the tree. */
export function remove(node: ChildNode): void {
  tree.detachNode(node);
}

/** True for an element of SVG (or MathML) content, where HTML notes cannot go. */
export function isForeign(e: Element): boolean {
  return e.namespaceURI !== HTML_NS;
}

/** True when `e` has the class `name`. */
export function hasClass(e: Element, name: string): boolean {
  return (getAttr(e, "class") ?? "").split(/\s+/).includes(name);
}
