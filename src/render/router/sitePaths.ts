/**
 * Every path at the top of a site (relative to its root, `/`-separated): the index, the `latest/`
 * page and `latest.json`, the in-browser comparison `compare.html`, the comparison pages in
 * `compare/`, the paged list of every run in `runs/`, the site's own assets, `.nojekyll`, `history.json` (every run the site ever published),
 * and `pr/<n>/`, the previews of pull requests, each a site of its own. Every other name at the top
 * is a report folder, or the single file beside it (`<folder>.html`). Browser-safe (imports only the router's own report paths).
 */
import { FOLDER_PAGE, REPORT_ASSET_FILES, REPORT_PATHS } from "./reportPaths.js";

/** Folder of the site's own copies of the assets (the index, compare.html and comparison pages link them). */
export const SITE_ASSETS_DIR = "assets";

/** Folder of the comparison pages, `compare/<name>/index.html`. */
export const COMPARE_DIR = "compare";

/**
 * Folder of the paged list of every run, `runs/<p>.html`: the index shows only the newest runs, so
 * a long history stays one page, and links here for the rest.
 */
export const RUNS_LIST_DIR = "runs";

/** Folder of the latest page. */
const LATEST_DIR = "latest";

/** The extension of the site's pages; a single file is `<folder>.html`. */
const PAGE_EXTENSION = ".html";

/** The in-browser comparison's script in `templates/assets`, bundled by scripts/bundle-browser.mjs from src/browser/compareApp.ts. */
const COMPARE_APP_SCRIPT_FILE = "compare.js";

/** The files of `templates/assets` that the site's `assets/` folder gets: the report assets and compare.html's script. */
export const SITE_ASSET_FILES: readonly string[] = [...REPORT_ASSET_FILES, COMPARE_APP_SCRIPT_FILE];

/** Path of the site's copy of asset `name` (one of SITE_ASSET_FILES). */
export function siteAssetPath(name: string): string {
  return `${SITE_ASSETS_DIR}/${name}`;
}

/** Fixed files of a site. */
export const SITE_PATHS = {
  /** The reports index. */
  index: FOLDER_PAGE,
  /** A real page leading to the newest report (a meta refresh and a link; no symlink). */
  latestPage: `${LATEST_DIR}/${FOLDER_PAGE}`,
  /** Which run is newest, with its facts (the base of a pull request's summary). */
  latestJson: "latest.json",
  /** The in-browser comparison of any runs of the site (`compare.html?runs=a,b`). */
  compareApp: "compare.html",
  compareAppScript: siteAssetPath(COMPARE_APP_SCRIPT_FILE),
  style: siteAssetPath(REPORT_PATHS.style),
  script: siteAssetPath(REPORT_PATHS.script),
  /** Tells GitHub Pages not to run Jekyll, which would drop every `_`-prefixed path. */
  nojekyll: ".nojekyll",
  /** Every run the site ever published, kept across CI runs and prunes (formats/history.ts). */
  history: "history.json",
} as const;

/**
 * Names at the top of a site that its own build does not write: `pr/`, where the GitHub Action
 * builds each pull request's preview as a site of its own (`curi-report build … --out <site>/pr/<n>`).
 */
export const RESERVED_SITE_PATHS = {
  /** Every published run's facts: now a site file, `SITE_PATHS.history` (kept here for earlier importers). */
  history: "history.json",
  /** Pull-request previews, `pr/<number>/`, each a site of its own (issue 18). */
  previews: "pr",
} as const;

/** Path of the preview site of pull request `pr` (a folder holding a site of its own). */
export function previewSitePath(pr: number): string {
  return `${RESERVED_SITE_PATHS.previews}/${pr}/`;
}

/** True when `folder` (relative to a site root, `/`-separated, no trailing slash) is a pull request's preview site, `pr/<n>`. */
export function isPreviewSiteFolder(folder: string): boolean {
  return new RegExp(`^${RESERVED_SITE_PATHS.previews}/[1-9][0-9]{0,9}$`).test(folder);
}

