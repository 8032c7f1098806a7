/**
 * Trends of one experiment on the index, drawn from the site's history (history.json's entries), so
 * they span every run the site ever published, those whose report was pruned included: a runs table
 * (status, date, the args that changed across runs, run-level metrics, a link to the comparison with
 * the previous run, and boxes to tick two runs for the in-browser comparison) and a trend plot per
 * metric. A run whose report the site no longer holds is listed without a link.
 * With runs from several branches, each branch has its own trends (views/branchTrends.ts).
 */
import { clipField } from "../../util/clip.js";
import { formatMetric, isBetter, type MetricGoal } from "../facts/metrics.js";
import { wellKnownGoal } from "../facts/metricGoals.js";
import type { HistoryEntry } from "../formats/history.js";
import { oldestFirst } from "../history/merge.js";
import { trendPlotSvg, type TrendRun as PlotRun } from "../plot/trendPlot.js";
import { comparePagePath, comparisonName, relativeUrl, reportPagePath, SITE_PATHS } from "../router.js";
import { formatTimestamp, statusView, type StatusView } from "../markup/format.js";

/** Most metrics plotted per experiment (every metric stays in the table). */
export const MAX_TREND_PLOTS = 12;

/** Most runs in a trends table and on a trend plot, the newest: the index stays small at any history length. */
export const MAX_TREND_RUNS = { table: 100, plot: 300 } as const;

/**
 * What the index's trends hold in all, shared by its trend sections (experiments × branches): about
 * 150 KB of table rows (~730 bytes a row) and 580 KB of plot points (~240 bytes a point, linked and
 * titled), so that many experiments keep their trends within the index's 1 MiB instead of the page
 * being cut after the first few (seven experiments of 143 runs made 1.5 MB). Each section keeps at
 * least TREND_FLOOR of each, and at most MAX_TREND_RUNS.
 */
const INDEX_TREND_BUDGET = { tableRows: 200, plotPoints: 2_400 } as const;
const TREND_FLOOR = { table: 10, plot: 20 } as const;

/** How many runs one trend section tables and plots: its share of the index's budget. */
export interface TrendLimits {
  /** Runs in the table, the newest. */
  readonly table: number;
  /** Runs on each plot, the newest, given how many metrics it plots. */
  plot(plotted: number): number;
}

/** The limits of each of `sections` trend sections on one page. */
export function trendLimits(sections: number): TrendLimits {
  const n = Math.max(1, sections);
  const share = (total: number, floor: number, most: number): number =>
    Math.min(most, Math.max(floor, Math.floor(total / n)));
  return {
    table: share(INDEX_TREND_BUDGET.tableRows, TREND_FLOOR.table, MAX_TREND_RUNS.table),
    plot: (plotted) =>
      Math.min(
        MAX_TREND_RUNS.plot,
        Math.max(TREND_FLOOR.plot, Math.floor(INDEX_TREND_BUDGET.plotPoints / (n * Math.max(1, plotted)))),
      ),
  };
}

/** What trends read of a run: a history entry's fields (`report` null when the site no longer holds it). */
export type TrendRun = Pick<
  HistoryEntry,
  | "folder"
  | "report"
  | "reference"
  | "run_number"
  | "timestamp"
  | "status"
  | "metrics"
  | "metric_goals"
  | "args_summary"
  | "failed_record_count"
>;

/** A cell of the trends table. */
export interface TrendCell {
  readonly text: string;
  readonly sort: string;
  readonly best: boolean;
}

/** One run's row. */
export interface TrendRow {
  readonly folder: string;
  /** Position from the oldest run (0), so the picker takes the older ticked run as the base however the table is sorted. */
  readonly order: number;
  /** Link to the run's report, or null when the site no longer holds it (no tick box either). */
  readonly href: string | null;
  readonly label: string;
  readonly status: StatusView;
  /** `3 failed records`, or null when none failed (or the entry predates the count). */
  readonly failed: string | null;
  readonly date: string;
  readonly dateSort: string;
  readonly cells: readonly TrendCell[];
  /** Link to the comparison with the previous run, when the site has that page. */
  readonly previousHref: string | null;
}

