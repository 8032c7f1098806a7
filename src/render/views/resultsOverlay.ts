/**
 * The run page's overlay charts: for each of the first few series metrics of the table, the
 * series of the best few records (in the table's order, records that failed left out) on one
 * set of axes. The page's script redraws them for the records the reader ticks, from the
 * results data pages, which carry the same metrics' series (`seriesMetricNames`).
 */
import type { MetricPoint, Run } from "../../run/model.js";
import { clipField } from "../../util/clip.js";
import type { RunMetrics } from "../facts/metrics.js";
import type { RowData } from "./resultsRows.js";
import { overlayChart, OVERLAY_RECORDS } from "./seriesCharts.js";

/** Most series metrics charted (and carried in the data pages). */
export const MAX_OVERLAY_METRICS = 3;

/** One overlay chart. */
export interface OverlayView {
  /** Element id of its figure. */
  readonly id: string;
  /** Its metric's position in the data pages' `series_metrics`. */
  readonly position: number;
  readonly metric: string;
  /** The records drawn, by index. */
  readonly records: readonly number[];
  /** Trusted SVG. */
  readonly svg: string;
  /** `the best 5 records by accuracy` */
  readonly note: string;
}

/** The series metrics among the table's metric columns `names`, first few. */
export function seriesMetricNames(rows: readonly RowData[], names: readonly string[]): string[] {
  const found: string[] = [];
  for (const name of names) {
    if (found.length >= MAX_OVERLAY_METRICS) break;
    if (rows.some((r) => Array.isArray(r.metrics.get(name)?.value))) found.push(name);
  }
  return found;
}

/** The series of `name` of a row, or null when the row has none. */
export function rowSeries(r: RowData, name: string): readonly MetricPoint[] | null {
  const value = r.metrics.get(name)?.value;
  return Array.isArray(value) ? value : null;
}

/** The overlays of the table `rows` (in its order) whose metric columns are `names`. */
export function overlayViews(
  run: Run,
  rows: readonly RowData[],
  names: readonly string[],
  metrics: RunMetrics,
): OverlayView[] {
  const first = metrics.recordNames[0] ?? "";
  return seriesMetricNames(rows, names).flatMap((name, position): OverlayView[] => {
    const picked = rows.filter((r) => !r.failed && rowSeries(r, name) !== null).slice(0, OVERLAY_RECORDS);
    const series = picked.map((r) => {
      const record = run.records[r.index];
      return { name: record?.argsName ?? record?.name ?? `record ${r.index}`, points: rowSeries(r, name) ?? [] };
    });
    const id = `results-series-${position + 1}`;
    const svg = overlayChart(name, series, id);
    if (svg === null) return [];
    const count = picked.length === 1 ? "the best record" : `the best ${picked.length} records`;
    return [
      {
        id,
        position,
        metric: clipField(name, 200),
        records: picked.map((r) => r.index),
        svg,
        note: `${count} by ${clipField(first, 200)}`,
      },
    ];
  });
}
