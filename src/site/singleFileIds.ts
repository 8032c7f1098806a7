/**
 * Ids of the pages a single file embeds. Every page of a report has its own ids (`top`, `args`,
 * `metrics`, Graphviz's `node1`…), so once record pages are sections of one document the same id
 * appears many times: a table-of-contents link or an SVG `url(#…)` of an embedded page would
 * lead to the first page that has it. Each embedded page's ids, and every reference to them
 * within it, get the page's section id as a prefix; links from elsewhere are mapped the same way
 * (`scopedId`).
 */
import { elements, type Element, type ParentNode } from "./singleFileTree.js";

/** Attributes holding one id. */
const ID_ATTRS = new Set(["id", "for", "list", "form", "data-copy-target", "data-compare-bar"]);

/** Attributes holding a space-separated list of ids. */
const ID_LIST_ATTRS = new Set([
  "headers",
  "aria-labelledby",
  "aria-describedby",
  "aria-controls",
  "aria-owns",
  "aria-flowto",
  "aria-activedescendant",
  "aria-details",
  "aria-errormessage",
]);

/** `url(#id)` in presentation attributes and style (SVG paint servers, clip paths, markers). */
const URL_FRAGMENT = /url\(\s*(['"]?)#/g;

/** The id that `id` of the embedded page with section id `prefix` has in the single file. */
export function scopedId(prefix: string, id: string): string {
  return `${prefix}--${id}`;
}

/** The attribute's value with its id references scoped, or undefined when it has none. */
function scopedValue(name: string, value: string, prefix: string): string | undefined {
  if (value === "") return undefined;
  if (ID_ATTRS.has(name)) return scopedId(prefix, value);
  if (ID_LIST_ATTRS.has(name))
    return value
      .split(/\s+/)
      .filter((v) => v !== "")
      .map((v) => scopedId(prefix, v))
      .join(" ");
  if (name === "href" && value.startsWith("#") && value.length > 1) return `#${scopedId(prefix, value.slice(1))}`;
  if (value.includes("url(")) {
    const scoped = value.replace(URL_FRAGMENT, (_, quote: string) => `url(${quote}#${prefix}--`);
    return scoped === value ? undefined : scoped;
  }
  return undefined;
}

/**
 * Prefixes every id under `root` (one embedded page) and every same-page reference to an id with
 * `prefix`: `id`, `for`, `headers`, ARIA references, `href="#…"` (`xlink:href` too) and `url(#…)`.
 */
export function scopeIds(root: ParentNode, prefix: string): void {
  for (const e of elements(root)) scopeElement(e, prefix);
}

function scopeElement(e: Element, prefix: string): void {
  for (const a of e.attrs) {
    const value = scopedValue(a.name, a.value, prefix);
    if (value !== undefined) a.value = value;
  }
}
