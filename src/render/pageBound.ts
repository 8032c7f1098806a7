/**
 * The renderer's page-size guard: no page passes MAX_PAGE_BYTES, whatever produced it (issue 23:
 * a 14 MB run page from 100,000 args keys never loaded). Views bound what they list themselves
 * (the best rows, then "and N more"); this is the backstop for what one of them missed, applied
 * where every page is rendered (templates.ts).
 *
 * A page over the bound is parsed with parse5 and cut at an element boundary: the head is kept
 * whole (styles, script, policy), then the body's content in document order while it fits, going
 * down into the element that does not fit (a section, a table, a list, a long text) and keeping
 * what of it fits. Everything after is left out, but the page footer. A note right after the cut
 * says what was left out. Serialized by parse5 again, so every element is closed and the page stays
 * well-formed; sizes are measured as serialized, so the result is under the bound by construction.
 */
import { defaultTreeAdapter, html as parse5Html, parse, serialize, serializeOuter } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";
import { groupDigits } from "../util/clip.js";

/** Largest page, in bytes as written (UTF-8): what a browser loads and lays out without stalling. */
export const MAX_PAGE_BYTES = 1024 * 1024;

/** Bytes kept free for the note (its text names at most a few sections). */
const NOTE_RESERVE = 2048;

type Node = DefaultTreeAdapterMap["childNode"];
type Element = DefaultTreeAdapterMap["element"];
type ParentNode = DefaultTreeAdapterMap["parentNode"];

/** What the cut left out. */
interface Cut {
  elements: number;
  bytes: number;
  /** Where the cut is: the ids of the elements it went down through, outermost first. */
  readonly inside: string[];
  /** Ids of elements left out whole (sections after the cut), in order. */
  readonly whole: string[];
  /** Every id left out, at any depth (links to them get a stand-in: see `stubs`). */
  readonly ids: Set<string>;
  /** Each node's size as serialized, once measured (see `sizeOf`). */
  readonly sizes: Map<Node | DefaultTreeAdapterMap["document"], number>;
}

const utf8 = (text: string): number => Buffer.byteLength(text, "utf8");
const isElement = (node: Node): node is Element => "tagName" in node;
const idOf = (el: Element): string | undefined => el.attrs.find((a) => a.name === "id")?.value;

/** Elements in `node`, itself included (a template's content not counted: it shows nothing); adds their ids to `ids`. */
function elementCount(node: Node, ids: Set<string>): number {
  if (!isElement(node)) return 0;
  const id = idOf(node);
  if (id !== undefined) ids.add(id);
  return 1 + node.childNodes.reduce((n, c) => n + elementCount(c, ids), 0);
}

/** The `#fragment` targets the links in `node` point at. */
function fragmentTargets(node: ParentNode, found: Set<string>): Set<string> {
  for (const child of node.childNodes) {
    if (!isElement(child)) continue;
    const href = child.attrs.find((a) => a.name === "href")?.value;
    if (href?.startsWith("#") === true) found.add(decodeURIComponentSafe(href.slice(1)));
    fragmentTargets(child, found);
  }
  return found;
}

/** `text` percent-decoded as a browser decodes a fragment, or as it is when it is no valid encoding. */
function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Bytes of `el`'s tags alone, as serialized. */
function shellBytes(el: Element): number {
  return utf8(serializeOuter({ ...el, childNodes: [] }));
}

/**
 * Bytes of `node` as serialized, measured once per node: an element is its tags and its children
 * (how parse5 writes it), so a 2 MB page is serialized once to measure every subtree, not once
 * for each level the cut goes down through (the 1,000-run index was serialized five times over).
 * An HTML template's content is in its tags' serialization.
 */
function sizeOf(node: Node | DefaultTreeAdapterMap["document"], cut: Cut): number {
  let size = cut.sizes.get(node);
  if (size !== undefined) return size;
  if (node.nodeName === "#document") size = node.childNodes.reduce((n, c) => n + sizeOf(c, cut), 0);
  else if (!isElement(node as Node)) size = utf8(serializeOuter(node as Node));
  else {
    const el = node as Element;
    size = shellBytes(el);
    // parse5 gives void elements no children, and keeps an HTML template's in its content.
    if (!(el.tagName === "template" && el.namespaceURI === parse5Html.NS.HTML))
      size = el.childNodes.reduce((n, c) => n + sizeOf(c, cut), size);
  }
  cut.sizes.set(node, size);
  return size;
}

/** The longest start of the text node `node` whose serialization fits `budget` bytes (never half a pair). */
function cutText(node: DefaultTreeAdapterMap["textNode"], budget: number): void {
  let keep = Math.min(node.value.length, budget);
  for (let guard = 0; guard < 40 && keep > 0; guard++) {
    node.value = node.value.slice(0, keep);
    const bytes = utf8(serializeOuter(node));
    if (bytes <= budget) break;
    keep = Math.max(0, Math.floor((keep * budget) / bytes) - 1);
  }
  const last = node.value.charCodeAt(node.value.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) node.value = node.value.slice(0, -1);
  if (keep === 0) node.value = "";
}

/** Counts `node` as left out whole (the caller takes it out of the tree). */
function countOut(node: Node, cut: Cut): void {
  cut.elements += elementCount(node, cut.ids);
  cut.bytes += sizeOf(node, cut);
  const id = isElement(node) ? idOf(node) : undefined;
  if (id !== undefined && cut.whole.length < 8) cut.whole.push(id);
}

