/**
 * The site's page list: every path a site build writes, from the site's report folders and
 * comparisons. It is how the build, `check` and the incremental code can tell the site's own
 * files from anything else in the output folder; a test holds it equal to what a build writes.
 */
import { compareDataPaths, REPORT_ASSET_FILES, REPORT_PATHS } from "./reportPaths.js";
import { comparePagePath, reportFilePath, runsListPagePath, singleFilePath, siteRootFiles } from "./sitePaths.js";

/** What the router needs to know of one report folder to list its files. */
export interface ReportRoute {
  readonly folder: string;
  /**
   * The paths the report's render stream writes or copies, relative to the folder: pages,
   * run_info.json, results.json, graph sources, reportables' files and the log (see `streamReport`).
   */
  readonly rendered: readonly string[];
  /** How many chunk files the report's compare-data.js names (0 when it holds all the data). */
  readonly compareChunks: number;
  /** True when the user's stylesheet (`--css`) is copied in. */
  readonly customCss?: boolean;
  /** True when the report's single file (`--single-file`) is written beside the folder. */
  readonly singleFile?: boolean;
}

/** A site as the router sees it. */
export interface SiteRoutes {
  readonly reports: readonly ReportRoute[];
  /** Names of the comparison pages in `compare/` (see `comparisonName`). */
  readonly comparisons: readonly string[];
  /** How many pages the list of every run has (`runs/1.html` …; default 1, what a small site needs). */
  readonly runsListPages?: number;
}

/**
 * Every file of one report folder, relative to it: what its render writes, then what the site
 * adds: the comparison data, the assets, the user's stylesheet and the marker.
 */
export function reportFolderFiles(route: ReportRoute): string[] {
  return [
    ...route.rendered,
    ...compareDataPaths(route.compareChunks),
    ...REPORT_ASSET_FILES,
    ...(route.customCss === true ? [REPORT_PATHS.customStyle] : []),
    REPORT_PATHS.marker,
  ];
}

/** Every path a site build writes for `site`, relative to the site root, sorted and without repeats. */
export function sitePageList(site: SiteRoutes): string[] {
  const paths = [...siteRootFiles(), ...site.comparisons.map(comparePagePath)];
  for (let page = 2; page <= (site.runsListPages ?? 1); page++) paths.push(runsListPagePath(page));
  for (const report of site.reports) {
    for (const file of reportFolderFiles(report)) paths.push(reportFilePath(report.folder, file));
    if (report.singleFile === true) paths.push(singleFilePath(report.folder));
  }
  return [...new Set(paths)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
