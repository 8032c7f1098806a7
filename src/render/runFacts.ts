/**
 * A run's comparable facts: identity, status, args sets and headline metrics (run-level, and per
 * record keyed by args name). What comparisons and `summary --base` diff, and what each report
 * folder keeps in `results.json` (and the site in `latest.json`), so a later run can be compared
 * with a published one without its run folder.
 */
import { createHash } from "node:crypto";
import type { JsonValue, Run, RunRecord } from "../run/model.js";
import { clipField, groupDigits } from "../util/clip.js";
import { CuriError } from "../util/errors.js";
import { canonicalJson } from "./views/args.js";
import { collectMetrics, scalarOf, type MetricGoal } from "./metrics.js";

/** File of a report folder holding the run's facts (`factsJson`). Read back for latest.json. */
export const RESULTS_JSON = "results.json";

/** The facts of `run` as the text of `results.json`. */
export function factsJson(run: Run): string {
  return `${JSON.stringify(factsToJson(runFacts(run)))}\n`;
}

/** Longest args value kept in facts (canonical JSON); longer ones are cut with a marker. */
const MAX_VALUE_CHARS = 2_000;

/**
 * Most args keys kept per args set. results.json and latest.json must stay small (a site's files
 * have a 5 MiB budget, see check.ts); the keys past it are kept as one entry holding their digest,
 * so a comparison still sees that something among them changed.
 */
const MAX_ARGS_KEYS = 1_000;

/**
 * Most args sets kept, for the same budget: a 50,000-record sweep's sets made a 5.9 MiB
 * results.json and a 10 MiB latest.json. Past it the sets are cut in name order and the rest kept
 * as one entry whose hash digests their names and hashes (a comparison sees that one changed).
 */
export const MAX_ARGS_SETS = 10_000;

/** Version of the facts format inside results.json / latest.json. */
export const FACTS_VERSION = 1;

/** Comparable facts of one run. Numbers are headline values (a series' last step). */
export interface RunFacts {
  readonly reference: string;
  readonly experimentName: string;
  readonly timestamp: string;
  readonly status: string;
  /** Args sets by name: hash and each value as canonical JSON (clipped: a huge value only needs to compare). */
  readonly args: Readonly<Record<string, { readonly hash: string; readonly values: Readonly<Record<string, string>> }>>;
  /** Run-level metrics (the run's own and aggregate records'). */
  readonly runMetrics: Readonly<Record<string, number>>;
  /** Per record key (see `recordKeys`), its metrics. */
  readonly recordMetrics: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly goals: Readonly<Record<string, MetricGoal>>;
}

/**
 * A stable key per record, the same across runs of one experiment: the args name (a second record
 * with the same args name gets `#2`), or for records without args the first stage's name.
 */
export function recordKeys(records: readonly RunRecord[]): string[] {
  const counts = new Map<string, number>();
  return records.map((r) => {
    const base = r.argsName ?? (r.isAggregate ? `(aggregate) ${r.stages[0] ?? ""}` : `(no args) ${r.stages[0] ?? ""}`);
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return n === 1 ? base : `${base} #${n}`;
  });
}

/** The facts of `run`. */
export function runFacts(run: Run): RunFacts {
  const metrics = collectMetrics(run);
  const keys = recordKeys(run.records);
  const recordMetrics: Record<string, Record<string, number>> = {};
  for (const [index, entries] of metrics.perRecord) {
    if (entries.size === 0) continue;
    recordMetrics[keys[index] as string] = Object.fromEntries([...entries].map(([n, e]) => [n, scalarOf(e.value)]));
  }
  return {
    reference: run.info.reference,
    experimentName: run.info.experimentName,
    timestamp: run.info.timestamp,
    status: run.info.status,
    args: argsSets(run.args),
    runMetrics: Object.fromEntries([...metrics.runLevel].map(([n, e]) => [n, scalarOf(e.value)])),
    recordMetrics,
    goals: metrics.goals,
  };
}

