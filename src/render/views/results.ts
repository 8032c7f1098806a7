/**
 * The results table that leads a report: records as rows, a status column when a record failed,
 * the args that differ and the metrics as columns (bounded, see resultsColumns.ts), the best
 * value per column marked (never a failed record's), step series as sparklines, each row linking
 * to its record. Without JavaScript it is complete and sorted by the first metric (best first,
 * failed records last); the script adds sorting and filtering over every record (loading the
 * table as data, `results/<p>.js`, on demand) and an overlay chart of the records the reader ticks.
 * Bounded at any size: past `RESULTS_PAGED_OVER` rows the report page shows the best
 * `RESULTS_TOP_ROWS` and the whole table is split into `results/<p>.html` pages of `RESULTS_PAGE_ROWS` rows.
 */
import type { RunContext } from "../context.js";
import { clipField } from "../../util/clip.js";
import {
  formatMetric,
  knownGoal,
  scalarOf,
  type MetricEntry,
  type MetricGoal,
  type RunMetrics,
} from "../facts/metrics.js";
import { relativeUrl, REPORT_PATHS, resultsPagePath, SECTION_IDS } from "../router.js";
import { sparklineSvg } from "../plot/sparkline.js";
import { resultsColumns, type ResultsColumn, type ResultsColumns } from "./resultsColumns.js";
import { bestValues, buildRow, sortedRows, type RecordTarget, type ResultsRow, type RowData } from "./resultsRows.js";
import { resultsData, type ResultsDataView } from "./resultsDataView.js";
import { overlayViews, type OverlayView } from "./resultsOverlay.js";

export type { RecordTarget, ResultsCell, ResultsRow } from "./resultsRows.js";
export type { ResultsColumn } from "./resultsColumns.js";
import { goalNotes } from "../facts/metricGoals.js";

/** Element id of the results section. Keep distinct from router.ts SECTION_IDS and its prefixes. */
export const RESULTS_ID = "results";
/** Rows beyond which the table is split into pages. */
export const RESULTS_PAGED_OVER = 200;
/** Rows shown on the report page of a split table (the best by the first metric). */
export const RESULTS_TOP_ROWS = 100;
/** Rows per `results/<p>.html` page. */
export const RESULTS_PAGE_ROWS = 250;

/** Columns the table had no room for: how many, and a link to where they are listed. */
export interface MoreColumns {
  readonly text: string;
  readonly href: string;
  readonly label: string;
}

/** The table on one page. */
export interface ResultsTableView {
  readonly columns: readonly ResultsColumn[];
  readonly rows: readonly ResultsRow[];
  /** `and 99,990 more differing args…`, or null when every column is shown. */
  readonly more: readonly MoreColumns[];
}

/** A run-level metric as shown above the table. */
export interface RunMetricView {
  readonly name: string;
  readonly text: string;
  readonly derived: boolean;
  readonly goal: MetricGoal | null;
  readonly spark: string | null;
}

/** The section on the report page. */
export interface ResultsView {
  readonly id: string;
  readonly runMetrics: readonly RunMetricView[];
  /** Null when no record has a metric. */
  readonly table: ResultsTableView | null;
  /** Rows in the whole table. */
  readonly total: number;
  /** What the table shows and how it is sorted, in one sentence. */
  readonly caption: string;
  /** Links to the pages of a split table (empty when the whole table is on the report page). */
  readonly pages: readonly { readonly href: string; readonly label: string }[];
  /** The table as data pages, for the page's script (null without a table). */
  readonly data: ResultsDataView | null;
  /** Overlay charts of a series metric for the best few records. */
  readonly overlays: readonly OverlayView[];
}

/** A page of a split table, for `pages/results.eta`. */
export interface ResultsPageView {
  readonly path: string;
  readonly number: number;
  readonly count: number;
  readonly table: ResultsTableView;
  readonly reportHref: string;
  readonly previous: string | null;
  readonly next: string | null;
  readonly caption: string;
}

/** Everything the results section produces: its view, the pages of a split table, and the data pages. */
export interface ResultsSection {
  readonly view: ResultsView | null;
  readonly pages: readonly ResultsPageView[];
  readonly dataFiles: readonly { readonly path: string; readonly content: string }[];
}

/** True when the run has any metric at all (logged or derived), so the section is worth showing. */
function hasMetrics(m: RunMetrics): boolean {
  return m.recordNames.length > 0 || m.runLevel.size > 0;
}

/** What the table leaves out, linked from the page at `from`. */
function moreColumns(cols: ResultsColumns, from: string): MoreColumns[] {
  const more: MoreColumns[] = [];
  const page = from === REPORT_PATHS.page ? "" : relativeUrl(from, REPORT_PATHS.page);
  if (cols.moreArgs > 0)
    more.push({
      text: `and ${cols.moreArgs.toLocaleString("en-US")} more differing args, not shown as columns;`,
      href: `${page}#${SECTION_IDS.args}`,
      label: "every args value is in the Args section",
    });
  if (cols.moreMetrics > 0)
    more.push({
      text: `and ${cols.moreMetrics.toLocaleString("en-US")} more metrics, not shown as columns;`,
      href: `${page}#${SECTION_IDS.records}`,
      label: "each record's page lists all of its metrics",
    });
  return more;
}

