/**
 * The list of every run of a site, newest first, in pages (`runs/<p>.html`), and the bounds of the
 * run lists on the index. The index shows only the newest runs, so that a site with a long CI
 * history keeps an index of one bounded page and loses no run: the rest are here, one click away,
 * static and readable without JavaScript. Lines are the index's own (`partials/index/runLine`), and
 * pages are filled by bytes as well as by count, so no page passes the 1 MiB page bound whatever
 * the runs' names hold.
 */
import { groupDigits } from "../../util/clip.js";
import { relativeUrl, runsListPagePath, SITE_PATHS } from "../router.js";
import { renderTemplate } from "../templates.js";
import type { RenderedFile } from "../types.js";
import type { IndexEntry } from "../formats/runInfo.js";
import { runLine } from "./indexView.js";
import { pageMeta } from "./page.js";

/** How much of a list of run lines one place shows: at most `lines` lines and `bytes` bytes of their HTML (UTF-8). */
export interface LineBound {
  readonly lines: number;
  readonly bytes: number;
}

/**
 * Bounds of the run lists. A run line holds at most about 150 KB (every field is clipped, and a line
 * names at most MAX_INDEX_PARAM_FILES param files), so one always fits a page; the page's own
 * header and pager take a few KB, which keeps a page of the list well under MAX_PAGE_BYTES.
 */
export const RUN_LIST_BOUNDS = {
  /** The index's all-runs list, or the one experiment's list when the site has one experiment. */
  index: { lines: 200, bytes: 256 * 1024 },
  /** Each experiment's list on the index when the site has several (its trends table shows more). */
  experiment: { lines: 20, bytes: 64 * 1024 },
  /** One page of the runs list. */
  page: { lines: 500, bytes: 768 * 1024 },
} as const satisfies Record<string, LineBound>;

/** Page numbers the pager names on either side of the current page (the first and last are always named). */
const PAGER_REACH = 5;

/** Bytes of `text` as written (UTF-8). */
function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * The first lines of `line(0)`, `line(1)`, … (`count` in all) that fit `bound`, as HTML; at least one
 * line when there is any, so a list never shows nothing while it has runs. `line` is called only
 * for the lines looked at, so a short list of many runs renders few of them.
 */
export function fittingLines(count: number, line: (i: number) => string, bound: LineBound): string[] {
  const kept: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count && kept.length < bound.lines; i++) {
    const html = line(i);
    bytes += utf8Bytes(html);
    if (kept.length > 0 && bytes > bound.bytes) break;
    kept.push(html);
  }
  return kept;
}

/** `lines` split into pages, in order, each fitting `bound` (a line alone on its page when it is bigger). */
export function pagesOf(lines: readonly string[], bound: LineBound): string[][] {
  const pages: string[][] = [];
  let start = 0;
  while (start < lines.length) {
    const page = fittingLines(lines.length - start, (i) => lines[start + i] as string, bound);
    pages.push(page);
    start += page.length;
  }
  return pages.length === 0 ? [[]] : pages;
}

/** A link of the pager: a page number, linked unless it is the current page; null stands for a gap (`…`). */
export type PagerItem = { readonly label: string; readonly href: string | null } | null;

/** What one page of the runs list shows. */
export interface RunsListPageView {
  readonly number: number;
  readonly count: number;
  /** `Runs 501–1,000 of 5,000, newest first.` */
  readonly summary: string;
  readonly indexHref: string;
  readonly previous: string | null;
  readonly next: string | null;
  /** Every page number near this one and the first and last, gaps as null. */
  readonly pager: readonly PagerItem[];
  readonly empty: boolean;
}

/** The pager of page `number` of `count`: the first, the last and PAGER_REACH pages either side, linked from `from`. */
function pagerItems(number: number, count: number, from: string): PagerItem[] {
  const items: PagerItem[] = [];
  for (let p = 1; p <= count; p++) {
    const near = p === 1 || p === count || Math.abs(p - number) <= PAGER_REACH;
    if (near) items.push({ label: String(p), href: p === number ? null : relativeUrl(from, runsListPagePath(p)) });
    else if (items.at(-1) !== null) items.push(null);
  }
  return items;
}

/** The view of page `number` (from 1) of `count`, holding runs `first` to `last` (from 1) of `total`. */
function pageView(number: number, count: number, range: { first: number; last: number; total: number }) {
  const path = runsListPagePath(number);
  const link = (p: number): string | null => (p >= 1 && p <= count ? relativeUrl(path, runsListPagePath(p)) : null);
  const view: RunsListPageView = {
    number,
    count,
    summary:
      range.total === 0
        ? "No reports yet."
        : `Runs ${groupDigits(range.first)}–${groupDigits(range.last)} of ${groupDigits(range.total)}, newest first.`,
    indexHref: relativeUrl(path, SITE_PATHS.index),
    previous: link(number - 1),
    next: link(number + 1),
    pager: count > 1 ? pagerItems(number, count, path) : [],
    empty: range.total === 0,
  };
  return view;
}

/**
 * Renders the pages of the list of every run (`entries` newest first), each a whole page with the
 * site's stylesheet and script. There is always a first page, which says when the site has no runs.
 */
export function renderRunsList(
  entries: readonly IndexEntry[],
  version: string,
  previous: ReadonlyMap<string, string> = new Map(),
): RenderedFile[] {
  // Every page lies in the same folder, so a line's links are the same on any of them.
  const from = runsListPagePath(1);
  const lines = entries.map((e) =>
    renderTemplate("/partials/index/runLine", runLine(e, from, previous.get(e.folder) ?? null)),
  );
  const pages = pagesOf(lines, RUN_LIST_BOUNDS.page);
  let first = 1;
  return pages.map((page, k) => {
    const path = runsListPagePath(k + 1);
    const list = pageView(k + 1, pages.length, { first, last: first + page.length - 1, total: entries.length });
    first += page.length;
    const html = renderTemplate("/pages/runs", {
      page: pageMeta({
        title: pages.length === 1 ? "All runs" : `All runs, page ${k + 1} of ${pages.length}`,
        version,
        styles: [relativeUrl(path, SITE_PATHS.style)],
        script: relativeUrl(path, SITE_PATHS.script),
        bodyClass: "index runs-list",
      }),
      list,
      lines: page.join(""),
    });
    return { path, content: html };
  });
}
