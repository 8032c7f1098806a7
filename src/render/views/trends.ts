/**
 * Trends of one experiment on the index: a runs table (status, date, the args that changed across
 * runs, run-level metrics, a link to the comparison with the previous run, and boxes to tick two
 * runs for the in-browser comparison) and a trend plot per metric across runs. Built from the index entries (run_info.json), so it costs no run reading.
 */
import { clipField } from "../../util/clip.js";
import { lineplotSvg } from "../plot/lineplot.js";
import { formatMetric, isBetter, type MetricGoal } from "../facts/metrics.js";
import { wellKnownGoal } from "../facts/metricGoals.js";
import { comparePagePath, comparisonName, relativeUrl, reportPagePath, SITE_PATHS } from "../router.js";
import { formatTimestamp, statusView, type StatusView } from "./format.js";
import type { IndexEntry } from "../formats/runInfo.js";

/** Most metrics plotted per experiment (every metric stays in the table). */
export const MAX_TREND_PLOTS = 12;

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
  readonly href: string;
  readonly label: string;
  readonly status: StatusView;
  readonly date: string;
  readonly dateSort: string;
  readonly cells: readonly TrendCell[];
  /** Link to the comparison with the previous run, when the site has that page. */
  readonly previousHref: string | null;
}

/** The trends of one experiment. */
export interface TrendsView {
  readonly tableId: string;
  readonly barId: string;
  readonly columns: readonly {
    readonly label: string;
    readonly kind: "args" | "metric";
    readonly goal: MetricGoal | null;
  }[];
  readonly rows: readonly TrendRow[];
  /** Trusted SVG of each metric's trend plot (runs with that metric, oldest first). */
  readonly plots: readonly string[];
  readonly plotsNote: string | null;
  /** Relative URL of the site's in-browser comparison (`compare.html`), where the script's picker links any two ticked runs. */
  readonly compareApp: string;
}

/** Oldest first: timestamp, run number, folder. */
function chronological(a: IndexEntry, b: IndexEntry): number {
  return a.timestamp < b.timestamp
    ? -1
    : a.timestamp > b.timestamp
      ? 1
      : (a.run_number ?? -1) - (b.run_number ?? -1) || (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0);
}

/** Args keys whose values differ between `runs` (a key missing from some run counts as a change). */
function changedArgs(runs: readonly IndexEntry[]): string[] {
  const keys = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r.args_summary)) keys.add(k);
  return [...keys].filter(
    (k) =>
      new Set(runs.map((r) => (Object.hasOwn(r.args_summary, k) ? (r.args_summary[k] ?? []).join("\u0000") : "\u0001")))
        .size > 1,
  );
}

/** Builds the trends of one experiment's runs; `comparisons` are the names of the comparison pages in the site. */
export function buildTrends(
  id: string,
  runs: readonly IndexEntry[],
  comparisons: ReadonlySet<string>,
  fromPage: string,
): TrendsView {
  const ordered = [...runs].sort(chronological);
  const args = changedArgs(ordered);
  const metricNames = [...new Set(ordered.flatMap((r) => Object.keys(r.metrics)))];
  // A Map, newest run last: a metric named `__proto__` keeps its goal (23.9). A metric whose goal is
  // neither in run_info.json nor guessed from a well-known name gets no best (issue 21.1).
  const goals = new Map<string, MetricGoal>(ordered.flatMap((r) => Object.entries(r.metric_goals)));
  const goalOf = (n: string): MetricGoal | null => goals.get(n) ?? wellKnownGoal(n);
  const best = new Map(
    metricNames.map((n) => {
      const goal = goalOf(n);
      return [
        n,
        ordered.reduce(
          (b, r) =>
            goal !== null && Object.hasOwn(r.metrics, n) && isBetter(r.metrics[n] as number, b, goal)
              ? (r.metrics[n] as number)
              : b,
          Number.NaN,
        ),
      ];
    }),
  );
  const rows = ordered.map((r, i): TrendRow => {
    const prev = ordered[i - 1];
    const name = prev === undefined ? null : comparisonName([prev.folder, r.folder]);
    const ts = formatTimestamp(r.timestamp);
    const cells: TrendCell[] = [
      ...args.map((k) => {
        const text = clipField(Object.hasOwn(r.args_summary, k) ? (r.args_summary[k] ?? []).join(", ") : "—", 120);
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
      href: relativeUrl(fromPage, reportPagePath(r.folder)),
      label: clipField(r.run_number === null ? r.reference : `#${r.run_number}`, 200),
      status: statusView(r.status),
      date: ts.text,
      dateSort: r.timestamp,
      cells,
      previousHref: name !== null && comparisons.has(name) ? relativeUrl(fromPage, comparePagePath(name)) : null,
    };
  });
  const plotted = metricNames.slice(0, MAX_TREND_PLOTS);
  return {
    tableId: `${id}-trends`,
    barId: `${id}-compare`,
    columns: [
      ...args.map((label) => ({ label: clipField(label, 200), kind: "args" as const, goal: null })),
      ...metricNames.map((label) => ({ label: clipField(label, 200), kind: "metric" as const, goal: goalOf(label) })),
    ],
    rows: rows.reverse(),
    plots: ordered.length < 2 ? [] : plotted.map((n, k) => trendPlot(n, ordered, `${id}-t${k}`)),
    plotsNote:
      metricNames.length > plotted.length
        ? `The first ${plotted.length} of ${metricNames.length} metrics are plotted; the table has them all.`
        : null,
    compareApp: relativeUrl(fromPage, SITE_PATHS.compareApp),
  };
}

/** A metric across runs: x is the run number (position when unknown). */
function trendPlot(name: string, runs: readonly IndexEntry[], idPrefix: string): string {
  const withMetric = runs.filter((r) => Object.hasOwn(r.metrics, name));
  const x = withMetric.map((r, i) => r.run_number ?? i + 1);
  const y = withMetric.map((r) => r.metrics[name] as number);
  return lineplotSvg(
    {
      title: clipField(name, 200),
      xLabel: "run",
      yLabel: null,
      series: [{ name: null, x, y, marker: null, linestyle: null }],
    },
    idPrefix,
  );
}