/**
 * Keeps `parent`'s children in order while they fit `budget` bytes, goes down into the first that
 * does not, and leaves out the rest (`keep` says which of them stay anyway: the footer). Returns
 * the bytes kept. The children are replaced once (taking them out one by one is quadratic).
 */
function fit(parent: ParentNode, budget: number, cut: Cut, keep: (n: Node) => boolean = () => false): number {
  let used = 0;
  let cutDone = false;
  const kept: Node[] = [];
  for (const child of parent.childNodes) {
    if (keep(child)) {
      kept.push(child);
      continue;
    }
    if (cutDone) {
      countOut(child, cut);
      continue;
    }
    const size = sizeOf(child, cut);
    if (used + size <= budget) {
      used += size;
      kept.push(child);
      continue;
    }
    cutDone = true;
    const inner = goInto(child, budget - used, cut);
    if (inner === null) countOut(child, cut);
    else {
      used += inner;
      kept.push(child);
    }
  }
  parent.childNodes = kept;
  return used;
}

/** Keeps what of `node` fits `budget` bytes (its tags included): the bytes kept, or null to leave it out whole. */
function goInto(node: Node, budget: number, cut: Cut): number | null {
  if (!isElement(node)) {
    if (node.nodeName !== "#text") return null;
    const text = node as DefaultTreeAdapterMap["textNode"];
    const before = utf8(serializeOuter(text));
    cutText(text, budget);
    const after = utf8(serializeOuter(text));
    cut.bytes += before - after;
    return after;
  }
  const shell = shellBytes(node);
  // A script, template or drawing cut in the middle would be broken, not shorter: left out whole.
  if (shell > budget || ["template", "script", "svg", "math"].includes(node.tagName)) return null;
  const id = idOf(node);
  if (id !== undefined) cut.inside.push(id);
  return shell + fit(node, budget - shell, cut);
}

/** The note put after the cut: how much was left out and from where. */
function noteText(cut: Cut, max: number): string {
  const where = cut.inside.length > 0 ? ` in #${cut.inside.at(-1) ?? ""}` : "";
  const whole = cut.whole.length > 0 ? `; left out whole: ${cut.whole.map((id) => `#${id}`).join(", ")}` : "";
  return (
    `This page was cut at ${groupDigits(max)} bytes, curi-report's bound per page, so that it loads: ` +
    `${groupDigits(cut.elements)} more elements (${groupDigits(cut.bytes)} bytes)${where} were left out${whole}. ` +
    "The run's own files (run.json, results.json) hold everything."
  );
}

/** The document's body (parse5 makes one for any input). */
function bodyOf(doc: DefaultTreeAdapterMap["document"]): Element {
  const root = doc.childNodes.find(isElement);
  const body = root?.childNodes.find((n): n is Element => isElement(n) && n.tagName === "body");
  if (body === undefined) throw new Error("parse5 gave a document without a body");
  return body;
}

/**
 * `page` as it is when it fits `max` bytes; else cut to fit (see the module comment), with a note
 * saying what was cut.
 */
export function boundPage(page: string, max: number = MAX_PAGE_BYTES): string {
  // A UTF-16 unit is at most 3 bytes of UTF-8: a short page needs no count.
  if (page.length * 3 <= max || utf8(page) <= max) return page;
  // Links kept to what was left out need stand-ins, which take room: cut again, shorter, until all fits.
  let reserve = NOTE_RESERVE;
  for (;;) {
    const cut = cutPage(page, max, reserve);
    const bytes = utf8(cut.html);
    if (bytes <= max) return cut.html;
    reserve += bytes - max + NOTE_RESERVE;
  }
}

/** `page` cut so that its body but the note and stand-ins fits `max - reserve` bytes. */
function cutPage(page: string, max: number, reserve: number): { html: string } {
  const doc = parse(page);
  const body = bodyOf(doc);
  const cut: Cut = { elements: 0, bytes: 0, inside: [], whole: [], ids: new Set(), sizes: new Map() };
  const others = sizeOf(doc, cut) - sizeOf(body, cut) + shellBytes(body);
  const isFooter = (n: Node): boolean => isElement(n) && n.tagName === "footer";
  const footer = body.childNodes.filter(isFooter).reduce((n, f) => n + sizeOf(f, cut), 0);
  fit(body, max - others - footer - reserve, cut, isFooter);
  const note = defaultTreeAdapter.createElement("p", parse5Html.NS.HTML, [{ name: "class", value: "page-cut" }]);
  defaultTreeAdapter.insertText(note, noteText(cut, max));
  // A link kept to an element left out (the contents to #map, #records) leads to the note instead of nowhere.
  for (const id of fragmentTargets(body, new Set())) {
    if (!cut.ids.has(id)) continue;
    defaultTreeAdapter.appendChild(
      note,
      defaultTreeAdapter.createElement("span", parse5Html.NS.HTML, [{ name: "id", value: id }]),
    );
  }
  const firstFooter = body.childNodes.find(isFooter);
  if (firstFooter === undefined) defaultTreeAdapter.appendChild(body, note);
  else defaultTreeAdapter.insertBefore(body, note, firstFooter);
  // parse5 writes the doctype without the line break every page of ours starts with.
  return { html: serialize(doc).replace(/^<!DOCTYPE html>(?!\n)/, "<!DOCTYPE html>\n") };
}
