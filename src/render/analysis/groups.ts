/**
 * Seed-aware grouping: records whose args differ only by seed-like args (or the args the user
 * names) are repetitions of one configuration. Per metric, each group gets mean ± std and n, the
 * groups are ranked, and the winner's margin over the runner-up is tested with Welch's t-test,
 * the seeds as samples: a margin inside the seed spread (p ≥ 0.05) is flagged as not significant.
 */
import { isBetter, type MetricGoal } from "../facts/metrics.js";
import { meanOf, stdOf, welchTest } from "./stats.js";
import type { SweepTable } from "./sweepTable.js";

/** Groups listed per metric (the best ones); the total is kept. */
export const MAX_LISTED_GROUPS = 20;
/** Record indices kept per group (its best records first). */
export const MAX_GROUP_RECORDS = 50;
/** Significance level of the winner's test. */
export const ALPHA = 0.05;

/** An arg's value as shown. */
export interface ArgValue {
  readonly name: string;
  readonly value: string;
}

/** One configuration's repetitions for one metric. */
export interface GroupStat {
  /** The configuration's args (seeds left out). */
  readonly args: readonly ArgValue[];
  /** Repetitions with a finite value of the metric. */
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation over the repetitions; null for one. */
  readonly std: number | null;
  /** Record indices, best first, at most MAX_GROUP_RECORDS. */
  readonly records: readonly number[];
}

/** Whether the winning group is better than the runner-up beyond the seed spread. */
export interface Verdict {
  /** How much better the winner's mean is, in the metric's units (≥ 0). */
  readonly margin: number;
  /** Standard error of the margin (Welch), or null when a group has one repetition. */
  readonly se: number | null;
  /** Welch–Satterthwaite degrees of freedom, or null. */
  readonly df: number | null;
  /** Two-sided p-value of Welch's t-test, or null when it cannot be run. */
  readonly p: number | null;
  /** True when p < ALPHA, false when not, null when untested. */
  readonly significant: boolean | null;
}

/** The groups of one metric, ranked. */
export interface GroupRanking {
  /** The best MAX_LISTED_GROUPS groups, best first. */
  readonly groups: readonly GroupStat[];
  /** How many groups have the metric. */
  readonly total: number;
  /** The winner against the runner-up; null with fewer than two groups. */
  readonly verdict: Verdict | null;
}

/** The configuration groups of a table: row positions per configuration key, in first-seen order. */
export function groupRows(table: SweepTable): number[][] {
  const byKey = new Map<string, number[]>();
  table.configKeys.forEach((key, row) => {
    const rows = byKey.get(key);
    if (rows === undefined) byKey.set(key, [row]);
    else rows.push(row);
  });
  return [...byKey.values()];
}

/** True when grouping means something: some configuration was run more than once. */
export function hasRepeats(groups: readonly (readonly number[])[]): boolean {
  return groups.some((g) => g.length > 1);
}

/** Ranks the configuration `groups` by the metric `y` (a value per table row, NaN where missing). */
export function rankGroups(
  table: SweepTable,
  groups: readonly (readonly number[])[],
  y: Float64Array,
  goal: MetricGoal,
): GroupRanking {
  const better = (a: number, b: number): number => (isBetter(a, b, goal) ? -1 : isBetter(b, a, goal) ? 1 : 0);
  const stats = groups
    .map((rows, order) => {
      const kept = rows.filter((r) => Number.isFinite(y[r]));
      const values = kept.map((r) => y[r] as number);
      return { rows: kept, values, mean: meanOf(values), order, first: rows[0] as number };
    })
    .filter((g) => g.rows.length > 0)
    .sort((a, b) => better(a.mean, b.mean) || a.order - b.order);
  const seedNames = new Set(table.seeds.names);
  const listed = stats.slice(0, MAX_LISTED_GROUPS).map((g): GroupStat => ({
    args: table.display(g.first).filter((a) => !seedNames.has(a.name)),
    n: g.values.length,
    mean: g.mean,
    std: stdOf(g.values),
    records: [...g.rows]
      .sort((a, b) => better(y[a] as number, y[b] as number) || a - b)
      .slice(0, MAX_GROUP_RECORDS)
      .map((r) => table.rows[r] as number),
  }));
  const [winner, runnerUp] = stats;
  const verdict = winner === undefined || runnerUp === undefined ? null : verdictOf(winner.values, runnerUp.values);
  return { groups: listed, total: stats.length, verdict };
}

/** Welch's t-test of the winner's repetitions against the runner-up's. */
function verdictOf(winner: readonly number[], runnerUp: readonly number[]): Verdict {
  const margin = Math.abs(meanOf(winner) - meanOf(runnerUp));
  const test = welchTest(winner, runnerUp);
  if (test === null) return { margin, se: null, df: null, p: null, significant: null };
  return {
    margin,
    se: test.se,
    df: Number.isFinite(test.df) ? test.df : null,
    p: test.p,
    significant: test.p < ALPHA,
  };
}
