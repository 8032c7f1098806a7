/**
 * View data of the sweep analysis, built from the model alone for `templates/partials/analysis/`:
 * the best-configuration card, the parallel-coordinates chart, and per metric the importance
 * ranking, the ranked groups (or records), the slice charts in importance order and the heat map.
 * Templates stay dumb: every text is ready, every chart is a trusted SVG string made here.
 */
import { formatMetric } from "../facts/metrics.js";
import { heatmapSvg } from "./heatmapChart.js";
import type { Axis, MetricAnalysis, SweepAnalysis } from "./model.js";
import { parallelSvg } from "./parallelChart.js";
import {
  argsText,
  fitNote,
  IMPORTANCE_NOTE,
  parallelNote,
  percent,
  plusMinus,
  scopeSentence,
  TEST_NOTE,
  thinnedNote,
  winnerSentence,
} from "./sentences.js";
import { sliceSvg } from "./sliceChart.js";

/** Where a record links from the page that shows the analysis, and what it is called there. */
export type RecordLink = (index: number) => { readonly href: string; readonly label: string };

/** One arg in a metric's importance ranking. */
export interface ImportanceRowView {
  readonly arg: string;
  /** 0..1, for a `<meter>`. */
  readonly share: number;
  readonly shareText: string;
  /** `ρ = +0.61`, `η² = 0.12`, or `–` when undefined. */
  readonly correlation: string;
  readonly correlationTitle: string;
}

/** One ranked configuration (group) or record. */
export interface RankRowView {
  readonly rank: number;
  /** The configuration's args, or the record's label. */
  readonly label: string;
  /** `0.912 ± 0.004` (group) or `0.912` (record). */
  readonly value: string;
  /** Repetitions (groups), null for records. */
  readonly n: number | null;
  readonly href: string;
  readonly linkText: string;
}

/** Everything shown for one metric. */
export interface MetricView {
  readonly id: string;
  readonly name: string;
  readonly goalText: string;
  readonly importance: readonly ImportanceRowView[];
  readonly unexplainedText: string;
  readonly fitNote: string;
  /** `Configurations` (groups) or `Records`. */
  readonly rankingTitle: string;
  readonly ranking: readonly RankRowView[];
  /** `and 16 more configurations`, or null. */
  readonly rankingMore: string | null;
  /** Slice charts, most important arg first (trusted SVG). */
  readonly slices: readonly string[];
  readonly thinnedNote: string | null;
  readonly heatmap: string | null;
}

/** The best-configuration card. */
export interface BestCardView {
  readonly title: string;
  readonly args: readonly { readonly name: string; readonly value: string }[];
  readonly values: readonly { readonly metric: string; readonly text: string; readonly goal: string }[];
  readonly href: string;
  readonly linkText: string;
  readonly sentence: string;
  /** True, false (margin inside the spread), or null (untested). */
  readonly significant: boolean | null;
}

/** The analysis section. */
export interface AnalysisView {
  readonly id: string;
  readonly scope: string;
  readonly best: BestCardView;
  readonly parallel: string;
  readonly parallelNote: string | null;
  readonly metrics: readonly MetricView[];
  readonly importanceNote: string;
  /** Null when no configuration was repeated (nothing was tested). */
  readonly testNote: string | null;
}

/** `ρ = +0.61` / `η² = 0.12` and what it is. */
function correlationView(
  c: MetricAnalysis["importance"]["ranking"][number]["correlation"],
): Pick<ImportanceRowView, "correlation" | "correlationTitle"> {
  if (c === null) return { correlation: "–", correlationTitle: "undefined: the arg or the metric is constant" };
  if (c.kind === "spearman") {
    const v = Number(c.value.toFixed(2));
    return {
      correlation: `ρ = ${v > 0 ? "+" : ""}${v}`,
      correlationTitle: "Spearman's rank correlation with the metric",
    };
  }
  return {
    correlation: `η² = ${Number(c.value.toFixed(2))}`,
    correlationTitle: "η²: share of the metric's variance between the arg's categories",
  };
}

/** A metric's importance ranking with its notes. */
function importanceView(m: MetricAnalysis): Pick<MetricView, "importance" | "unexplainedText" | "fitNote"> {
  return {
    importance: m.importance.ranking.map((r) => ({
      arg: r.arg,
      share: r.share,
      shareText: percent(r.share),
      ...correlationView(r.correlation),
    })),
    unexplainedText: `${percent(m.importance.unexplained)} interactions and noise`,
    fitNote: fitNote(m),
  };
}

