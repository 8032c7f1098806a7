/**
 * A sweep as a table for analysis: one row per record that has a metric, a column per arg that
 * varies (nested args flattened to dotted names) and per metric. Args that look like seeds (or
 * that the user names) are set apart: they are repetitions, not settings. Bounded against hostile
 * runs: at most `MAX_KEYS_PER_SET` keys of an args set are read, `MAX_KEYS` compared, `MAX_ARGS` analysed.
 */
import { canonicalJson } from "../../record/jsonify.js";
import type { ArgsSet, JsonValue, Run } from "../../run/model.js";
import { ellipsize } from "../../util/clip.js";
import { argsSetLookup } from "../facts/argsSets.js";
import { hashedValues } from "../facts/argsValues.js";
import { scalarOf, type MetricGoal, type RunMetrics } from "../facts/metrics.js";

/** Most varied args analysed; the rest are named as left out. */
export const MAX_ARGS = 12;
/** Most metrics analysed; the rest are named as left out. */
export const MAX_METRICS = 8;
/** Most categories an arg is drawn with; rarer values are pooled into one "other" category. */
export const MAX_CATEGORIES = 20;
/** Keys read from one args set (after flattening). */
const MAX_KEYS_PER_SET = 200;
/** Distinct keys compared across all args sets (a hostile run could give every set its own). */
const MAX_KEYS = 1000;
/** Nested objects deeper than this are compared whole. */
const MAX_FLATTEN_DEPTH = 3;
/** Longest category label or value shown. */
export const MAX_LABEL = 60;
/** Longest arg or metric name kept (longer ones are cut with "…"). */
export const MAX_NAME = 120;

/** An arg column: numbers, or category codes into `labels`. */
export interface ArgColumn {
  readonly name: string;
  readonly kind: "numeric" | "categorical";
  /** Per row: the number (numeric) or the category's index in `labels` (categorical). */
  readonly values: Float64Array;
  /** Category labels in order (categorical; the last is the pooled "other …" when `pooled > 0`). */
  readonly labels: readonly string[];
  /** How many distinct values the arg takes. */
  readonly distinct: number;
  /** Distinct values pooled into the last category (0 when none). */
  readonly pooled: number;
}

/** The analysable part of a run. */
export interface SweepTable {
  /** Record index of each row. */
  readonly rows: readonly number[];
  /** Varied, non-seed args, at most MAX_ARGS. */
  readonly args: readonly ArgColumn[];
  /** Varied args beyond MAX_ARGS, by name. */
  readonly argsLeftOut: readonly string[];
  /** The seed-like args that vary, and where that came from. */
  readonly seeds: { readonly names: readonly string[]; readonly source: "names" | "hint" };
  /** Per row, the configuration: every varied non-seed arg's value, as one key (rows that share it repeat one setting). */
  readonly configKeys: readonly string[];
  /** Every varied arg's value as shown (seeds included) for a row, for cards and groups. */
  readonly display: (row: number) => readonly { readonly name: string; readonly value: string }[];
  /** Analysed metrics in order (names clipped to MAX_NAME), each with a value per row (NaN where the record has none or it is not finite). */
  readonly metrics: ReadonlyMap<string, Float64Array>;
  /** The goal of each metric whose goal is known (declared or guessed); only these are analysed. */
  readonly goals: ReadonlyMap<string, MetricGoal>;
  /** Metrics beyond MAX_METRICS, by name. */
  readonly metricsLeftOut: readonly string[];
}

/** Word sets that mark an arg as a repetition rather than a setting (after splitting the name into words). */
const SEED_WORDS = new Set(["seed", "seeds"]);
const SEED_NAMES = new Set([
  "randomstate",
  "rng",
  "rngseed",
  "trial",
  "trialid",
  "rep",
  "reps",
  "repeat",
  "repetition",
  "replicate",
  "replica",
  "run",
  "runid",
  "runindex",
  "fold",
]);

