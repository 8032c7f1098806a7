/**
 * Metric series as charts: a record page draws each series the record logged (steps on x, the
 * metric on y), and the run page overlays one metric's series of several records on one set of
 * axes, the best few by default. Both use the line plot of the line-plot reportable
 * (plot/lineplot.ts: titles, axis labels, integer ticks for integer steps, `currentColor` for the
 * page's theme, a viewBox that scales to a phone's width).
 */
import type { LinePlotData, MetricPoint, MetricValue } from "../../run/model.js";
import { clipField } from "../../util/clip.js";
import { lineplotSvg } from "../plot/lineplot.js";

/** Most series charts on a record page; further series stay in its metrics table as text. */
export const MAX_RECORD_CHARTS = 12;
/** Records the run page overlays without the reader choosing (the best few). */
export const OVERLAY_RECORDS = 5;

/** A record's series of one metric, named for the legend. */
export interface NamedSeries {
  readonly name: string;
  readonly points: readonly MetricPoint[];
}

/** The line plot of `series` of `metric` (one line each), titled `title`. */
export function seriesPlot(metric: string, title: string, series: readonly NamedSeries[]): LinePlotData {
  const name = clipField(metric, 200);
  return {
    title,
    xLabel: "step",
    yLabel: name,
    series: series.map((s) => ({
      name: series.length > 1 ? clipField(s.name, 200) : null,
      x: s.points.map((p) => p.step),
      y: s.points.map((p) => p.value),
      marker: null,
      linestyle: null,
    })),
  };
}

/** A record page's chart of its series `metric`; `idPrefix` keeps the SVG's ids unique on the page. */
export function recordSeriesChart(metric: string, points: readonly MetricPoint[], idPrefix: string): string {
  const name = clipField(metric, 200);
  return lineplotSvg(seriesPlot(metric, `${name} by step`, [{ name, points }]), idPrefix);
}

/** The run page's overlay of `metric` for `series` (records named), or null when none has a point. */
export function overlayChart(metric: string, series: readonly NamedSeries[], idPrefix: string): string | null {
  const drawn = series.filter((s) => s.points.length > 0);
  if (drawn.length === 0) return null;
  const name = clipField(metric, 200);
  const title = `${name} by step, ${drawn.length === 1 ? "1 record" : `${drawn.length} records`}`;
  return lineplotSvg(seriesPlot(metric, title, drawn), idPrefix);
}

/** A record page's series chart. */
export interface RecordChartView {
  readonly id: string;
  readonly svg: string;
}

/** The charts of a record's series metrics (at most `MAX_RECORD_CHARTS`) and a note on those left out, or null. */
export function recordCharts(metrics: Readonly<Record<string, MetricValue>>): {
  charts: RecordChartView[];
  more: string | null;
} {
  const series = Object.entries(metrics).filter(
    (e): e is [string, readonly MetricPoint[]] => Array.isArray(e[1]) && e[1].length > 0,
  );
  const charts = series.slice(0, MAX_RECORD_CHARTS).map(([name, points], i) => {
    const id = `metric-chart-${i + 1}`;
    return { id, svg: recordSeriesChart(name, points, id) };
  });
  const left = series.length - charts.length;
  return { charts, more: left > 0 ? `and ${left.toLocaleString("en-US")} more series, in the table above` : null };
}
