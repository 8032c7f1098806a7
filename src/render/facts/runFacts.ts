/**
 * A run's comparable facts: identity, status, args sets and headline metrics (run-level, and per
 * record keyed by args name). What comparisons and `summary --base` diff, and what each report
 * folder keeps in `results.json` (and the site in `latest.json`), so a later run can be compared
 * with a published one without its run folder.
 */
import { createHash } from "node:crypto";
import type { JsonValue, Run, RunRecord } from "../../run/model.js";
import { clipField, groupDigits } from "../../util/clip.js";
import { canonicalJson } from "../../record/jsonify.js";
import { collectMetrics, scalarOf, type RunMetrics } from "./metrics.js";
import { factsToJson, type RunFacts } from "./factsWire.js";
import { recordOf } from "../../util/records.js";

export { FACTS_VERSION, FACTS_VERSIONS, factsFromJson, factsToJson, type RunFacts } from "./factsWire.js";

/** Facts as the text of a report's `results.json` (REPORT_PATHS.results), read back for latest.json. */
export function factsJson(facts: RunFacts): string {
  return `${JSON.stringify(factsToJson(facts))}\n`;
}

/**
 * Longest name (args set, args key, metric, record key) kept in facts; longer ones are clipped with
 * a marker, so results.json always fits its reader's bound (a 5,000,000-character args key made an
 * 18 MB results.json that latest.json and comparisons then refused).
 */
const MAX_NAME_CHARS = 1_000;
const clipName = (name: string): string => clipField(name, MAX_NAME_CHARS);

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

/**
 * A stable key per record, the same across runs of one experiment: the args name (a second record
 * with the same args name gets `#2`), or for records without args the first stage's name.
 */
export function recordKeys(records: readonly RunRecord[]): string[] {
  const counts = new Map<string, number>();
  return records.map((r) => {
    const base = clipName(
      r.argsName ?? (r.isAggregate ? `(aggregate) ${r.stages[0] ?? ""}` : `(no args) ${r.stages[0] ?? ""}`),
    );
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return n === 1 ? base : `${base} #${n}`;
  });
}

/** The facts of `run` (`metrics`: the run's metrics, when the caller has them already). */
export function runFacts(run: Run, metrics: RunMetrics = collectMetrics(run)): RunFacts {
  const keys = recordKeys(run.records);
  // Keyed by args names and metric names from input: no prototype, so `__proto__` stays a key (23.9).
  const recordMetrics = recordOf<Record<string, number>>(
    [...metrics.perRecord]
      .filter(([, entries]) => entries.size > 0)
      .map(([index, entries]) => [
        keys[index] as string,
        recordOf([...entries].map(([n, e]) => [clipName(n), scalarOf(e.value)])),
      ]),
  );
  return {
    reference: run.info.reference,
    experimentName: run.info.experimentName,
    timestamp: run.info.timestamp,
    status: run.info.status,
    args: argsSets(run.args),
    runMetrics: recordOf([...metrics.runLevel].map(([n, e]) => [clipName(n), scalarOf(e.value)])),
    recordMetrics,
    judgements: new Map([...metrics.judgements].map(([n, j]) => [clipName(n), j])),
    primary: metrics.primary === null ? null : clipName(metrics.primary),
  };
}

/** Args sets by name, at most MAX_ARGS_SETS of them and a digest of the rest. */
function argsSets(sets: Run["args"]): RunFacts["args"] {
  if (sets.length <= MAX_ARGS_SETS)
    return recordOf(sets.map((a) => [clipName(a.name), { hash: a.hash, values: argsValues(a.values) }]));
  const sorted = [...sets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const kept = sorted
    .slice(0, MAX_ARGS_SETS)
    .map((a) => [clipName(a.name), { hash: a.hash, values: argsValues(a.values) }] as const);
  const rest = sorted.slice(MAX_ARGS_SETS);
  const digest = createHash("sha256");
  for (const a of rest) digest.update(`${a.name}\0${a.hash}\n`);
  return recordOf([
    ...kept,
    [`… ${groupDigits(rest.length)} more args sets (digest)`, { hash: digest.digest("hex"), values: {} }],
  ]);
}

/**
 * An args set's values as canonical JSON, each clipped; past MAX_ARGS_KEYS keys, the rest become
 * one `… N more keys (digest)` entry whose value is the SHA-256 of their canonical JSON.
 */
function argsValues(values: Readonly<Record<string, JsonValue>>): Record<string, string> {
  const all = Object.entries(values);
  // Cut in key order, so two runs whose sets differ only in key order keep the same keys.
  const entries = all.length > MAX_ARGS_KEYS ? all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : all;
  const kept: [string, string][] = entries
    .slice(0, MAX_ARGS_KEYS)
    .map(([k, v]) => [clipName(k), clipField(canonicalJson(v), MAX_VALUE_CHARS)]);
  const rest = entries.slice(MAX_ARGS_KEYS);
  if (rest.length > 0) {
    const digest = createHash("sha256")
      .update(canonicalJson(Object.fromEntries(rest)))
      .digest("hex");
    kept.push([`… ${groupDigits(rest.length)} more keys (digest)`, digest]);
  }
  return recordOf(kept);
}