/**
 * Files a site build of older curi-report versions wrote at the top of a site, which no build
 * writes any more: `check` tells the user to delete them before publishing.
 */
export const RETIRED_SITE_PATHS = {
  /** The old build state, naming the build machine's paths (it now lives in the user's cache folder). */
  manifest: ".curi-report-manifest.json",
} as const;

/** Path of report folder `folder` as a link target (a folder URL). */
export function reportFolderPath(folder: string): string {
  return `${folder}/`;
}

/** Path of file `file` (a REPORT_PATHS value or another path inside a report folder) of report folder `folder`. */
export function reportFilePath(folder: string, file: string): string {
  return `${folder}/${file}`;
}

/** Path of the report page of report folder `folder`. */
export function reportPagePath(folder: string): string {
  return reportFilePath(folder, REPORT_PATHS.page);
}

/** Path of report folder `folder`'s single-file report (`--single-file`), written beside the folder. */
export function singleFilePath(folder: string): string {
  return `${folder}${PAGE_EXTENSION}`;
}

/** Path of page `page` (counted from 1) of the list of every run, `runs/<page>.html`. */
export function runsListPagePath(page: number): string {
  return `${RUNS_LIST_DIR}/${page}${PAGE_EXTENSION}`;
}

/** The page number of `path` when it is a page of the list of every run (`runs/<p>.html`, p ≥ 1), else null. */
export function runsListPageOf(path: string): number | null {
  const prefix = `${RUNS_LIST_DIR}/`;
  if (!path.startsWith(prefix) || !path.endsWith(PAGE_EXTENSION)) return null;
  const digits = path.slice(prefix.length, -PAGE_EXTENSION.length);
  // Only the spelling runsListPagePath gives (no leading zeros, no sign), bounded well below 2^53.
  if (!/^[1-9][0-9]{0,8}$/.test(digits)) return null;
  return Number(digits);
}

/** Path of the comparison page named `name` (see `comparisonName`). */
export function comparePagePath(name: string): string {
  return `${COMPARE_DIR}/${name}/${FOLDER_PAGE}`;
}

/** The name of the comparison page at `path`, or null when `path` is no comparison page's. */
export function comparisonOfPath(path: string): string | null {
  const parts = path.split("/");
  return parts.length === 3 && parts[0] === COMPARE_DIR && parts[1] !== "" && parts[2] === FOLDER_PAGE
    ? (parts[1] ?? null)
    : null;
}

/**
 * The files at the top of every site besides report folders, comparison pages and the runs list's
 * pages after the first (how many depends on the runs: `SiteRoutes.runsListPages`), in the order
 * the index writes them.
 */
export function siteRootFiles(): string[] {
  return [
    SITE_PATHS.index,
    SITE_PATHS.latestPage,
    SITE_PATHS.latestJson,
    SITE_PATHS.compareApp,
    runsListPagePath(1),
    SITE_PATHS.history,
    ...SITE_ASSET_FILES.map(siteAssetPath),
    SITE_PATHS.nojekyll,
  ];
}

/** The folders at the top of a site that `siteRootFiles` lie in (`latest`, `assets`). */
export function siteRootFolders(): string[] {
  return [...new Set(siteRootFiles().flatMap((p) => (p.includes("/") ? [p.slice(0, p.indexOf("/"))] : [])))];
}

/**
 * Top-level names of a site that are never report folders (all lower case): the names of what the
 * site writes there, the names kept for what comes next, and the stems of its top-level pages,
 * because a report folder's single file (`<folder>.html`) would replace `index.html` or `compare.html`.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(
  [
    ...siteRootFiles().map((p) => p.split("/")[0] ?? p),
    COMPARE_DIR,
    ...Object.values(RESERVED_SITE_PATHS),
    ...siteRootFiles()
      .filter((p) => !p.includes("/") && p.endsWith(PAGE_EXTENSION))
      .map((p) => p.slice(0, -PAGE_EXTENSION.length)),
  ].map((name) => name.toLowerCase()),
);

/** True when `name` may not be a report folder; compared case-insensitively, as macOS and Windows compare names. */
export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name.toLowerCase());
}
