/**
 * Metrics of a run as render sees them: what the run logged (per record and run-level, schema v2),
 * each judged (goal declared, guessed from a well-known name, or unknown: metricGoals.ts), and, for
 * a run that logged none, metrics derived from the top-level numbers of JSON reportables
 * (derivedMetrics.ts). Run-level metrics are the run's own and those of aggregate records. Pure:
 * the results table, comparisons, trends and summaries all read metrics through here.
 */
import type { MetricGoal, MetricPoint, MetricValue, Run, RunRecord } from "../../run/model.js";
import { recordOf } from "../../util/records.js";
import { addDerived } from "./derivedMetrics.js";
import {
  judgeMetric,
  NO_DECLARATIONS,
  type MetricDeclarations,
  type MetricJudgement,
  type Tolerance,
} from "./metricGoals.js";

export type { MetricGoal, MetricPoint, MetricValue } from "../../run/model.js";
export { MAX_DERIVED_PER_RECORD } from "./derivedMetrics.js";

/** A metric value with where it came from. */
export interface MetricEntry {
  readonly value: MetricValue;
  /** True for a metric derived from a JSON reportable rather than logged. */
  readonly derived: boolean;
}

/** Every metric of a run, ready for tables. */
export interface RunMetrics {
  /** Metric names of non-aggregate records, logged first (first-seen order), then derived. */
  readonly recordNames: readonly string[];
  /** Per record index (non-aggregate records only), its metrics by name. */
  readonly perRecord: ReadonlyMap<number, ReadonlyMap<string, MetricEntry>>;
  /** Run-level metrics (the run's own, then aggregate records'), in that order. */
  readonly runLevel: ReadonlyMap<string, MetricEntry>;
  /** What is known of every metric name above: its goal, the goal's source, a declared tolerance. */
  readonly judgements: ReadonlyMap<string, MetricJudgement>;
  /** The goal of every metric above whose goal is known (declared or guessed); unknown ones are absent. */
  readonly goals: Readonly<Record<string, MetricGoal>>;
  /**
   * The metric that ranks records: the declared primary metric when records have it, else the
   * first record metric whose goal is known; null when there is none (records are not ranked).
   */
  readonly primary: string | null;
}

/** A run's own declarations (run.json `metric_goals`, `metric_tolerances`, `primary_metric`; exact names). */
export function runDeclarations(run: Run): MetricDeclarations {
  return {
    primary: run.primaryMetric ?? null,
    goals: new Map(Object.entries(run.metricGoals)),
    tolerances: new Map(
      Object.entries(run.metricTolerances ?? {}).map(([n, t]): [string, Tolerance] => [
        n,
        { abs: t.abs ?? 0, rel: t.rel ?? 0 },
      ]),
    ),
  };
}

/**
 * The known goal of metric `name` (declared or guessed) in a run's metrics or its published facts,
 * or null when unknown: then no star, no best, no better/worse.
 */
export function knownGoal(
  judged: { readonly judgements: ReadonlyMap<string, MetricJudgement> },
  name: string,
): MetricGoal | null {
  return judged.judgements.get(name)?.goal ?? null;
}

/** The headline number of a metric: itself, or the last step of a series (NaN for an empty series). */
export function scalarOf(value: MetricValue): number {
  if (typeof value === "number") return value;
  return value.length === 0 ? Number.NaN : (value[value.length - 1] as MetricPoint).value;
}

/** True when `a` is better than `b` for `goal`; a non-finite value is never better than a finite one. */
export function isBetter(a: number, b: number, goal: MetricGoal): boolean {
  if (Number.isNaN(a)) return false;
  if (Number.isNaN(b)) return true;
  return goal === "min" ? a < b : a > b;
}

/**
 * Formats a metric number for people: integers as they are, tiny and huge numbers in exponent
 * form, others to 5 significant digits; `NaN`, `Infinity`, `-Infinity` by name. Locale-free.
 */
export function formatMetric(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return n.toExponential(3);
  return String(Number(n.toPrecision(5)));
}

/** A signed difference `b - a` for people (`+0.012`, `-3`), or null when either is not finite. */
export function formatDelta(a: number, b: number): string | null {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  const d = b - a;
  const text = formatMetric(Number(d.toPrecision(12)));
  return d > 0 ? `+${text}` : text;
}

/**
 * The metrics of `run`, judged by its own declarations, then by `project` (the project file's),
 * then by their names. Derived metrics only for a run that logged none (issue 21.5).
 */
export function collectMetrics(run: Run, project: MetricDeclarations = NO_DECLARATIONS): RunMetrics {
  const perRecord = new Map<number, Map<string, MetricEntry>>();
  const runLevel = new Map<string, MetricEntry>();
  for (const [name, value] of Object.entries(run.metrics)) runLevel.set(name, { value, derived: false });
  const logged: string[] = [];
  const seen = new Set<string>();
  for (const record of run.records) {
    const entries = new Map<string, MetricEntry>();
    for (const [name, value] of Object.entries(record.metrics)) {
      entries.set(name, { value, derived: false });
      if (!record.isAggregate && !seen.has(name)) {
        seen.add(name);
        logged.push(name);
      }
    }
    if (record.isAggregate) addRunLevel(runLevel, entries, record);
    else perRecord.set(record.index, entries);
  }
  // Derived metrics stand in for logged ones; beside logged ones they only add noise.
  const loggedAny = runLevel.size > 0 || logged.length > 0;
  const derivedNames = loggedAny ? [] : addDerived(run, perRecord, runLevel);
  const names = [...logged, ...derivedNames.filter((n) => !seen.has(n))];
  const layers = [runDeclarations(run), project];
  const judgements = new Map<string, MetricJudgement>();
  for (const name of [...names, ...runLevel.keys()]) judgements.set(name, judgeMetric(name, layers));
  // No prototype: a metric named `__proto__` keeps its goal (23.9).
  const goals = recordOf(
    [...judgements].flatMap(([n, j]): [string, MetricGoal][] => (j.goal === null ? [] : [[n, j.goal]])),
  );
  const declared = layers.map((l) => l.primary).find((p) => p !== null && names.includes(p));
  const primary = declared ?? names.find((n) => judgements.get(n)?.goal != null) ?? null;
  return { recordNames: names, perRecord, runLevel, judgements, goals, primary };
}

/** Adds an aggregate record's metrics to the run-level ones; a name already taken gets the record's name after it. */
function addRunLevel(
  runLevel: Map<string, MetricEntry>,
  entries: ReadonlyMap<string, MetricEntry>,
  record: RunRecord,
): void {
  for (const [name, entry] of entries) {
    const key = runLevel.has(name) ? `${name} (${record.name})` : name;
    if (!runLevel.has(key)) runLevel.set(key, entry);
  }
}