/** Args sets by name, at most MAX_ARGS_SETS of them and a digest of the rest. */
function argsSets(sets: Run["args"]): RunFacts["args"] {
  if (sets.length <= MAX_ARGS_SETS) return Object.fromEntries(sets.map((a) => [a.name, { hash: a.hash, values: argsValues(a.values) }]));
  const sorted = [...sets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const kept = sorted.slice(0, MAX_ARGS_SETS).map((a) => [a.name, { hash: a.hash, values: argsValues(a.values) }] as const);
  const rest = sorted.slice(MAX_ARGS_SETS);
  const digest = createHash("sha256");
  for (const a of rest) digest.update(`${a.name}\0${a.hash}\n`);
  return Object.fromEntries([...kept, [`… ${groupDigits(rest.length)} more args sets (digest)`, { hash: digest.digest("hex"), values: {} }]]);
}

/**
 * An args set's values as canonical JSON, each clipped; past MAX_ARGS_KEYS keys, the rest become
 * one `… N more keys (digest)` entry whose value is the SHA-256 of their canonical JSON.
 */
function argsValues(values: Readonly<Record<string, JsonValue>>): Record<string, string> {
  const all = Object.entries(values);
  // Cut in key order, so two runs whose sets differ only in key order keep the same keys.
  const entries = all.length > MAX_ARGS_KEYS ? all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : all;
  const kept: [string, string][] = entries.slice(0, MAX_ARGS_KEYS).map(([k, v]) => [k, clipField(canonicalJson(v), MAX_VALUE_CHARS)]);
  const rest = entries.slice(MAX_ARGS_KEYS);
  if (rest.length > 0) {
    const digest = createHash("sha256").update(canonicalJson(Object.fromEntries(rest))).digest("hex");
    kept.push([`… ${groupDigits(rest.length)} more keys (digest)`, digest]);
  }
  return Object.fromEntries(kept);
}

/** JSON cannot hold NaN or the infinities: they are written as schema v2's `{"$float": …}`. */
function wireNumber(n: number): JsonValue {
  return Number.isFinite(n) ? n : { $float: String(n) };
}

function wireMetrics(m: Readonly<Record<string, number>>): Record<string, JsonValue> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, wireNumber(v)]));
}

/** Facts as JSON (snake_case, like run.json). */
export function factsToJson(f: RunFacts): Record<string, JsonValue> {
  return {
    facts_version: FACTS_VERSION,
    reference: f.reference,
    experiment_name: f.experimentName,
    timestamp: f.timestamp,
    status: f.status,
    args: Object.fromEntries(Object.entries(f.args).map(([k, a]) => [k, { hash: a.hash, values: a.values }])),
    run_metrics: wireMetrics(f.runMetrics),
    record_metrics: Object.fromEntries(Object.entries(f.recordMetrics).map(([k, m]) => [k, wireMetrics(m)])),
    goals: f.goals,
  };
}

/** Reads facts written by `factsToJson`; `file` names the source in errors. Throws CuriError naming the JSON pointer. */
export function factsFromJson(json: unknown, file: string): RunFacts {
  const bad = (pointer: string, what: string): never => {
    throw new CuriError(`${file}${pointer}: expected ${what}; pass a run folder or the latest.json of a site built by this curi-report version.`);
  };
  const obj = (v: unknown, pointer: string): Record<string, unknown> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : bad(pointer, "an object"));
  const str = (v: unknown, pointer: string): string => (typeof v === "string" ? v : bad(pointer, "a string"));
  const num = (v: unknown, pointer: string): number => {
    if (typeof v === "number") return v;
    const tag = typeof v === "object" && v !== null ? (v as Record<string, unknown>)["$float"] : undefined;
    if (tag === "NaN" || tag === "Infinity" || tag === "-Infinity") return Number(tag);
    return bad(pointer, "a number");
  };
  const root = obj(json, "");
  if (root.facts_version !== FACTS_VERSION) bad("/facts_version", `${FACTS_VERSION}`);
  const metricsAt = (v: unknown, p: string) => Object.fromEntries(Object.entries(obj(v, p)).map(([k, x]) => [k, num(x, `${p}/${k}`)]));
  const args = Object.fromEntries(
    Object.entries(obj(root.args, "/args")).map(([k, a]) => {
      const o = obj(a, `/args/${k}`);
      const values = Object.fromEntries(Object.entries(obj(o.values, `/args/${k}/values`)).map(([key, v]) => [key, str(v, `/args/${k}/values/${key}`)]));
      return [k, { hash: str(o.hash, `/args/${k}/hash`), values }];
    }),
  );
  const goals = Object.fromEntries(Object.entries(obj(root.goals, "/goals")).map(([k, g]) => [k, g === "min" ? "min" : g === "max" ? "max" : bad(`/goals/${k}`, '"min" or "max"')])) as Record<string, MetricGoal>;
  return {
    reference: str(root.reference, "/reference"),
    experimentName: str(root.experiment_name, "/experiment_name"),
    timestamp: str(root.timestamp, "/timestamp"),
    status: str(root.status, "/status"),
    args,
    runMetrics: metricsAt(root.run_metrics, "/run_metrics"),
    recordMetrics: Object.fromEntries(Object.entries(obj(root.record_metrics, "/record_metrics")).map(([k, m]) => [k, metricsAt(m, `/record_metrics/${k}`)])),
    goals,
  };
}
