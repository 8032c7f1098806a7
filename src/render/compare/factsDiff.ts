/**
 * What changed between runs' facts (see runFacts.ts): args that differ, set by set and key by key
 * (args sets matched by name; the same hash means the same values), and metrics whose value
 * differs, with the delta against the first run (the base) and whether it got better or worse.
 * Only differences are listed; what stayed the same is counted. Shared by `compare` and `summary --base`.
 */
import { formatDelta, formatMetric, isBetter, metricGoal, type MetricGoal } from "../facts/metrics.js";
import type { RunFacts } from "../facts/runFacts.js";

/** How a run's value compares with the base's. */
export type Verdict = "better" | "worse" | "same" | "added" | "removed";

/** One metric that differs between runs. */
export interface MetricDiff {
  /** `null` for a run-level metric, else the record key (args name). */
  readonly record: string | null;
  readonly name: string;
  readonly goal: MetricGoal;
  /** Value per run (null when the run lacks it), formatted. */
  readonly texts: readonly string[];
  readonly values: readonly (number | null)[];
  /** Per run: delta against the base (null for the base and where not computable). */
  readonly deltas: readonly (string | null)[];
  /** Per run: verdict against the base (null for the base itself). */
  readonly verdicts: readonly (Verdict | null)[];
}

/** One args key whose value differs within an args set of the same name. */
export interface ArgsKeyDiff {
  readonly set: string;
  readonly key: string;
  /** Value per run as canonical JSON, or null when that run's set lacks the key (or the set). */
  readonly values: readonly (string | null)[];
}

/** Everything that differs between the facts of several runs; run 0 is the base. */
export interface FactsDiff {
  readonly metrics: readonly MetricDiff[];
  /** Metrics present with equal values in every run (not listed). */
  readonly sameMetrics: number;
  readonly args: readonly ArgsKeyDiff[];
  /** Args sets only some runs have: name and presence per run. */
  readonly argsSets: readonly { readonly set: string; readonly present: readonly boolean[] }[];
  /** Args sets with the same hash in every run (not listed). */
  readonly sameArgsSets: number;
}

/** Diffs the facts of `runs` (run 0 is the base). */
export function diffFacts(runs: readonly RunFacts[]): FactsDiff {
  const goals = Object.assign({}, ...runs.map((r) => r.goals)) as Record<string, MetricGoal>;
  const metrics: MetricDiff[] = [];
  let same = 0;
  const add = (record: string | null, name: string, values: (number | null)[]) => {
    if (values.every((v) => v !== null && sameNumber(v, values[0] as number))) {
      same++;
      return;
    }
    metrics.push(metricDiff(record, name, metricGoal(name, goals), values));
  };
  for (const name of unionKeys(runs.map((r) => r.runMetrics)))
    add(
      null,
      name,
      runs.map((r) => (Object.hasOwn(r.runMetrics, name) ? (r.runMetrics[name] as number) : null)),
    );
  for (const record of unionKeys(runs.map((r) => r.recordMetrics))) {
    const per = runs.map((r) => (Object.hasOwn(r.recordMetrics, record) ? r.recordMetrics[record] : undefined));
    for (const name of unionKeys(per.map((m) => m ?? {})))
      add(
        record,
        name,
        per.map((m) => (m !== undefined && Object.hasOwn(m, name) ? (m[name] as number) : null)),
      );
  }
  const { args, argsSets, sameArgsSets } = diffArgs(runs);
  return { metrics, sameMetrics: same, args, argsSets, sameArgsSets };
}

/** Equal numbers, NaN equal to NaN. */
function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function metricDiff(record: string | null, name: string, goal: MetricGoal, values: (number | null)[]): MetricDiff {
  const base = values[0] ?? null;
  const verdicts = values.map((v, i): Verdict | null => {
    if (i === 0) return null;
    if (v === null) return "removed";
    if (base === null) return "added";
    return isBetter(v, base, goal) ? "better" : isBetter(base, v, goal) ? "worse" : "same";
  });
  return {
    record,
    name,
    goal,
    values,
    texts: values.map((v) => (v === null ? "—" : formatMetric(v))),
    deltas: values.map((v, i) => (i === 0 || v === null || base === null ? null : formatDelta(base, v))),
    verdicts,
  };
}

/** Keys of several objects, in first-seen order. */
function unionKeys(objects: readonly object[]): string[] {
  const seen = new Set<string>();
  for (const o of objects) for (const k of Object.keys(o)) seen.add(k);
  return [...seen];
}

function diffArgs(runs: readonly RunFacts[]): Pick<FactsDiff, "args" | "argsSets" | "sameArgsSets"> {
  const args: ArgsKeyDiff[] = [];
  const argsSets: { set: string; present: boolean[] }[] = [];
  let sameArgsSets = 0;
  for (const set of unionKeys(runs.map((r) => r.args))) {
    const per = runs.map((r) => (Object.hasOwn(r.args, set) ? r.args[set] : undefined));
    if (per.some((p) => p === undefined)) {
      argsSets.push({ set, present: per.map((p) => p !== undefined) });
      continue;
    }
    if (per.every((p) => p?.hash === per[0]?.hash)) {
      sameArgsSets++;
      continue;
    }
    const values = per.map((p) => p?.values ?? {});
    for (const key of unionKeys(values)) {
      if (key === "name") continue;
      const texts = values.map((v) => (Object.hasOwn(v, key) ? (v[key] ?? null) : null));
      if (texts.some((t) => t !== texts[0])) args.push({ set, key, values: texts });
    }
  }
  return { args, argsSets, sameArgsSets };
}
