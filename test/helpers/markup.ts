/**
 * What a built page shows with JavaScript off, read from its file by parse5 (as a browser parses
 * it) instead of opening it in Chromium: with no script to run, a page is its markup, and a
 * link is followed by reading the file its href names. For what needs layout, styles or scripts,
 * open the page in Chromium (browser.ts).
 */
import { readFile } from "node:fs/promises";
import { attrOf, elements, parseHtml, textOf, type El } from "../hostile/helpers/dom.js";

export type { El } from "../hostile/helpers/dom.js";
export { attrOf, textOf } from "../hostile/helpers/dom.js";

/** The built page `file` as parse5 reads it. */
export async function parsePage(file: string): Promise<El> {
  return parseHtml(await readFile(file, "utf8"));
}

/** Whitespace runs as one space, trimmed: text as a reader reads it. */
export function words(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The words of the element with `id` on `page`. */
export function textOfId(page: El, id: string): string {
  const el = [...elements(page)].find((e) => attrOf(e, "id") === id);
  if (el === undefined) throw new Error(`no #${id} on the page`);
  return words(textOf(el));
}

/** Whether `el` matches `tag`, `.class` or `tag.class`. */
function matches(el: El, step: string): boolean {
  const [tag, cls] = step.split(".");
  return (
    (tag === "" || el.tag === tag) && (cls === undefined || (attrOf(el, "class") ?? "").split(/\s+/).includes(cls))
  );
}

/**
 * The elements matching the last step inside ones matching the steps before (as the descendant
 * selector `table.args-diff tbody tr` would), in document order; each step is `tag`, `.class` or `tag.class`.
 */
export function select(root: El, ...steps: string[]): El[] {
  let found = [root];
  for (const step of steps) {
    const next = new Set<El>();
    for (const scope of found) for (const el of elements(scope)) if (el !== scope && matches(el, step)) next.add(el);
    found = [...next];
  }
  return found;
}

/** A table row's cells' words, tab-separated, as Chromium's `innerText` gives a row. */
export function rowText(row: El): string {
  return row.children
    .filter((c): c is El => typeof c !== "string" && (c.tag === "td" || c.tag === "th"))
    .map((c) => words(textOf(c)))
    .join("\t");
}
