/**
 * Metrics of a run as render sees them: what the run logged (per record and run-level, schema v2)
 * plus metrics derived from the top-level numeric fields of JSON reportables (marked derived, for
 * runs that never logged any). Run-level metrics are the run's own and those of aggregate records.
 * Pure: the results table, comparisons, trends and summaries all read metrics through here.
 */
import type { JsonValue, MetricGoal, MetricPoint, MetricValue, Run, RunRecord } from "../../run/model.js";
import { isNonFiniteTag, numFromWire } from "../../run/numbers.js";

export type { MetricGoal, MetricPoint, MetricValue } from "../../run/model.js";

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
  /** Goal of every metric name above (explicit from the run, else guessed from the name). */
  readonly goals: Readonly<Record<string, MetricGoal>>;
}

/** Most numbers a record's JSON reportables may hold and still give derived metrics (see `addDerived`). */
export const MAX_DERIVED_PER_RECORD = 100;

/** Names that mean "lower is better" when the run does not say. Keep in sync with SCHEMA_V2 (metric_goals). */
const MIN_WORDS = /loss|error|err|mse|rmse|mae|time|latency|perplexity/i;

/** The goal of metric `name`: the run's `metric_goals`, else guessed from its name. */
export function metricGoal(name: string, goals: Readonly<Record<string, MetricGoal>> = {}): MetricGoal {
  const explicit = Object.hasOwn(goals, name) ? goals[name] : undefined;
  return explicit ?? (MIN_WORDS.test(name) ? "min" : "max");
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

/** The metrics of `run`: logged and derived, per record and run-level, with goals. */
export function collectMetrics(run: Run): RunMetrics {
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
  const derivedNames = addDerived(run, perRecord, runLevel);
  const names = [...logged, ...derivedNames.filter((n) => !seen.has(n))];
  // No prototype: a metric named `__proto__` keeps its goal (23.9).
  const goals = Object.create(null) as Record<string, MetricGoal>;
  for (const name of [...names, ...runLevel.keys()]) goals[name] = metricGoal(name, run.metricGoals);
  return { recordNames: names, perRecord, runLevel, goals };
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

/**
 * Derives metrics from JSON reportables: a number is a metric named after the reportable, an
 * object gives one metric per top-level numeric field. A field name that two reportables of one
 * record share is qualified with the reportable's name everywhere, so names stay unambiguous.
 * Logged metrics of the same name win. A record whose JSON reportables hold more than
 * `MAX_DERIVED_PER_RECORD` numbers derives none: that is data (an aggregate's statistics of every
 * record of a sweep), not a few headline metrics, and 100,000 of them made a 14 MiB report page.
 * Returns the derived names of non-aggregate records.
 */
function addDerived(
  run: Run,
  perRecord: Map<number, Map<string, MetricEntry>>,
  runLevel: Map<string, MetricEntry>,
): string[] {
  const candidates: { record: number; reportable: string; key: string; value: number }[] = [];
  const perRecordCount = new Map<number, number>();
  for (const r of run.reportables) {
    if (r.kind !== "json") continue;
    for (const [key, value] of numericFields(r.value, r.name)) {
      candidates.push({ record: r.record, reportable: r.name, key, value });
      perRecordCount.set(r.record, (perRecordCount.get(r.record) ?? 0) + 1);
    }
  }
  const found = candidates.filter((f) => (perRecordCount.get(f.record) ?? 0) <= MAX_DERIVED_PER_RECORD);
  const owners = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const f of found) {
    const owner = `${f.record}\u0000${f.reportable}`;
    const slot = `${f.record}\u0000${f.key}`;
    const first = owners.get(slot);
    if (first !== undefined && first !== owner) ambiguous.add(f.key);
    owners.set(slot, first ?? owner);
  }
  const names: string[] = [];
  const named = new Set<string>();
  for (const f of found) {
    const name = ambiguous.has(f.key) && f.key !== f.reportable ? `${f.reportable}.${f.key}` : f.key;
    const record = run.records[f.record];
    const target = record === undefined ? undefined : record.isAggregate ? runLevel : perRecord.get(f.record);
    if (target === undefined || target.has(name)) continue;
    target.set(name, { value: f.value, derived: true });
    if (target !== runLevel && !named.has(name)) {
      named.add(name);
      names.push(name);
    }
  }
  return names;
}

/** The numeric top-level fields of a JSON value (a bare number is one field named `name`). */
function numericFields(value: JsonValue, name: string): [string, number][] {
  const single = numberOf(value);
  if (single !== null) return [[name, single]];
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  const out: [string, number][] = [];
  for (const [key, field] of Object.entries(value)) {
    const n = numberOf(field);
    if (n !== null) out.push([key, n]);
  }
  return out;
}

/** A JSON number, or a v2 NonFinite (`{"$float": "NaN"}`), as a number; else null. Booleans are not metrics. */
function numberOf(value: JsonValue | undefined): number | null {
  if (typeof value === "number") return value;
  return isNonFiniteTag(value) ? numFromWire(value) : null;
}
