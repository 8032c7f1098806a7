/**
 * The words of a comparison's headline, shared by the HTML sections (page and compare.html) and the
 * Markdown (`compare --format markdown`, `summary --base`), so all of them say the same thing. Plain
 * text: each caller escapes for its own output. Names are clipped here. Browser-safe.
 */
import { clipField, groupDigits } from "../../util/clip.js";
import { formatDelta, formatMetric } from "../facts/metrics.js";
import { goalWords, type MetricJudgement, type Verdict } from "../facts/metricGoals.js";

export { goalNotes } from "../facts/metricGoals.js";
import type { FactsDiff, MetricDiff } from "./factsDiff.js";
import type { HeadlineCounts, MetricHeadline } from "./metricHeadline.js";

/** Most metrics in a headline; the rest are counted (every changed value is still in the full table). */
export const MAX_HEADLINE_METRICS = 30;

/** Rows of the short changes table that follows the headline. */
export const SHORT_CHANGES = 10;

/** A verdict in words; `null` for "same" (no word is needed). */
export function verdictWord(v: Verdict | null): string | null {
  switch (v) {
    case "better":
    case "worse":
    case "changed":
      return v;
    case "noise":
      return "within noise";
    case "added":
      return "new";
    case "removed":
      return "gone";
    default:
      return null;
  }
}

/** The goal of a metric as an arrow and words: `↓ lower is better (guessed from the name)`, or `? goal unknown …`. */
export function goalText(j: MetricJudgement): { arrow: string; words: string } {
  return { arrow: j.goal === "min" ? "↓" : j.goal === "max" ? "↑" : "?", words: goalWords(j) };
}

/** One line of the headline as text cells. */
export interface HeadlineRow {
  readonly metric: string;
  readonly primary: boolean;
  readonly judgement: MetricJudgement;
  /** The run compared with the base (index > 0). */
  readonly run: number;
  /** The run-level value: `0.5 → 0.4 (-0.1)`, `0.7` when unchanged, `—` when not run-level. */
  readonly runLevel: string;
  readonly runVerdict: Verdict | null;
  /** Records by verdict: `20 better, 5 worse, 5 same`, or `—` when no record has the metric. */
  readonly records: string;
  /** The median change over records: `-0.012`, or `—`. */
  readonly median: string;
  /** The records that moved most: `m3 -0.2, m5 +0.1`, or `—`. */
  readonly movers: string;
}

/** The headline's rows: per metric (at most MAX_HEADLINE_METRICS), one per run compared with the base. */
export function headlineRows(diff: FactsDiff): HeadlineRow[] {
  return diff.headline
    .slice(0, MAX_HEADLINE_METRICS)
    .flatMap((h) => h.perRun.flatMap((c, run) => (c === null ? [] : [headlineRow(h, c, run)])));
}

function headlineRow(h: MetricHeadline, c: HeadlineCounts, run: number): HeadlineRow {
  const base = h.runValues[0] ?? null;
  const value = h.runValues[run] ?? null;
  const word = verdictWord(c.runVerdict);
  const fmt = (v: number | null): string => (v === null ? "—" : formatMetric(v));
  const runLevel =
    base === null && value === null
      ? "—"
      : c.runVerdict === "same"
        ? fmt(value)
        : `${fmt(base)} → ${fmt(value)}${base !== null && value !== null ? delta(base, value) : ""}`;
  return {
    metric: clipField(h.name, 200),
    primary: h.primary,
    judgement: h.judgement,
    run,
    runLevel: word === null ? runLevel : `${runLevel}, ${word}`,
    runVerdict: c.runVerdict,
    records: countsText(c),
    median: c.medianChange === null ? "—" : signed(c.medianChange),
    movers:
      c.movers.length === 0
        ? "—"
        : c.movers.map((m) => `${clipField(m.record, 60)} ${signed(m.value - m.base)}`).join(", "),
  };
}

/** ` (+0.1)`, or nothing when the change cannot be computed. */
function delta(a: number, b: number): string {
  const d = formatDelta(a, b);
  return d === null ? "" : ` (${d})`;
}

/** A change with its sign (`+0.1`, `-3`, `0`). */
function signed(d: number): string {
  return formatDelta(0, d) ?? formatMetric(d);
}

/** Counts of records by verdict, in words, zero counts left out: `20 better, 5 worse, 5 same`. */
export function countsText(c: HeadlineCounts): string {
  const parts = (
    [
      ["better", "better"],
      ["worse", "worse"],
      ["changed", "changed"],
      ["noise", "within noise"],
      ["same", "same"],
      ["added", "new"],
      ["removed", "gone"],
    ] as const
  )
    .filter(([v]) => c.counts[v] > 0)
    .map(([v, w]) => `${groupDigits(c.counts[v])} ${w}`);
  return parts.length === 0 ? "—" : parts.join(", ");
}

/** The changed values that lead the short changes table: run-level first, then the largest changes (noise left out). */
export function shortChanges(metrics: readonly MetricDiff[], max: number): MetricDiff[] {
  return largestChanges(
    metrics.filter((m) => m.verdicts.some((v) => v !== null && v !== "same" && v !== "noise")),
    max,
  );
}

/** How far run i's value moved from the base's, relative to the base (0 when either is missing). */
function relativeChange(m: MetricDiff, i: number): number {
  const [a, b] = [m.values[0] ?? null, m.values[i] ?? null];
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return 0;
  return Math.abs(b - a) / Math.max(Math.abs(a), 1e-12);
}

/** Run-level metrics, then the `max` per-record ones that moved most (in any run), in a stable order. */
export function largestChanges(metrics: readonly MetricDiff[], max: number): MetricDiff[] {
  const runLevel = metrics.filter((m) => m.record === null);
  const moved = (m: MetricDiff): number => Math.max(0, ...m.values.map((_, i) => (i === 0 ? 0 : relativeChange(m, i))));
  const perRecord = metrics
    .filter((m) => m.record !== null)
    .map((m, k) => ({ m, k, by: moved(m) }))
    .sort((x, y) => y.by - x.by || x.k - y.k)
    .slice(0, Math.max(0, max - runLevel.length))
    .map((x) => x.m);
  return [...runLevel.slice(0, max), ...perRecord];
}

/** The run-level part of a change's verdict cell: `0.5 (+0.1) better` (value, delta, word). */
export function changeText(m: MetricDiff, i: number): string {
  const d = m.deltas[i] ?? null;
  const word = verdictWord(m.verdicts[i] ?? null);
  return `${m.texts[i] ?? "—"}${d === null ? "" : ` (${d})`}${word === null ? "" : ` ${word}`}`;
}

/**
 * Notes for the top of a comparison of `runs` (base first): runs of different experiments, or a
 * run compared with itself. Plain text.
 */
export function comparisonNotes(
  runs: readonly { readonly reference: string; readonly experimentName: string }[],
): string[] {
  const notes: string[] = [];
  const experiments = [...new Set(runs.map((r) => r.experimentName))];
  if (experiments.length > 1)
    notes.push(
      `These runs are of different experiments (${experiments.map((e) => clipField(e, 60)).join(", ")}): records are matched by args name, so their differences may not mean much.`,
    );
  const seen = new Set<string>();
  for (const { reference } of runs) {
    if (seen.has(reference)) {
      notes.push(`Run ${clipField(reference, 100)} is compared with itself: nothing can differ.`);
      break;
    }
    seen.add(reference);
  }
  return notes;
}