/** Builds the results section; `target(i)` says where record i's row links. Null view without metrics. */
export function buildResultsSection(ctx: RunContext, target: (index: number) => RecordTarget): ResultsSection {
  const { run, metrics } = ctx;
  if (!hasMetrics(metrics)) return { view: null, pages: [], dataFiles: [] };
  const runMetrics = [...metrics.runLevel].map(([name, e]) => runMetricView(name, e, knownGoal(metrics, name)));
  const rowsData = sortedRows(run, metrics);
  if (metrics.recordNames.length === 0 || rowsData.length === 0) {
    const view = {
      id: RESULTS_ID,
      runMetrics,
      table: null,
      total: 0,
      caption: "",
      pages: [],
      data: null,
      overlays: [],
    };
    return { view, pages: [], dataFiles: [] };
  }
  const cols = resultsColumns(
    ctx,
    rowsData.map((r) => r.index),
    metrics,
    rowsData.some((r) => r.failed),
  );
  const best = bestValues(rowsData, cols.metricNames, metrics);
  const failedNote = rowsData.some((r) => r.failed) ? ", failed records last" : "";
  const sortedBy = sortedByText(metrics, failedNote);
  const row = (r: RowData, from: string) => buildRow(ctx, r, cols, best, target, from);
  const table = (rows: readonly RowData[], from: string): ResultsTableView => ({
    columns: cols.columns,
    rows: rows.map((r) => row(r, from)),
    more: moreColumns(cols, from),
  });
  const data = resultsData(ctx, rowsData, cols, best, target);
  const overlays = overlayViews(run, rowsData, cols.metricNames, metrics);
  const pages = splitPages(rowsData, table, sortedBy);
  const top = pages.length === 0 ? rowsData : rowsData.slice(0, RESULTS_TOP_ROWS);
  const caption =
    pages.length === 0
      ? `${rowsData.length} records, ${sortedBy}.`
      : `The best ${top.length} of ${rowsData.length} records, ${sortedBy}; every record is in the full table's pages below.`;
  const links = pages.map((pg) => ({
    href: relativeUrl(REPORT_PATHS.page, pg.path),
    label: `${(pg.number - 1) * RESULTS_PAGE_ROWS + 1}–${Math.min(pg.number * RESULTS_PAGE_ROWS, rowsData.length)}`,
  }));
  const view: ResultsView = {
    id: RESULTS_ID,
    runMetrics,
    table: table(top, REPORT_PATHS.page),
    total: rowsData.length,
    caption,
    pages: links,
    data: data.view,
    overlays,
  };
  return { view, pages, dataFiles: data.files };
}

/** The pages of a table longer than `RESULTS_PAGED_OVER` rows (none for a shorter one). */
function splitPages(
  rowsData: readonly RowData[],
  table: (rows: readonly RowData[], from: string) => ResultsTableView,
  sortedBy: string,
): ResultsPageView[] {
  if (rowsData.length <= RESULTS_PAGED_OVER) return [];
  const count = Math.ceil(rowsData.length / RESULTS_PAGE_ROWS);
  const pages: ResultsPageView[] = [];
  for (let p = 1; p <= count; p++) {
    const path = resultsPagePath(p);
    const slice = rowsData.slice((p - 1) * RESULTS_PAGE_ROWS, p * RESULTS_PAGE_ROWS);
    pages.push({
      path,
      number: p,
      count,
      table: table(slice, path),
      reportHref: relativeUrl(path, `${REPORT_PATHS.page}`) + `#${RESULTS_ID}`,
      previous: p > 1 ? relativeUrl(path, resultsPagePath(p - 1)) : null,
      next: p < count ? relativeUrl(path, resultsPagePath(p + 1)) : null,
      caption: `Records ${(p - 1) * RESULTS_PAGE_ROWS + 1}–${(p - 1) * RESULTS_PAGE_ROWS + slice.length} of ${rowsData.length}, ${sortedBy}.`,
    });
  }
  return pages;
}

/** `sorted by loss, lowest first` (the primary metric), then which goals were guessed and how to declare them. */
function sortedByText(metrics: RunMetrics, failedNote: string): string {
  const first = metrics.primary;
  const goal = first === null ? null : knownGoal(metrics, first);
  const order =
    first === null || goal === null
      ? "in record order (no metric with a known goal)"
      : `sorted by ${clipField(first, 200)}, ${goal === "min" ? "lowest" : "highest"} first${failedNote}`;
  const notes = goalNotes(new Map([...metrics.judgements].filter(([n]) => metrics.recordNames.includes(n))));
  // The callers end the caption with a full stop.
  return notes.length === 0 ? order : `${order}. ${notes.join(" ").replace(/\.$/, "")}`;
}

function runMetricView(name: string, e: MetricEntry, goal: MetricGoal | null): RunMetricView {
  const spark = typeof e.value === "number" ? null : sparklineSvg(e.value, `${name} by step`);
  return { name: clipField(name, 200), text: formatMetric(scalarOf(e.value)), derived: e.derived, goal, spark };
}
