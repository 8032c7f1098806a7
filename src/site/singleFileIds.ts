/**
 * Ids of the pages a single file embeds. Every page of a report has its own ids (`top`, `args`,
 * `metrics`, Graphviz's `node1`…), so once record pages are sections of one document the same id
 * appears many times: a table-of-contents link or an SVG `url(#…)` of an embedded page would
 * lead to the first page that has it. Each embedded page's ids, and every reference to them
 * within it, get the page's section id as a prefix; links from elsewhere are mapped the same way
 * (`scopedId`).
 */
import { scanHtml, type HtmlAttr } from "./htmlScan.js";
import { applyEdits, escapeAttr, type Edit } from "./singleFileParts.js";

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
function scopedValue(a: HtmlAttr, prefix: string): string | undefined {
  if (a.value === "") return undefined;
  if (ID_ATTRS.has(a.name)) return scopedId(prefix, a.value);
  if (ID_LIST_ATTRS.has(a.name))
    return a.value
      .split(/\s+/)
      .filter((v) => v !== "")
      .map((v) => scopedId(prefix, v))
      .join(" ");
  if ((a.name === "href" || a.name === "xlink:href") && a.value.startsWith("#") && a.value.length > 1)
    return `#${scopedId(prefix, a.value.slice(1))}`;
  if (a.value.includes("url(")) {
    const value = a.value.replace(URL_FRAGMENT, (_, quote: string) => `url(${quote}#${prefix}--`);
    return value === a.value ? undefined : value;
  }
  return undefined;
}

/**
 * Returns `html` (one embedded page) with every id and every same-page reference to an id
 * prefixed by `prefix`: `id`, `for`, `headers`, ARIA references, `href="#…"` and `url(#…)`.
 */
export function scopeIds(html: string, prefix: string): string {
  const edits: Edit[] = [];
  for (const tag of scanHtml(html)) {
    if (tag.closing) continue;
    for (const a of tag.attrs) {
      if (a.valueStart < 0) continue;
      const value = scopedValue(a, prefix);
      if (value === undefined) continue;
      edits.push({
        start: a.valueStart,
        end: a.valueEnd,
        text: a.quote === "" ? `"${escapeAttr(value)}"` : escapeAttr(value),
      });
    }
  }
  return applyEdits(html, edits);
}
