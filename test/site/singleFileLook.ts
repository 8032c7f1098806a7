/**
 * What a reader sees of one part of a page in Chromium, so a single file can be compared part by
 * part with the folder report: the single file's own page (without the pages embedded in it)
 * with the folder's report page, and each embedded page (`section.single-file-page`,
 * whose `data-page` names it) with that page of the folder, less its footer (which the single
 * file drops from embedded pages: the main page's footer says the same).
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { FOLDER_PAGE, isReportPage } from "../../src/render/router.js";
import { attrOf, elements, textOf, type El } from "../hostile/helpers/dom.js";

/** One part of a page: the subtree at `root`, without the subtrees matching `without`. */
export interface Part {
  readonly root: string;
  readonly without: string;
}

/** The report page itself: on a single file, everything but the embedded pages. */
export const OWN_PAGE: Part = { root: "body", without: "section.single-file-page" };

/** A page of the folder report as a single file embeds it: without its footer. */
export const EMBEDDABLE_PAGE: Part = { root: "body", without: "footer.page-footer" };

/** The section of a single file that embeds the report folder's page `rel` (`records/0.html`). */
export function embedded(rel: string): Part {
  return { root: `section.single-file-page[data-page=${JSON.stringify(rel)}]`, without: "" };
}

/** What a reader sees in `part` of the page: headings, SVGs, images, the script's buttons, and the styles applied. */
export async function look(page: Page, part: Part) {
  return page.evaluate(({ root, without }) => {
    const top = document.querySelector(root);
    if (top === null) throw new Error(`no ${root} on the page`);
    const all = (selector: string): Element[] =>
      Array.from(top.querySelectorAll(selector)).filter((e) => without === "" || e.closest(without) === null);
    const h1 = all("h1")[0];
    return {
      headings: all("h1, h2, h3, h4, h5, h6").map((h) => h.textContent?.trim() ?? ""),
      svgs: all("svg").length,
      images: (all("img") as HTMLImageElement[]).map((img) => ({
        alt: img.alt,
        width: img.naturalWidth,
        complete: img.complete,
      })),
      buttons: all("button").length,
      font: getComputedStyle(document.body).fontFamily,
      headerMargin: h1 === undefined ? null : getComputedStyle(h1).marginTop,
    };
  }, part);
}

/** Waits for every lazy image (scrolling to each), brings every frame into view and, with `frames`, waits until each has loaded. */
export async function settle(page: Page, frames = true): Promise<void> {
  await page.evaluate(async () => {
    for (const img of Array.from(document.querySelectorAll("img"))) {
      img.scrollIntoView();
      if (!img.complete) await new Promise((resolve) => img.addEventListener("load", resolve, { once: true }));
    }
    for (const frame of Array.from(document.querySelectorAll("iframe"))) frame.scrollIntoView();
  });
  // Every frame loaded (a state, not a time a busy machine can pass).
  if (frames) for (const frame of page.frames()) if (frame !== page.mainFrame()) await frame.waitForLoadState("load");
}

/** The `#frame-only` texts of the frames in `part` of the page (each read once its frame has loaded). */
export async function frameOnlyTexts(page: Page, part: Part): Promise<string[]> {
  const texts: string[] = [];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const element = await frame.frameElement();
    const inPart = await element.evaluate((node, { root, without }) => {
      const e = node as Element;
      return e.closest(root) !== null && (without === "" || e.closest(without) === null);
    }, part);
    if (!inPart) continue;
    // A loaded frame holds its whole document: read it then, rather than give each frame a time
    // limit that a busy machine can pass (and that a frame without #frame-only always used up).
    await frame.waitForLoadState("load");
    const only = frame.locator("#frame-only");
    if ((await only.count()) === 1) texts.push((await only.textContent()) ?? "");
  }
  return texts;
}

/**
 * The report's own pages besides its run page (record and pipeline pages in `records/`, a sweep's
 * `analysis.html`, and any other page the report writes, but no reportable's own HTML file),
 * relative to the report folder, sorted.
 */
export async function reportPages(reportDir: string): Promise<string[]> {
  const names = await readdir(reportDir, { recursive: true });
  return names
    .map((name) => name.split(path.sep).join("/"))
    .filter((rel) => rel !== FOLDER_PAGE && isReportPage(rel))
    .sort();
}

/** The folder pages a single file embeds, by its sections' `data-page`, sorted. */
export async function embeddedPages(page: Page): Promise<string[]> {
  return (
    await page.$$eval("section.single-file-page", (sections) => sections.map((s) => s.getAttribute("data-page") ?? ""))
  ).sort();
}

/**
 * What the markup of `part` of a parsed page holds, read by parse5 as a browser parses it (no
 * script run, no style applied): its headings, inline SVGs, images (alt and src), buttons and the
 * files it loads styles and scripts from. A single file's sections are compared with the folder's
 * pages this way in milliseconds; what Chromium shows of them is compared for one rich run.
 */
export function markupLook(doc: El, part: Part) {
  const top = [...elements(doc)].find((e) => matches(e, part.root));
  if (top === undefined) throw new Error(`no ${part.root} in the page`);
  const all = partElements(top, part.without);
  const named = (...tags: string[]) => all.filter((e) => tags.includes(e.tag));
  return {
    headings: named("h1", "h2", "h3", "h4", "h5", "h6").map((h) => textOf(h).trim()),
    svgs: named("svg").length,
    images: named("img").map((img) => ({ alt: attrOf(img, "alt") ?? "", src: attrOf(img, "src") ?? "" })),
    buttons: named("button").length,
  };
}

/** The elements under `top` (itself included), less the subtrees matching `without` ("" for none). */
function partElements(top: El, without: string): El[] {
  const out: El[] = [];
  const stack: El[] = [top];
  for (let el = stack.pop(); el !== undefined; el = stack.pop()) {
    if (without !== "" && matches(el, without)) continue;
    out.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i];
      if (typeof child !== "string" && child !== undefined) stack.push(child);
    }
  }
  return out;
}

/** Whether `el` matches `selector` of the forms the parts use: `tag`, `tag.class`, `tag.class[attr="value"]`. */
function matches(el: El, selector: string): boolean {
  const m = /^([a-z0-9]+)(?:\.([\w-]+))?(?:\[([\w-]+)=("(?:[^"\\]|\\.)*")\])?$/.exec(selector);
  if (m === null) throw new Error(`selector ${selector} is not one the parts use`);
  const [, tag, cls, name, value] = m;
  if (el.tag !== tag) return false;
  if (cls !== undefined && !(attrOf(el, "class") ?? "").split(/\s+/).includes(cls)) return false;
  return name === undefined || attrOf(el, name) === (JSON.parse(value ?? '""') as string);
}
