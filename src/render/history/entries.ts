/**
 * A history entry (formats/history.ts) made from what a site knows of one of its reports: the
 * report folder's index entry (its run_info.json) and, when at hand, its facts (results.json) for
 * the best records. Every name and value is bounded here, so a history always fits its format.
 */
import { createHash } from "node:crypto";
import { clipField, ellipsize } from "../../util/clip.js";
import { recordOf } from "../../util/records.js";
import type { RunFacts } from "../facts/factsWire.js";
import { isBetter, knownGoal } from "../facts/metrics.js";
import { wellKnownGoal } from "../facts/metricGoals.js";
import type { BestRecord, HistoryEntry } from "../formats/history.js";
import type { IndexEntry } from "../formats/runInfo.js";
import { reportPagePath } from "../router/sitePaths.js";

/** Longest name (metric, args key, record, experiment, branch) kept in a history entry. */
const NAME_CHARS = 200;
/** Longest args value (canonical JSON) kept. */
const VALUE_CHARS = 80;
/** Most run-level metrics, args keys, values per key and best records kept per run. */
export const HISTORY_BOUNDS = { metrics: 30, argsKeys: 20, argsValues: 4, bestRecords: 3 } as const;

const name = (text: string): string => clipField(text, NAME_CHARS);

/** What a history entry is made of, besides the report's index entry. */
export interface EntrySources {
  /** The run's facts (its results.json), or null when not read: the best records then come from `previous`. */
  readonly facts: RunFacts | null;
  /** The branch the run was published from, or null. */
  readonly branch: string | null;
  /** The entry the previous history had for this run, if any. */
  readonly previous?: HistoryEntry;
}

/** The history entry of the report `e` in the site now (its report link set). */
export function historyEntryOf(e: IndexEntry, sources: EntrySources): HistoryEntry {
  const metrics = Object.entries(e.metrics).slice(0, HISTORY_BOUNDS.metrics);
  return {
    reference: name(e.reference),
    folder: e.folder,
    report: reportPagePath(e.folder),
    experiment_name: name(e.experiment_name),
    run_number: e.run_number,
    timestamp: ellipsize(e.timestamp, 40),
    status: e.status,
    commit: ellipsize(e.commit, 80),
    workdir_dirty: e.workdir_dirty,
    branch: sources.branch === null ? null : name(sources.branch),
    metrics: recordOf(metrics.map(([n, v]) => [name(n), v])),
    // Only known goals (recorded, else guessed from a well-known name): an unknown one has none (issue 21.1).
    metric_goals: recordOf(
      metrics.flatMap(([n]) => {
        const goal = (Object.hasOwn(e.metric_goals, n) ? e.metric_goals[n] : undefined) ?? wellKnownGoal(n);
        return goal === null ? [] : [[name(n), goal] as const];
      }),
    ),
    best_records: sources.facts === null ? (sources.previous?.best_records ?? []) : bestRecords(sources.facts),
    args_summary: recordOf(
      Object.entries(e.args_summary)
        .slice(0, HISTORY_BOUNDS.argsKeys)
        .map(([k, values]) => [
          name(k),
          values.slice(0, HISTORY_BOUNDS.argsValues).map((v) => clipField(v, VALUE_CHARS)),
        ]),
    ),
    args_digest: argsDigest(e.params),
    failed_record_count: e.failed_record_count,
  };
}

/**
 * The best records by the run's primary metric (the one that ranks the results table), best
 * first; records without a finite value of it are left out. None when the primary metric's goal
 * is unknown: a guess could name the worst records the best (issue 21.1).
 */
export function bestRecords(facts: RunFacts): BestRecord[] {
  const records = Object.entries(facts.recordMetrics);
  const metric = facts.primary;
  const goal = metric === null ? null : knownGoal(facts, metric);
  if (metric === null || goal === null) return [];
  return records
    .flatMap(([key, m]) => {
      const value = Object.hasOwn(m, metric) ? (m[metric] as number) : Number.NaN;
      return Number.isFinite(value) ? [{ name: name(key), metric: name(metric), value }] : [];
    })
    .sort((a, b) => (isBetter(a.value, b.value, goal) ? -1 : isBetter(b.value, a.value, goal) ? 1 : 0))
    .slice(0, HISTORY_BOUNDS.bestRecords);
}

/** SHA-256 of the args sets (each param file's name and hash pairs, sorted), or null when the run had none. */
function argsDigest(params: IndexEntry["params"]): string | null {
  const lines = Object.values(params)
    .flatMap((pairs) => pairs.map(([n, h]) => `${n}\u0000${h}`))
    .sort();
  return lines.length === 0 ? null : createHash("sha256").update(lines.join("\n")).digest("hex");
}
