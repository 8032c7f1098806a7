/**
 * The headline of a comparison: one line per metric, saying at a glance what happened to it. Its
 * run-level value in each run, and over the records both runs have: how many got better, worse,
 * stayed the same (or moved within the declared noise), the median change and the records that
 * moved most. A metric whose goal is unknown gets counts of changed records, never better/worse.
 * Every metric is listed, the unchanged ones too: a headline metric that did not move is news.
 * Browser-safe.
 */
import { judgeMetric, verdictOf, type MetricJudgement, type Verdict } from "../facts/metricGoals.js";
import type { RunFacts } from "../facts/factsWire.js";
import { unionKeys } from "./argsDiff.js";

/** Most movers named per metric and run. */
export const MAX_MOVERS = 3;

/** A record whose value moved: its key, the change and the verdict. */
export interface Mover {
  readonly record: string;
  readonly base: number;
  readonly value: number;
  readonly verdict: Verdict;
}

/** How one run's records moved against the base's for one metric. */
export interface HeadlineCounts {
  /** The verdict of the run-level value, or null when the metric is not run-level in both runs. */
  readonly runVerdict: Verdict | null;
  /** Records with the metric in both runs. */
  readonly records: number;
  /** Records by verdict (`added`: only in this run; `removed`: only in the base). */
  readonly counts: Readonly<Record<Verdict, number>>;
  /** Median of (value − base) over the records in both runs with finite values; null when none. */
  readonly medianChange: number | null;
  /** The records that moved most (relative to the base value), at most `MAX_MOVERS`. */
  readonly movers: readonly Mover[];
}

/** One metric's line of the headline. */
export interface MetricHeadline {
  readonly name: string;
  readonly judgement: MetricJudgement;
  readonly primary: boolean;
  /** Its run-level value per run (null where it is not a run-level metric of that run). */
  readonly runValues: readonly (number | null)[];
  /** Per run: how it moved against the base (null for the base itself). */
  readonly perRun: readonly (HeadlineCounts | null)[];
}

const VERDICTS: readonly Verdict[] = ["better", "worse", "same", "noise", "changed", "added", "removed"];

/** What one run's pass over the records gathers for one metric. */
interface Gathered {
  readonly counts: Record<Verdict, number>;
  readonly changes: number[];
  movers: Mover[];
  records: number;
}

/** The headline of `runs` (run 0 the base): the primary metric first, then run-level, then record metrics. */
export function metricHeadlines(
  runs: readonly RunFacts[],
  judgements: ReadonlyMap<string, MetricJudgement>,
  primary: string | null,
): MetricHeadline[] {
  const runNames = unionKeys(runs.map((r) => r.runMetrics));
  const recordNames = unionKeys(runs.flatMap((r) => Object.values(r.recordMetrics)));
  const names = [...new Set([...(primary === null ? [] : [primary]), ...runNames, ...recordNames])];
  const judge = (n: string) => judgements.get(n) ?? judgeMetric(n, []);
  const base = runs[0] as RunFacts;
  const gathered = runs.map((run, i) => (i === 0 ? null : gatherRecords(base, run, judge)));
  return names.map((name) => {
    const runValues = runs.map((r) => (Object.hasOwn(r.runMetrics, name) ? (r.runMetrics[name] as number) : null));
    const j = judge(name);
    const perRun = runs.map((_, i): HeadlineCounts | null => {
      const g = gathered[i]?.get(name);
      if (i === 0 || gathered[i] === null) return null;
      const b = runValues[0] ?? null;
      const v = runValues[i] ?? null;
      return {
        runVerdict: b === null && v === null ? null : verdictOf(b, v, j),
        records: g?.records ?? 0,
        counts: g?.counts ?? zeroCounts(),
        medianChange: g === undefined ? null : median(g.changes),
        movers: g?.movers ?? [],
      };
    });
    return { name, judgement: j, primary: name === primary, runValues, perRun };
  });
}

function zeroCounts(): Record<Verdict, number> {
  return Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
}

/** One pass over the records of `base` and `run`: per metric name, counts, changes and movers. */
function gatherRecords(base: RunFacts, run: RunFacts, judge: (name: string) => MetricJudgement): Map<string, Gathered> {
  const out = new Map<string, Gathered>();
  const at = (name: string): Gathered => {
    let g = out.get(name);
    if (g === undefined) out.set(name, (g = { counts: zeroCounts(), changes: [], movers: [], records: 0 }));
    return g;
  };
  for (const record of unionKeys([base.recordMetrics, run.recordMetrics])) {
    const a = Object.hasOwn(base.recordMetrics, record) ? base.recordMetrics[record] : undefined;
    const b = Object.hasOwn(run.recordMetrics, record) ? run.recordMetrics[record] : undefined;
    for (const name of unionKeys([a ?? {}, b ?? {}])) {
      const before = a !== undefined && Object.hasOwn(a, name) ? (a[name] as number) : null;
      const after = b !== undefined && Object.hasOwn(b, name) ? (b[name] as number) : null;
      const verdict = verdictOf(before, after, judge(name));
      const g = at(name);
      g.counts[verdict]++;
      if (before === null || after === null) continue;
      g.records++;
      if (Number.isFinite(before) && Number.isFinite(after)) g.changes.push(after - before);
      if (verdict === "better" || verdict === "worse" || verdict === "changed")
        g.movers = topMovers([...g.movers, { record, base: before, value: after, verdict }]);
    }
  }
  return out;
}

/** How far a record moved, relative to its base value (an infinite or NaN change counts as the most). */
export function moved(m: { readonly base: number; readonly value: number }): number {
  const d = Math.abs(m.value - m.base);
  return Number.isFinite(d) ? d / Math.max(Math.abs(m.base), 1e-12) : Number.POSITIVE_INFINITY;
}

/** The `MAX_MOVERS` that moved most, most first (ties: first seen). */
function topMovers(movers: Mover[]): Mover[] {
  return movers
    .map((m, k) => ({ m, k, by: moved(m) }))
    .sort((x, y) => y.by - x.by || x.k - y.k)
    .slice(0, MAX_MOVERS)
    .map((x) => x.m);
}

/** The median of `values`, or null when empty. */
function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