/** True when an arg's name says it is a seed or repetition index (`seed`, `data_seed`, `random_state`, `trial`, `rep`, `run`…). */
export function looksLikeSeed(name: string): boolean {
  const last = name.split(".").pop() ?? name;
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
  return words.some((w) => SEED_WORDS.has(w)) || SEED_NAMES.has(words.join(""));
}

/** Flattens an args set's values: nested plain objects become dotted names, up to MAX_FLATTEN_DEPTH. */
function flatten(values: Readonly<Record<string, JsonValue>>): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  const visit = (prefix: string, obj: Readonly<Record<string, JsonValue>>, depth: number): void => {
    for (const [key, value] of Object.entries(obj)) {
      if (out.size >= MAX_KEYS_PER_SET) return;
      // A name from the run is clipped: a megabyte key must not be copied into every chart and table.
      const name = ellipsize(prefix === "" ? key : `${prefix}.${key}`, MAX_NAME);
      if (value !== null && typeof value === "object" && !Array.isArray(value) && depth < MAX_FLATTEN_DEPTH) {
        visit(name, value, depth + 1);
      } else out.set(name, value);
    }
  };
  visit("", values, 0);
  return out;
}

/** A value for people: strings as they are, anything else as JSON; clipped. */
function labelOf(value: JsonValue | undefined): string {
  if (value === undefined) return "(none)";
  return ellipsize(typeof value === "string" ? value : canonicalJson(value), MAX_LABEL);
}

/** The rows (records with at least one analysed metric), each row's args set (flattened, shared by its records) and the metric columns. */
function metricRows(run: Run, metrics: RunMetrics, names: readonly string[]) {
  const rows: number[] = [];
  const setOf: number[] = [];
  const flats: Map<string, JsonValue>[] = [];
  const index = new Map<ArgsSet, number>();
  const columns = names.map(() => [] as number[]);
  const argsSetOf = argsSetLookup(run);
  for (const record of run.records) {
    if (record.isAggregate) continue;
    const set = argsSetOf(record);
    const entries = metrics.perRecord.get(record.index);
    if (set === undefined || entries === undefined) continue;
    let any = false;
    const values = names.map((n) => {
      const e = entries.get(n);
      const v = e === undefined ? Number.NaN : scalarOf(e.value);
      if (Number.isFinite(v)) any = true;
      return Number.isFinite(v) ? v : Number.NaN;
    });
    if (!any) continue;
    let k = index.get(set);
    if (k === undefined) {
      index.set(set, (k = flats.length));
      flats.push(flatten(hashedValues(set)));
    }
    rows.push(record.index);
    setOf.push(k);
    values.forEach((v, j) => columns[j]?.push(v));
  }
  return { rows, setOf, flats, columns };
}

/** A value as a comparable key: canonical JSON, `\u0000` when absent. */
function keyOf(value: JsonValue | undefined): string {
  return value === undefined ? "\u0000" : canonicalJson(value);
}

/** Keys (but `name`, the args set's label) whose values differ between the distinct args sets, in first-seen order. */
function variedKeys(flats: readonly Map<string, JsonValue>[]): string[] {
  const order: string[] = [];
  const seen = new Set<string>(["name"]);
  for (const s of flats) {
    for (const k of s.keys()) {
      if (order.length >= MAX_KEYS) break;
      if (seen.has(k)) continue;
      seen.add(k);
      order.push(k);
    }
  }
  return order.filter((k) => {
    const first = keyOf(flats[0]?.get(k));
    return flats.some((s) => keyOf(s.get(k)) !== first);
  });
}