/** The trends of one experiment (on one branch). */
export interface TrendsView {
  readonly tableId: string;
  readonly barId: string;
  readonly columns: readonly {
    readonly label: string;
    readonly kind: "args" | "metric";
    readonly goal: MetricGoal | null;
  }[];
  readonly rows: readonly TrendRow[];
  /** Runs left out of the table (older than the newest MAX_TREND_RUNS.table), 0 when none. */
  readonly olderRuns: number;
  /** Trusted SVG of each metric's trend plot (runs with that metric, and failed runs, oldest first). */
  readonly plots: readonly string[];
  readonly plotsNote: string | null;
  /** Relative URL of the site's in-browser comparison (`compare.html`), where the script's picker links any two ticked runs. */
  readonly compareApp: string;
}

/** Args keys whose values differ between `runs` (a key missing from some run counts as a change). */
function changedArgs(runs: readonly TrendRun[]): string[] {
  const keys = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r.args_summary)) keys.add(k);
  return [...keys].filter(
    (k) =>
      new Set(runs.map((r) => (Object.hasOwn(r.args_summary, k) ? (r.args_summary[k] ?? []).join("\u0000") : "\u0001")))
        .size > 1,
  );
}

/**
 * Where each run sits on the trends' run axis and how it is named: its run number when every run
 * has a distinct one, else its position from the oldest (1, 2, …) and its reference, because runs
 * made in fresh CI checkouts all count from 1.
 */
function runAxis(ordered: readonly TrendRun[]): { x: number[]; label: (r: TrendRun) => string } {
  const numbers = ordered.map((r) => r.run_number);
  const distinct = numbers.every((n) => n !== null) && new Set(numbers).size === numbers.length;
  return distinct
    ? { x: numbers as number[], label: (r) => `#${r.run_number}` }
    : { x: ordered.map((_, i) => i + 1), label: (r) => clipField(r.reference, 200) };
}

/** The best value of each metric among `runs`. */
function bestValues(runs: readonly TrendRun[], names: readonly string[], goalOf: (n: string) => MetricGoal | null) {
  return new Map(
    names.map((n) => {
      const goal = goalOf(n);
      return [
        n,
        runs.reduce(
          (b, r) =>
            goal !== null && Object.hasOwn(r.metrics, n) && isBetter(r.metrics[n] as number, b, goal)
              ? (r.metrics[n] as number)
              : b,
          Number.NaN,
        ),
      ];
    }),
  );
}

/** Builds the trends of one experiment's runs; `comparisons` are the names of the comparison pages in the site. */
export function buildTrends(
  id: string,
  runs: readonly TrendRun[],
  comparisons: ReadonlySet<string>,
  fromPage: string,
  limits: TrendLimits = trendLimits(1),
): TrendsView {
  const ordered = [...runs].sort(oldestFirst);
  const axis = runAxis(ordered);
  const tabled = ordered.slice(-limits.table);
  const args = changedArgs(tabled);
  const metricNames = [...new Set(ordered.flatMap((r) => Object.keys(r.metrics)))];
  // A Map, newest run last: a metric named `__proto__` keeps its goal (23.9). A metric whose goal is
  // neither recorded nor guessed from a well-known name gets no best (issue 21.1).
  const goals = new Map<string, MetricGoal>(ordered.flatMap((r) => Object.entries(r.metric_goals)));
  const goalOf = (n: string): MetricGoal | null => goals.get(n) ?? wellKnownGoal(n);
  const best = bestValues(tabled, metricNames, goalOf);
  const rows = tabled.map((r, k): TrendRow => {
    const i = ordered.length - tabled.length + k;
    const prev = ordered[i - 1];
    const name = prev === undefined ? null : comparisonName([prev.folder, r.folder]);
    const cells: TrendCell[] = [
      ...args.map((key) => {
        const text = clipField(Object.hasOwn(r.args_summary, key) ? (r.args_summary[key] ?? []).join(", ") : "—", 120);
        return { text, sort: text, best: false };
      }),
      ...metricNames.map((n) => {
        if (!Object.hasOwn(r.metrics, n)) return { text: "—", sort: "", best: false };
        const v = r.metrics[n] as number;
        return { text: formatMetric(v), sort: Number.isFinite(v) ? String(v) : "", best: best.get(n) === v };
      }),
    ];
    return {
      folder: r.folder,
      order: i,
      href: r.report === null ? null : relativeUrl(fromPage, reportPagePath(r.folder)),
      label: axis.label(r),
      status: statusView(r.status),
      failed: failedRecords(r),
      date: formatTimestamp(r.timestamp).text,
      dateSort: r.timestamp,
      cells,
      previousHref: name !== null && comparisons.has(name) ? relativeUrl(fromPage, comparePagePath(name)) : null,
    };
  });
  const plotted = metricNames.slice(0, MAX_TREND_PLOTS);
  const points = limits.plot(plotted.length);
  const runPoints = pointsOf(ordered, axis, fromPage);
  return {
    tableId: `${id}-trends`,
    barId: `${id}-compare`,
    columns: [
      ...args.map((label) => ({ label: clipField(label, 200), kind: "args" as const, goal: null })),
      ...metricNames.map((label) => ({ label: clipField(label, 200), kind: "metric" as const, goal: goalOf(label) })),
    ],
    rows: rows.reverse(),
    olderRuns: ordered.length - tabled.length,
    plots: ordered.length < 2 ? [] : plotted.map((n, k) => trendPlot(n, runPoints, `${id}-t${k}`, points)),
    plotsNote: plotsNote(metricNames.length, plotted.length, ordered.length, points),
    compareApp: relativeUrl(fromPage, SITE_PATHS.compareApp),
  };
}

