/**
 * The analysis in words: the winner's sentence ("lr=0.3, wd=0 wins by 0.004 ± 0.001 over 5
 * seeds"), how each number was computed, and what was thinned. Plain text (templates escape it),
 * shared by the HTML views and, later, the Markdown summary.
 */
import { groupDigits } from "../../util/clip.js";
import { formatMetric } from "../facts/metrics.js";
import { FOREST_OPTIONS } from "./importance.js";
import type { ArgValue, MetricAnalysis, SweepAnalysis } from "./model.js";
import { ALPHA } from "./groups.js";

/** How importance is computed, for the page. */
export const IMPORTANCE_NOTE =
  `Importance is the share of the metric's variance that each arg explains on its own: the fANOVA-style main effect ` +
  `(partial dependence) of a random forest of ${FOREST_OPTIONS.trees} seeded trees fitted to the sweep. What the shares ` +
  `leave is interactions between args and noise. Beside it, Spearman's ρ for numeric args (a monotone trend, −1 to 1) ` +
  `and η² for categorical args (the share of variance between categories, 0 to 1).`;

/** How the winner is tested, for the page. */
export const TEST_NOTE = `The winner is tested against the runner-up by Welch's t-test with their seeds as samples (two-sided, α = ${ALPHA}); a margin inside the seed spread is not significant.`;

/** `lr=0.3, wd=0`: args as people write them. */
export function argsText(args: readonly ArgValue[]): string {
  return args.length === 0 ? "(no args differ)" : args.map((a) => `${a.name}=${a.value}`).join(", ");
}

/** A share as a percentage for people (`78%`, `<1%`). */
export function percent(share: number): string {
  if (share > 0 && share < 0.005) return "<1%";
  return `${Math.round(share * 100)}%`;
}

/**
 * A value with its spread for people: the spread to two significant digits and the value to the
 * same decimals (`0.9009 ± 0.0040`), so no digit is shown that the spread makes meaningless.
 */
export function plusMinus(value: number, spread: number | null): string {
  if (spread === null || !Number.isFinite(spread) || spread <= 0 || !Number.isFinite(value)) return formatMetric(value);
  const decimals = Math.max(0, Math.min(12, 1 - Math.floor(Math.log10(spread))));
  if (Math.abs(value) >= 1e9 || spread < 1e-12) return `${formatMetric(value)} ± ${formatMetric(spread)}`;
  return `${value.toFixed(decimals)} ± ${spread.toFixed(decimals)}`;
}

/** A p-value for people. */
function pText(p: number): string {
  return p < 0.001 ? "p < 0.001" : `p = ${Number(p.toPrecision(2))}`;
}

/** What the repetitions are called: seeds when grouped by seed-like args, else repetitions. */
function repetitionWord(analysis: SweepAnalysis, n: number): string {
  const seeds = (analysis.grouping?.by.length ?? 0) > 0;
  return n === 1 ? (seeds ? "seed" : "repetition") : seeds ? "seeds" : "repetitions";
}

/** The headline: which configuration wins, by how much, and whether that is beyond the seed spread. */
export function winnerSentence(analysis: SweepAnalysis): string {
  const best = analysis.best;
  const metric = analysis.metrics[0] as MetricAnalysis;
  const value = best.values.find((v) => v.metric === best.metric);
  const args = argsText(best.args);
  if (best.kind === "record") {
    return `${args} is best by ${best.metric} (${value === undefined ? "no value" : formatMetric(value.mean)}); no configuration was repeated, so there is no seed spread to test it against.`;
  }
  const v = best.verdict;
  const runnerUp = metric.groups?.groups[1];
  const n = value?.n ?? 0;
  if (v === null || runnerUp === undefined) {
    return `${args} is the only configuration with ${best.metric}: ${formatMetric(value?.mean ?? Number.NaN)} over ${n} ${repetitionWord(analysis, n)}.`;
  }
  const over =
    runnerUp.n === n ? `${n} ${repetitionWord(analysis, n)}` : `${n} and ${runnerUp.n} ${repetitionWord(analysis, 2)}`;
  const margin = plusMinus(v.margin, v.se);
  const head = `${args} wins by ${margin} ${best.metric} over ${over}`;
  if (v.significant === null || v.p === null)
    return `${head}; with one ${repetitionWord(analysis, 1)} on a side there is no spread to test the margin against.`;
  return v.significant
    ? `${head} (Welch's t-test, ${pText(v.p)}).`
    : `${head}, which is not significant: the margin is inside the seed spread (Welch's t-test, ${pText(v.p)} ≥ ${ALPHA}).`;
}

/** What the forest's fit says about the ranking. */
export function fitNote(metric: MetricAnalysis): string {
  const r2 = metric.importance.fitR2;
  if (r2 === null) return "Too few records, or a constant metric, to fit the forest: the shares are not meaningful.";
  const text = `The forest predicts records it did not see with R² = ${Number(Math.max(-9.99, r2).toFixed(2))}`;
  return r2 < 0.2 ? `${text}: the args predict ${metric.name} poorly, so the ranking says little.` : `${text}.`;
}

/** Which records the charts draw when there are more than the bound, or null when every record is drawn. */
export function thinnedNote(metric: MetricAnalysis): string | null {
  const drawn = metric.slices[0]?.points.length ?? metric.count;
  if (drawn >= metric.count) return null;
  return `Each chart draws ${groupDigits(drawn)} of ${groupDigits(metric.count)} records (a seeded sample that keeps the best); means, boxes and the ranking use every record.`;
}

/** The parallel chart's thinning, or null. */
export function parallelNote(analysis: SweepAnalysis): string | null {
  const pc = analysis.parallel;
  if (pc.lines.length >= pc.total) return null;
  return `${groupDigits(pc.lines.length)} of ${groupDigits(pc.total)} records drawn: the 20 best by ${analysis.primary} and a seeded sample of the rest.`;
}

/**
 * One sentence on what was analysed: records, configurations, seeds, and what was left out. Counts
 * are grouped by groupDigits, not toLocaleString("en-US"), whose first call loads ICU's locale data.
 */
export function scopeSentence(analysis: SweepAnalysis): string {
  const g = analysis.grouping;
  const groups =
    g === null
      ? ""
      : `, each run ${g.smallest === g.largest ? `${g.smallest}` : `${g.smallest}–${g.largest}`} times${g.by.length > 0 ? ` (differing only by ${g.by.join(", ")}${g.source === "hint" ? ", as asked" : ""})` : ""}`;
  const args = `${analysis.args.length} arg${analysis.args.length === 1 ? "" : "s"} that vary (${analysis.args.map((a) => a.name).join(", ")})`;
  const left = [
    ...(analysis.argsLeftOut.length > 0 ? [`${analysis.argsLeftOut.length} more args left out`] : []),
    ...(analysis.metricsLeftOut.length > 0 ? [`metrics left out: ${analysis.metricsLeftOut.join(", ")}`] : []),
  ];
  return `${groupDigits(analysis.records)} records, ${groupDigits(analysis.configurations)} configurations${groups}; ${args}${left.length > 0 ? `; ${left.join("; ")}` : ""}.`;
}
