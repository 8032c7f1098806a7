/**
 * What changed between runs' facts (see runFacts.ts): args that differ (argsDiff.ts), metrics whose
 * value differs with the delta against the first run (the base) and its verdict, and a headline
 * per metric (metricHeadline.ts). Each metric is judged once for the whole comparison, from the
 * runs' own judgements (declared goals and tolerances travel in the facts), so `compare`,
 * `summary --base` and compare.html say the same. Only differences are listed; what stayed the
 * same is counted. Keys from input live in Maps. Browser-safe.
 */
import { formatDelta, formatMetric } from "../facts/metrics.js";
import { judgeMetric, verdictOf, type MetricJudgement, type Verdict } from "../facts/metricGoals.js";
import type { RunFacts } from "../facts/factsWire.js";
import { diffArgs, unionKeys, type ArgsDiff } from "./argsDiff.js";
import { metricHeadlines, type MetricHeadline } from "./metricHeadline.js";

export type { ArgsDiff, ArgsKeyDiff, SharedArgsChange } from "./argsDiff.js";
export type { HeadlineCounts, MetricHeadline, Mover } from "./metricHeadline.js";

export type { Verdict } from "../facts/metricGoals.js";

/** One metric of one record (or of the run) whose value differs between runs. */
export interface MetricDiff {
  /** `null` for a run-level metric, else the record key (args name). */
  readonly record: string | null;
  readonly name: string;
  readonly judgement: MetricJudgement;
  /** Value per run (null when the run lacks it), formatted. */
  readonly texts: readonly string[];
  readonly values: readonly (number | null)[];
  /** Per run: delta against the base (null for the base and where not computable). */
  readonly deltas: readonly (string | null)[];
  /** Per run: verdict against the base (null for the base itself). */
  readonly verdicts: readonly (Verdict | null)[];
}

/** Everything that differs between the facts of several runs; run 0 is the base. */
export interface FactsDiff extends ArgsDiff {
  /** Per metric name, what the whole comparison knows of it (the newest declaration wins). */
  readonly judgements: ReadonlyMap<string, MetricJudgement>;
  /** The metric that leads (the newest run's primary, else the base's), or null. */
  readonly primary: string | null;
  /** One line per metric: run-level value, counts of better/worse/same records, median change, biggest movers. */
  readonly headline: readonly MetricHeadline[];
  /** Metric values that differ beyond float noise in some run (noise included), in the runs' order. */
  readonly metrics: readonly MetricDiff[];
  /** Metric values the same in every run, up to float noise (not listed). */
  readonly sameMetrics: number;
}

/**
 * Per metric name, its judgement for a comparison of `runs`: the goal declared by the newest run
 * that declares one, else one guessed by any run, else unknown; the newest declared tolerance.
 */
export function mergeJudgements(runs: readonly RunFacts[]): Map<string, MetricJudgement> {
  const names = new Set<string>();
  for (const r of runs) {
    for (const n of r.judgements.keys()) names.add(n);
    for (const n of Object.keys(r.runMetrics)) names.add(n);
    for (const m of Object.values(r.recordMetrics)) for (const n of Object.keys(m)) names.add(n);
  }
  const newestFirst = [...runs].reverse();
  const out = new Map<string, MetricJudgement>();
  for (const name of names) {
    const known = newestFirst.map((r) => r.judgements.get(name)).filter((j) => j !== undefined);
    const goal =
      known.find((j) => j.source === "declared") ?? known.find((j) => j.source === "guessed") ?? judgeMetric(name, []);
    out.set(name, { ...goal, tolerance: known.find((j) => j.tolerance !== null)?.tolerance ?? null });
  }
  return out;
}

/** Diffs the facts of `runs` (run 0 is the base). */
export function diffFacts(runs: readonly RunFacts[]): FactsDiff {
  const judgements = mergeJudgements(runs);
  const judge = (name: string): MetricJudgement => judgements.get(name) ?? judgeMetric(name, []);
  const metrics: MetricDiff[] = [];
  let same = 0;
  const add = (record: string | null, name: string, values: (number | null)[]) => {
    const diff = metricDiff(record, name, judge(name), values);
    if (diff.verdicts.every((v) => v === null || v === "same")) same++;
    else metrics.push(diff);
  };
  for (const name of unionKeys(runs.map((r) => r.runMetrics)))
    add(
      null,
      name,
      runs.map((r) => valueOf(r.runMetrics, name)),
    );
  for (const record of unionKeys(runs.map((r) => r.recordMetrics))) {
    const per = runs.map((r) => (Object.hasOwn(r.recordMetrics, record) ? r.recordMetrics[record] : undefined));
    for (const name of unionKeys(per.map((m) => m ?? {})))
      add(
        record,
        name,
        per.map((m) => (m === undefined ? null : valueOf(m, name))),
      );
  }
  const primary = [...runs].reverse().find((r) => r.primary !== null)?.primary ?? null;
  return {
    judgements,
    primary,
    headline: metricHeadlines(runs, judgements, primary),
    metrics,
    sameMetrics: same,
    ...diffArgs(runs),
  };
}

/** `m[name]` when `m` has its own key `name`, else null. */
function valueOf(m: Readonly<Record<string, number>>, name: string): number | null {
  return Object.hasOwn(m, name) ? (m[name] as number) : null;
}

function metricDiff(
  record: string | null,
  name: string,
  judgement: MetricJudgement,
  values: (number | null)[],
): MetricDiff {
  const base = values[0] ?? null;
  return {
    record,
    name,
    judgement,
    values,
    texts: values.map((v) => (v === null ? "—" : formatMetric(v))),
    deltas: values.map((v, i) => (i === 0 || v === null || base === null ? null : formatDelta(base, v))),
    verdicts: values.map((v, i) =>
      i === 0 ? null : base === null && v === null ? "same" : verdictOf(base, v ?? null, judgement),
    ),
  };
}
