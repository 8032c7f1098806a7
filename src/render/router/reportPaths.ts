/**
 * Every path inside a report folder (relative to it, `/`-separated), decided here and nowhere
 * else: the pages, the files the index and comparisons read back, graph sources, reportables'
 * files, the comparison data the site's compare.html loads, the assets and the marker that says
 * curi-report wrote the folder. Browser-safe (no imports): compare.html's bundle takes the names
 * of the comparison data files from here.
 */

/** The page a folder's URL shows on a static host (`<folder>/` serves `<folder>/index.html`). */
export const FOLDER_PAGE = "index.html";

/** Folders inside a report folder. */
export const REPORT_DIRS = {
  /** Graph sources (`.gv`) and the DAG as JSON. */
  graphs: "graphs",
  /** A page per record, and the record lists of each pipeline. */
  records: "records",
  /** The pages of a results table too long for the report page. */
  results: "results",
  /** Reportables' files: those the report writes (`<stem>.<ext>`) and those a reportable links (copied as they are). */
  reportables: "reportables",
} as const;

/** Fixed files of a report folder. */
export const REPORT_PATHS = {
  /** The run page. */
  page: FOLDER_PAGE,
  /** The run's metadata, read back by the index. */
  runInfo: "run_info.json",
  /** The run's facts, read back for latest.json and `summary --base`. */
  results: "results.json",
  /** The run's log, copied from the run folder. */
  log: "log.txt",
  fullDot: `${REPORT_DIRS.graphs}/full.gv`,
  mapDot: `${REPORT_DIRS.graphs}/map.gv`,
  dagJson: `${REPORT_DIRS.graphs}/dag.json`,
  style: "style.css",
  /** The user's stylesheet (`--css`), linked after ours. */
  customStyle: "custom.css",
  script: "report.js",
  /** The run's comparison data, which compare.html loads (and names its chunks, `compareChunkFile`). */
  compareData: "compare-data.js",
  /** The marker: this folder is a report curi-report wrote, and what it was built from. */
  marker: "curi-report.json",
  /** The run's sweep analysis page (issue 19), for a run with metrics and more than one args set. */
  analysis: "analysis.html",
  /** The sweep analysis as published data, beside its page. */
  analysisJson: "analysis.json",
} as const;

/** The files of `templates/assets` that each report folder gets, under the same names. */
export const REPORT_ASSET_FILES: readonly string[] = [REPORT_PATHS.style, REPORT_PATHS.script];

/** Path of record i's DOT source inside a report folder. */
export function recordDotPath(index: number): string {
  return `${REPORT_DIRS.graphs}/record_${index}.gv`;
}

/** Path of the page of the record at position `index` inside a report folder. */
export function recordPagePath(index: number): string {
  return `${REPORT_DIRS.records}/${index}.html`;
}

/**
 * A path in `records/` that is no page: links drawn for it are those of every page in the folder,
 * and none of them collapses to a same-page `#anchor` (one map drawing serves every record page).
 */
export const RECORDS_DIR_PAGE = `${REPORT_DIRS.records}/_.html`;

/** True when the page at `path` sits in `records/` (a record page or a pipeline's record list). */
export function inRecordsDir(path: string): boolean {
  return path.startsWith(`${REPORT_DIRS.records}/`);
}

/** Path of page `page` (from 0) of the list of the records of pipeline `shape`. */
export function shapePagePath(shape: number, page: number): string {
  const stem = `${REPORT_DIRS.records}/pipeline-${shape + 1}`;
  return page === 0 ? `${stem}.html` : `${stem}-${page + 1}.html`;
}

/** Path of page `page` (from 0) of the reportables, when they do not fit on the report page. */
export function reportablesPagePath(page: number): string {
  return `reportables-${page + 1}.html`;
}

/** Path of page `p` (1-based) of a split results table. */
export function resultsPagePath(p: number): string {
  return `${REPORT_DIRS.results}/${p}.html`;
}

/** Path of page `p` (1-based) of the results table as data, which the run page loads on demand (`results/<p>.js`); `"<p>"` names them all in messages. */
export function resultsDataPath(p: number | "<p>"): string {
  return `${REPORT_DIRS.results}/${p}.js`;
}

/** The number of the results data page at `path` inside a report folder, or null when it is none. */
export function resultsDataPage(path: string): number | null {
  const m = new RegExp(`^${REPORT_DIRS.results}/([1-9][0-9]{0,5})\\.js$`).exec(path);
  return m === null ? null : Number(m[1]);
}

/** The global under which each results data page files itself by number (`window.curiResults[p]`). */
export const RESULTS_DATA_GLOBAL = "curiResults";

/** Path stem of the files a reportable's renderer writes (it adds an extension); `stem` is already safe and unique. */
export function reportableFileBase(stem: string): string {
  return `${REPORT_DIRS.reportables}/${stem}`;
}

/**
 * Ids of the fixed sections of a report page; none starts with a prefix used for generated ids.
 * Here, with the paths, because the pages' scripts look sections up by them too.
 */
export const SECTION_IDS = {
  top: "top",
  info: "info",
  toc: "contents",
  reportables: "reportables",
  reportablesToc: "reportables-toc",
  map: "map",
  records: "records",
  args: "args",
  argsDiff: "args-differing",
  /** The sweep analysis (run page and analysis.html); its charts' ids start with `analysis-`. */
  analysis: "analysis",
} as const;

/** Name of chunk file `k` (from 1) of a report folder's comparison data; `"<k>"` names them all in messages. */
export function compareChunkFile(k: number | "<k>"): string {
  return `compare-data-${k}.js`;
}

/** The comparison data files of a report folder whose main file names `chunks` chunk files. */
export function compareDataPaths(chunks: number): string[] {
  return [REPORT_PATHS.compareData, ...Array.from({ length: chunks }, (_, i) => compareChunkFile(i + 1))];
}

/**
 * The stem a reportable's linked file claims in `reportables/` (its name without extension), or
 * null when it lies deeper: the report's own files there steer clear of it.
 */
export function linkedFileStem(relative: string): string | null {
  const prefix = `${REPORT_DIRS.reportables}/`;
  if (!relative.startsWith(prefix)) return null;
  return /^([^/]+?)(?:\.[^./]*)?$/.exec(relative.slice(prefix.length))?.[1] ?? null;
}
