/**
 * The `history.json` format (schema/history.schema.json), at a site's root: every run the site ever
 * published, with the facts its trends need (reference, experiment, date, status, commit, branch,
 * run-level metrics, best records, args), kept when the run's report folder is pruned or was
 * published by an earlier CI run whose site was replaced. Each build reads the previous history
 * back (from the site, or `--history-from`), merges it (render/history/merge.ts) and writes it anew.
 *
 * Bounded: names and values are clipped, each entry keeps at most 30 metrics, 3 best records and
 * 20 args keys, the history at most 10,000 runs and 64 MiB (the oldest runs dropped first), so what
 * the writer publishes always passes the reader.
 */
import { RUN_STATUSES, type RunStatus } from "../../run/model.js";
import { numFromWire, numToWire } from "../../run/numbers.js";
import type { WireNum } from "../../run/wire.js";
import { InvalidFormatError } from "../../util/errors.js";
import { recordOf } from "../../util/records.js";
import type { MetricGoal } from "../facts/metrics.js";
import { reportPagePath, SITE_PATHS } from "../router/sitePaths.js";
import { readFormatText, type FormatSpec } from "./format.js";
import { history as validateHistory } from "./formatValidators.generated.js";

/** Version of the history.json format. */
export const HISTORY_VERSION = 1;

/** Largest history.json read, and written: the writer drops the oldest runs past it. */
export const MAX_HISTORY_BYTES = 64 * 1024 * 1024;

/** Most runs a history keeps (schema/history.schema.json says the same: `maxItems`). */
export const MAX_HISTORY_RUNS = 10_000;

/** One of a run's best records: its key (args name), the metric it is best by, and its value. */
export interface BestRecord {
  readonly name: string;
  readonly metric: string;
  readonly value: number;
}

/** One run of a history. Field names are the file's own, as `IndexEntry`'s are run_info.json's. */
export interface HistoryEntry {
  readonly reference: string;
  /** Its report folder's name in the site. */
  readonly folder: string;
  /** Its report page relative to the site root, or null when the site no longer holds the report. */
  readonly report: string | null;
  readonly experiment_name: string;
  readonly run_number: number | null;
  /** `YYYY-MM-DD-THHMMSS`, or `""` when unknown. */
  readonly timestamp: string;
  readonly status: RunStatus | "unknown";
  readonly commit: string;
  readonly workdir_dirty: boolean;
  /** The branch it was published from, or null when unknown. */
  readonly branch: string | null;
  readonly metrics: Readonly<Record<string, number>>;
  readonly metric_goals: Readonly<Record<string, MetricGoal>>;
  readonly best_records: readonly BestRecord[];
  readonly args_summary: Readonly<Record<string, readonly string[]>>;
  /** SHA-256 of its args sets' names and hashes, or null when it had none. */
  readonly args_digest: string | null;
  readonly failed_record_count: number | null;
}

/** A whole history: the default branch (shown first on the index) and the runs, oldest first. */
export interface History {
  readonly defaultBranch: string | null;
  readonly runs: readonly HistoryEntry[];
}

/** The history.json format, for `readFormatText`. */
export const HISTORY_FORMAT: FormatSpec = {
  name: SITE_PATHS.history,
  schema: "history.schema.json",
  versionField: "history_version",
  versions: [HISTORY_VERSION],
  maxBytes: MAX_HISTORY_BYTES,
  remedy: "delete it to start a new history, or rebuild the site with the curi-report that wrote it",
  validate: validateHistory,
};

/** The history in `text` (the contents of `file`); throws when the file is refused (see format.ts). */
export function readHistoryText(text: string, file: string): History {
  const doc = readFormatText(HISTORY_FORMAT, text, file);
  const runs = (doc["runs"] as WireEntry[]).map((w, i) => entryFromWire(w, `${file}#/runs/${i}`));
  const seen = new Set<string>();
  for (const [i, r] of runs.entries()) {
    if (seen.has(r.reference))
      throw refused(`${file}#/runs/${i}/reference: run ${JSON.stringify(r.reference)} is listed twice`);
    seen.add(r.reference);
  }
  return { defaultBranch: doc["default_branch"] as string | null, runs };
}

