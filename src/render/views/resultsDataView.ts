/**
 * The results table as data pages (formats/resultsData.ts), built from the same rows as the
 * page's table, and what the run page tells its script about them: the pages' links (with the
 * digest as query string, so a browser never mixes in a page cached from an earlier build), the
 * digest and the totals.
 */
import type { RunContext } from "../context.js";
import { dataSeries, resultsDataFiles, type CellMark, type DataRow } from "../formats/resultsData.js";
import { REPORT_PATHS, relativeUrl } from "../router.js";
import type { ResultsColumns } from "./resultsColumns.js";
import { rowSeries, seriesMetricNames } from "./resultsOverlay.js";
import { buildRow, type RecordTarget, type ResultsCell, type RowData } from "./resultsRows.js";

/** What the run page says about its data pages. */
export interface ResultsDataView {
  /** Each page's link from the run page, in order. */
  readonly hrefs: readonly string[];
  readonly digest: string;
  readonly total: number;
  /** The metrics whose series the pages carry, by position. */
  readonly seriesMetrics: readonly string[];
}

const mark = (c: ResultsCell): CellMark => (c.failed ? 3 : c.best ? 1 : c.missing ? 2 : 0);

/** The data pages of the table `rows` (in its order) and the view of them. */
export function resultsData(
  ctx: RunContext,
  rows: readonly RowData[],
  cols: ResultsColumns,
  best: ReadonlyMap<string, number>,
  target: (i: number) => RecordTarget,
): { view: ResultsDataView; files: readonly { path: string; content: string }[] } {
  const seriesMetrics = seriesMetricNames(rows, cols.metricNames);
  const columns = cols.columns.map((c) => ({ label: c.label, kind: c.kind, goal: c.goal }));
  const dataRows = rows.map((r): DataRow => {
    const row = buildRow(ctx, r, cols, best, target, REPORT_PATHS.page, false);
    const series = seriesMetrics.map((name) => {
      const points = rowSeries(r, name);
      return points === null ? null : dataSeries(points);
    });
    return {
      index: r.index,
      name: row.name,
      href: row.href,
      failed: r.failed,
      cells: row.cells.map((c) => [c.text, c.sort, mark(c)] as const),
      ...(seriesMetrics.length > 0 ? { series } : {}),
    };
  });
  const { files, digest } = resultsDataFiles(columns, seriesMetrics, dataRows);
  return {
    view: {
      hrefs: files.map((f) => `${relativeUrl(REPORT_PATHS.page, f.path)}?v=${digest}`),
      digest,
      total: rows.length,
      seriesMetrics,
    },
    files,
  };
}