/** One arg's column over the rows: numeric when every row holds a finite number, else categories (rarest pooled). */
function argColumn(name: string, flats: readonly Map<string, JsonValue>[], setOf: readonly number[]): ArgColumn {
  const used = [...new Set(setOf)];
  const raw = flats.map((s) => s.get(name));
  if (used.every((k) => typeof raw[k] === "number" && Number.isFinite(raw[k]))) {
    const values = Float64Array.from(setOf, (k) => raw[k] as number);
    return { name, kind: "numeric", values, labels: [], distinct: new Set(values).size, pooled: 0 };
  }
  const keys = raw.map(keyOf);
  const counts = new Map<string, number>();
  for (const k of setOf) counts.set(keys[k] as string, (counts.get(keys[k] as string) ?? 0) + 1);
  const byCount = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const kept = byCount.length > MAX_CATEGORIES ? byCount.slice(0, MAX_CATEGORIES - 1) : byCount;
  const ordered = kept.map(([k]) => k).sort();
  const pooled = counts.size - ordered.length;
  const firstValue = new Map<string, JsonValue | undefined>();
  used.forEach((k) => firstValue.has(keys[k] as string) || firstValue.set(keys[k] as string, raw[k]));
  let labels = ordered.map((k) => labelOf(firstValue.get(k)));
  if (new Set(labels).size < labels.length)
    labels = ordered.map((k) => (k === "\u0000" ? "(none)" : ellipsize(k, MAX_LABEL)));
  if (pooled > 0) labels.push(`other (${pooled} values)`);
  const code = new Map(ordered.map((k, i) => [k, i]));
  const values = Float64Array.from(setOf, (k) => code.get(keys[k] as string) ?? ordered.length);
  return { name, kind: "categorical", values, labels, distinct: counts.size, pooled };
}

/** Every arg name of the run's args sets as the analysis names them (nested args as dotted names). */
export function analysedArgNames(run: Run): Set<string> {
  const names = new Set<string>();
  for (const set of run.args) for (const name of flatten(hashedValues(set)).keys()) names.add(name);
  return names;
}

/** Builds the analysis table of `run`; `groupBy` names the seed args instead of guessing them from names. */
export function sweepTable(
  run: Run,
  metrics: RunMetrics,
  options: { readonly groupBy?: readonly string[]; readonly metrics?: readonly string[] } = {},
): SweepTable {
  const wanted = (options.metrics ?? metrics.recordNames).filter((n) => metrics.recordNames.includes(n));
  const names = wanted.slice(0, MAX_METRICS);
  const { rows, setOf, flats, columns } = metricRows(run, metrics, names);
  const varied = variedKeys(flats);
  const hinted = options.groupBy !== undefined;
  const seedNames = varied.filter((k) => (hinted ? (options.groupBy ?? []).includes(k) : looksLikeSeed(k)));
  const settings = varied.filter((k) => !seedNames.includes(k));
  const args = settings.slice(0, MAX_ARGS).map((k) => argColumn(k, flats, setOf));
  const setKeys = flats.map((s) => canonicalJson(settings.map((k) => (s.has(k) ? (s.get(k) ?? null) : "\u0000"))));
  return {
    rows,
    args,
    argsLeftOut: settings.slice(MAX_ARGS, MAX_ARGS + 100),
    seeds: { names: seedNames, source: hinted ? "hint" : "names" },
    configKeys: setOf.map((k) => setKeys[k] as string),
    display: (row) => varied.map((k) => ({ name: k, value: labelOf(flats[setOf[row] as number]?.get(k)) })),
    metrics: new Map(names.map((n, j) => [ellipsize(n, MAX_NAME), Float64Array.from(columns[j] ?? [])])),
    // Known goals only (declared or guessed from a well-known name): a metric whose goal is unknown
    // is left out of the analysis, which is all about which setting is better (issue 21.1).
    goals: new Map(
      names.flatMap((n): [string, MetricGoal][] =>
        Object.hasOwn(metrics.goals, n) ? [[ellipsize(n, MAX_NAME), metrics.goals[n] as MetricGoal]] : [],
      ),
    ),
    metricsLeftOut: wanted.slice(MAX_METRICS).map((n) => ellipsize(n, MAX_NAME)),
  };
}
