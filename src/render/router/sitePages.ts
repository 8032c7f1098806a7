/**
 * Which paths of a site are pages a build writes (and may hold the report's own script), told by
 * the path alone, so `check` can hold every other markup file of a site to "runs nothing"
 * (site/checkActive.ts). A path is a page of a family when that family's path function gives it
 * back for the number it names: the path functions stay the one spelling of each page.
 */
import {
  FOLDER_PAGE,
  REPORT_DIRS,
  REPORT_PATHS,
  recordPagePath,
  reportablesPagePath,
  resultsPagePath,
  shapePagePath,
} from "./reportPaths.js";
import {
  comparisonOfPath,
  isReservedName,
  RESERVED_SITE_PATHS,
  runsListPageOf,
  singleFilePath,
  SITE_PATHS,
} from "./sitePaths.js";

/** The numbers in `path`, as integers (`records/pipeline-3-2.html` → [3, 2]). */
function numbersIn(path: string): number[] {
  return [...path.matchAll(/[0-9]+/g)].map((m) => Number(m[0]));
}

/** True when `inner` (a path inside a report folder) is one of the report's pages. */
export function isReportPage(inner: string): boolean {
  if (inner === FOLDER_PAGE || inner === REPORT_PATHS.analysis) return true;
  const [a = -1, b = 0] = numbersIn(inner);
  if (inner.startsWith(`${REPORT_DIRS.records}/`))
    return recordPagePath(a) === inner || (a >= 1 && b >= 0 && shapePagePath(a - 1, Math.max(0, b - 1)) === inner);
  // Pipelines, results pages and reportables pages count from 1.
  return a >= 1 && (resultsPagePath(a) === inner || reportablesPagePath(a - 1) === inner);
}

/**
 * True when `rel` (relative to the site root, `/`-separated) is a page a site build writes: the
 * index, latest and compare pages, a page of the runs list, a comparison page, a report's pages, a report's single file,
 * and the same inside a pull request's preview site (`pr/<n>/`, a site of its own).
 */
export function isSitePage(rel: string): boolean {
  const parts = rel.split("/");
  const [top = "", second = ""] = parts;
  if (top === RESERVED_SITE_PATHS.previews && /^[0-9]+$/.test(second) && parts.length > 2)
    return isSitePage(parts.slice(2).join("/"));
  if (rel === SITE_PATHS.index || rel === SITE_PATHS.latestPage || rel === SITE_PATHS.compareApp) return true;
  if (comparisonOfPath(rel) !== null || runsListPageOf(rel) !== null) return true;
  if (parts.length === 1) {
    const stem = top.replace(/\.[^.]*$/, "");
    return stem !== top && singleFilePath(stem) === top && !isReservedName(stem);
  }
  return !isReservedName(top) && !top.startsWith(".") && isReportPage(parts.slice(1).join("/"));
}