/** Ranked groups, or the best records when nothing was repeated. */
function rankingView(
  m: MetricAnalysis,
  link: RecordLink,
): Pick<MetricView, "rankingTitle" | "ranking" | "rankingMore"> {
  if (m.groups !== null) {
    const ranking = m.groups.groups.map((g, i): RankRowView => {
      const target = link(g.records[0] as number);
      return {
        rank: i + 1,
        label: argsText(g.args),
        value: plusMinus(g.mean, g.std),
        n: g.n,
        href: target.href,
        linkText: target.label,
      };
    });
    const more = m.groups.total - ranking.length;
    return {
      rankingTitle: "Configurations",
      ranking,
      rankingMore: more > 0 ? `and ${more.toLocaleString("en-US")} more configurations` : null,
    };
  }
  const ranking = m.top.map((r, i): RankRowView => {
    const target = link(r.record);
    return {
      rank: i + 1,
      label: target.label,
      value: formatMetric(r.value),
      n: null,
      href: target.href,
      linkText: target.label,
    };
  });
  const more = m.count - ranking.length;
  return {
    rankingTitle: "Records",
    ranking,
    rankingMore: more > 0 ? `and ${more.toLocaleString("en-US")} more records in the results table` : null,
  };
}

/** The view of one metric; `k` numbers it for element ids. */
function metricView(a: SweepAnalysis, m: MetricAnalysis, k: number, idPrefix: string, link: RecordLink): MetricView {
  const order = m.importance.ranking.map((r) => a.args.findIndex((x) => x.name === r.arg)).filter((i) => i >= 0);
  const metricAxis: Axis & { goal: typeof m.goal } = { ...m.axis, goal: m.goal };
  const slices = order.map((i) =>
    sliceSvg({
      slice: m.slices[i] as MetricAnalysis["slices"][number],
      axis: a.args[i] as Axis,
      metric: metricAxis,
      best: m.top[0]?.record ?? null,
      idPrefix: `${idPrefix}-m${k}-a${i}`,
    }),
  );
  return {
    id: `${idPrefix}-m${k}`,
    name: m.name,
    goalText: m.goal === "min" ? "lower is better" : "higher is better",
    ...importanceView(m),
    ...rankingView(m, link),
    slices,
    thinnedNote: thinnedNote(m),
    heatmap: m.heatmap === null ? null : heatmapSvg(m.heatmap, m, `${idPrefix}-m${k}-heat`),
  };
}

/** The best-configuration card. */
function bestView(a: SweepAnalysis, link: RecordLink): BestCardView {
  const b = a.best;
  const target = link(b.records[0] as number);
  return {
    title: b.kind === "group" ? `Best configuration by ${b.metric}` : `Best record by ${b.metric}`,
    args: b.args,
    values: b.values.map((v) => ({
      metric: v.metric,
      text: v.n > 1 ? `${plusMinus(v.mean, v.std)} (n ${v.n})` : formatMetric(v.mean),
      goal: v.goal === "min" ? "lower is better" : "higher is better",
    })),
    href: target.href,
    linkText: b.kind === "group" ? `its best record, ${target.label}` : target.label,
    sentence: winnerSentence(a),
    significant: b.verdict?.significant ?? null,
  };
}

/**
 * Builds the analysis section's view: `link` says where each record links from the page, and
 * `idPrefix` keeps element ids unique on it (default `analysis`).
 */
export function buildAnalysisView(a: SweepAnalysis, link: RecordLink, idPrefix = "analysis"): AnalysisView {
  return {
    id: idPrefix,
    scope: scopeSentence(a),
    best: bestView(a, link),
    parallel: parallelSvg(a.parallel, `${idPrefix}-pc`),
    parallelNote: parallelNote(a),
    metrics: a.metrics.map((m, k) => metricView(a, m, k, idPrefix, link)),
    importanceNote: IMPORTANCE_NOTE,
    testNote: a.grouping === null ? null : TEST_NOTE,
  };
}

/** The short analysis on the run page: the headline, the best card, the primary metric's ranking, the chart to brush. */
export interface AnalysisSummaryView {
  readonly id: string;
  readonly scope: string;
  readonly best: BestCardView;
  /** The primary metric's importance ranking. */
  readonly metric: Pick<MetricView, "name" | "goalText" | "importance" | "unexplainedText" | "fitNote">;
  readonly parallel: string;
  readonly parallelNote: string | null;
}

/**
 * Builds the run page's short analysis: only the parts it shows are drawn (the parallel
 * coordinates, which the results table filters by, and no slice chart).
 */
export function buildAnalysisSummaryView(
  a: SweepAnalysis,
  link: RecordLink,
  idPrefix = "analysis",
): AnalysisSummaryView {
  const m = a.metrics[0] as MetricAnalysis;
  return {
    id: idPrefix,
    scope: scopeSentence(a),
    best: bestView(a, link),
    metric: { name: m.name, goalText: m.goal === "min" ? "lower is better" : "higher is better", ...importanceView(m) },
    parallel: parallelSvg(a.parallel, `${idPrefix}-pc`),
    parallelNote: parallelNote(a),
  };
}