/** A history.json that fits its schema but not its meaning (a report that is not its folder's, a run listed twice). */
function refused(problem: string): InvalidFormatError {
  return new InvalidFormatError(`${problem}; ${HISTORY_FORMAT.remedy}.`);
}

/** An entry as the file holds it (checked by the schema). */
type WireEntry = Omit<HistoryEntry, "metrics" | "best_records"> & {
  readonly metrics: Readonly<Record<string, WireNum>>;
  readonly best_records: readonly { readonly name: string; readonly metric: string; readonly value: WireNum }[];
};

/** Converts one checked entry; its report link must be its own folder's page, or null. */
function entryFromWire(w: WireEntry, where: string): HistoryEntry {
  if (w.report !== null && w.report !== reportPagePath(w.folder))
    throw refused(`${where}/report: expected null or ${JSON.stringify(reportPagePath(w.folder))}`);
  return {
    reference: w.reference,
    folder: w.folder,
    report: w.report,
    experiment_name: w.experiment_name,
    run_number: w.run_number,
    timestamp: w.timestamp,
    status: RUN_STATUSES.find((s) => s === w.status) ?? "unknown",
    commit: w.commit,
    workdir_dirty: w.workdir_dirty,
    branch: w.branch,
    metrics: recordOf(Object.entries(w.metrics).map(([k, v]) => [k, numFromWire(v)])),
    metric_goals: recordOf(Object.entries(w.metric_goals)),
    best_records: w.best_records.map((b) => ({ name: b.name, metric: b.metric, value: numFromWire(b.value) })),
    args_summary: recordOf(Object.entries(w.args_summary).map(([k, v]) => [k, [...v]])),
    args_digest: w.args_digest,
    failed_record_count: w.failed_record_count,
  };
}

/** One entry as JSON, in the schema's field order. */
function entryToWire(e: HistoryEntry): WireEntry {
  return {
    reference: e.reference,
    folder: e.folder,
    report: e.report,
    experiment_name: e.experiment_name,
    run_number: e.run_number,
    timestamp: e.timestamp,
    status: e.status,
    commit: e.commit,
    workdir_dirty: e.workdir_dirty,
    branch: e.branch,
    metrics: recordOf(Object.entries(e.metrics).map(([k, v]) => [k, numToWire(v)])),
    metric_goals: e.metric_goals,
    best_records: e.best_records.map((b) => ({ name: b.name, metric: b.metric, value: numToWire(b.value) })),
    args_summary: e.args_summary,
    args_digest: e.args_digest,
    failed_record_count: e.failed_record_count,
  };
}

/**
 * The text of `history.json`: one run a line (a diff of the published branch shows the runs added
 * or changed), oldest first. Past MAX_HISTORY_BYTES the oldest runs are dropped; `dropped` says how
 * many, for the caller's warning.
 */
export function historyJsonText(history: History): { text: string; dropped: number } {
  const lines = history.runs.slice(-MAX_HISTORY_RUNS).map((e) => JSON.stringify(entryToWire(e)));
  const head = `{"history_version":${HISTORY_VERSION},"default_branch":${JSON.stringify(history.defaultBranch)},"runs":[`;
  let bytes = Buffer.byteLength(head) + 5;
  let first = lines.length;
  // Newest first until the bound: what is kept is the most recent history.
  while (first > 0 && bytes + Buffer.byteLength(lines[first - 1] as string) + 2 <= MAX_HISTORY_BYTES)
    bytes += Buffer.byteLength(lines[--first] as string) + 2;
  const kept = lines.slice(first);
  const text = `${head}${kept.length === 0 ? "" : `\n${kept.join(",\n")}\n`}]}\n`;
  return { text, dropped: history.runs.length - kept.length };
}