/** What the plots leave out, in words, or null. */
function plotsNote(metrics: number, plotted: number, runs: number, points: number): string | null {
  const parts = [
    metrics > plotted ? `the first ${plotted} of ${metrics} metrics are plotted (the table has them all)` : "",
    runs > points ? `the plots show the newest ${points} of ${runs} runs` : "",
  ].filter((p) => p !== "");
  return parts.length === 0 ? null : `${parts.join("; ")}.`.replace(/^./, (c) => c.toUpperCase());
}

/** What every plot of a section draws of one run, whatever the metric; `link` made only for the runs a plot shows. */
interface RunPoint {
  readonly run: TrendRun;
  readonly x: number;
  readonly failure: string | null;
  link(): Pick<PlotRun, "href" | "label">;
}

/**
 * The runs of a section (oldest first) as plot points. A section plots up to MAX_TREND_PLOTS metrics
 * of the same runs, and each shows only its newest `points`: a run's link and tooltip are made once,
 * and only for a run some plot shows (at 1,000 runs, 28 plots each looked at every run of its
 * experiment, and most of them were cut off).
 */
function pointsOf(ordered: readonly TrendRun[], axis: ReturnType<typeof runAxis>, fromPage: string): RunPoint[] {
  return ordered.map((run, i) => {
    let link: Pick<PlotRun, "href" | "label"> | undefined;
    return {
      run,
      x: axis.x[i] as number,
      failure: failureOf(run),
      link: () =>
        (link ??= {
          href: run.report === null ? null : relativeUrl(fromPage, reportPagePath(run.folder)),
          label: clipField(`${axis.label(run)} · ${formatTimestamp(run.timestamp).text}`, 200),
        }),
    };
  });
}

/**
 * A metric across runs (the newest `points` with it or a failure), oldest first: x is
 * the run's place on the run axis (whole numbers), each run a point linked to its report (a hollow
 * point without a link once its report was pruned, so no point leads nowhere), and each failed run
 * marked whether it has the metric or not. Drawn from history entries, so pruned runs are on it too.
 */
function trendPlot(name: string, runs: readonly RunPoint[], idPrefix: string, points: number): string {
  const shown = runs
    .filter((p) => p.failure !== null || Object.hasOwn(p.run.metrics, name))
    .slice(-points)
    .map((p): PlotRun => ({
      x: p.x,
      y: Object.hasOwn(p.run.metrics, name) ? (p.run.metrics[name] as number) : null,
      ...p.link(),
      failure: p.failure,
    }));
  return trendPlotSvg({ title: clipField(name, 200), runs: shown, idPrefix, format: formatMetric });
}

/** `3 failed records`, or null. */
function failedRecords(r: TrendRun): string | null {
  const failed = r.failed_record_count ?? 0;
  return failed > 0 ? `${failed.toLocaleString("en-US")} failed record${failed === 1 ? "" : "s"}` : null;
}

/** `run failed` (status error), `3 failed records`, or null. */
function failureOf(r: TrendRun): string | null {
  return r.status === "error" ? "run failed" : failedRecords(r);
}
