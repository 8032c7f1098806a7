/**
 * The `run_info.json` format (schema/run-info.schema.json): written into each report folder with
 * curifactory's snake_case fields in curifactory's order (plus ours at the end, then the version),
 * and read back when the site builds the index from the report folders. `readRunInfoText` refuses
 * a file over its bound, of another version or failing the schema; `indexEntryFromRunInfo`
 * converts, and on its own (tests, a file already checked) keeps what is sound and lists the rest.
 */
import { REPORT_PATHS } from "../router/reportPaths.js";
import type { Run } from "../../run/model.js";
import type { RunContext } from "../context.js";
import { clipField } from "../../util/clip.js";
import { knownGoal, scalarOf, type MetricGoal } from "../facts/metrics.js";
import { canonicalJson } from "../../record/jsonify.js";
import { failedRecords } from "../facts/failures.js";
import { readFormatText, recordOf, type FormatSpec } from "./format.js";
import { runInfo as validateRunInfoFile } from "./formatValidators.generated.js";
import { indexEntryFromRunInfo, type IndexEntry } from "./runInfoEntry.js";

export { indexEntryFromRunInfo, type IndexEntry } from "./runInfoEntry.js";

/** Version of the run_info.json format; files written before it had one are read as version 1. */
export const RUN_INFO_VERSION = 1;

/**
 * Largest run_info.json read back. The writer bounds every field, name and list so that what it
 * publishes always fits (a run with megabytes of names would otherwise drop out of the index).
 */
export const MAX_RUN_INFO_BYTES = 4 * 1024 * 1024;

/** Longest name (metric, args key, parameter file) kept in run_info.json; longer ones are clipped with a marker. */
export const MAX_NAME_CHARS = 1_000;

/** Most run-level metrics kept in run_info.json, in the run's order. */
const MAX_METRICS = 1_000;

/** The run_info.json format, for `readFormatText`. */
export const RUN_INFO_FORMAT: FormatSpec = {
  name: REPORT_PATHS.runInfo,
  schema: "run-info.schema.json",
  versionField: "run_info_version",
  versions: [RUN_INFO_VERSION],
  unversioned: 1,
  maxBytes: MAX_RUN_INFO_BYTES,
  remedy: "rebuild this report with this curi-report (curi-report <run> --out <site>)",
  validate: validateRunInfoFile,
};

/** The index entry of report folder `folder` from its run_info.json's text; throws when the file is refused (see format.ts). */
export function readRunInfoText(text: string, file: string, folder: string): IndexEntry {
  return indexEntryFromRunInfo(readFormatText(RUN_INFO_FORMAT, text, file), folder);
}

const clipName = (name: string): string => clipField(name, MAX_NAME_CHARS);

/**
 * Longest notes kept in run_info.json. The index refuses a run_info.json over MAX_RUN_INFO_BYTES,
 * so a run with megabytes of notes would drop out of the index; the report page has the notes
 * (shortened there too).
 */
const MAX_NOTES_CHARS = 100_000;

/**
 * Serializes a run's info as `run_info.json`: curifactory's fields and order (`reproduce` only
 * with a full store, `error` only on error), then ours (`duration_s` when known,
 * `reportable_count`, `record_count`, …), then `run_info_version`. Every name and text is clipped
 * (a 2.6 MB metric name made a 10 MB file the index refused). 4-space indent like curifactory;
 * ends with a newline. schema/run-info.schema.json says what it holds; a test validates it.
 */
export function runInfoJson(ctx: RunContext): string {
  const run = ctx.run;
  const i = run.info;
  const doc: Record<string, unknown> = {
    reference: i.reference,
    experiment_name: clipField(i.experimentName),
    run_number: i.runNumber,
    timestamp: i.timestamp,
    commit: i.commit,
    workdir_dirty: i.workdirDirty,
    param_files: i.paramFiles === null ? null : i.paramFiles.slice(0, MAX_METRICS).map(clipName),
    params: recordOf(
      Object.entries(i.params)
        .slice(0, MAX_METRICS)
        .map(([file, pairs]) => [clipName(file), pairs.map(([n, h]) => [clipName(n), clipName(h)])] as const),
    ),
    full_store: i.fullStore,
    status: i.status,
    cli: clipField(i.cli),
    hostname: clipField(i.hostname),
    notes: i.notes === null ? null : clipField(i.notes, MAX_NOTES_CHARS),
  };
  if (i.reproduce !== undefined) doc.reproduce = clipField(i.reproduce);
  if (i.error !== undefined) doc.error = clipField(i.error);
  if (i.durationS !== undefined) doc.duration_s = i.durationS;
  doc.reportable_count = run.reportables.length;
  doc.record_count = run.records.length;
  const metrics = ctx.metrics;
  const kept = [...metrics.runLevel].slice(0, MAX_METRICS);
  doc.metrics = recordOf(kept.map(([n, e]) => [clipName(n), jsonNumber(scalarOf(e.value))]));
  // Only known goals (declared or guessed): a metric left out has no better or worse in the trends.
  doc.metric_goals = recordOf(
    kept.flatMap(([n]): [string, MetricGoal][] => {
      const goal = knownGoal(metrics, n);
      return goal === null ? [] : [[clipName(n), goal]];
    }),
  );
  doc.args_summary = argsSummary(run);
  doc.failed_record_count = failedRecords(run).length;
  doc.run_info_version = RUN_INFO_VERSION;
  return `${JSON.stringify(doc, null, 4)}\n`;
}

/** Most distinct values kept per args key in `args_summary`, and the longest value text. */
const MAX_SUMMARY_VALUES = 8;
const MAX_SUMMARY_CHARS = 200;
/**
 * Most args keys kept in `args_summary`: run_info.json must stay under the index's 4 MiB limit
 * (buildIndex's MAX_RUN_INFO_BYTES), else a run with huge args sets drops out of the index.
 */
const MAX_SUMMARY_KEYS = 1_000;

/**
 * Per args key (but `name` and the keys left out of the hash, which do not make runs differ), the
 * distinct values the run's args sets use, in first-seen order, string forms (`reprs`) as such.
 */
function argsSummary(run: Run): Record<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of run.args) {
    for (const [key, value] of Object.entries(a.values)) {
      if (key === "name" || a.ignored.includes(key)) continue;
      if (!out.has(clipName(key)) && out.size >= MAX_SUMMARY_KEYS) continue;
      const list = out.get(clipName(key)) ?? [];
      const text = clipField(
        (Object.hasOwn(a.reprs, key) ? a.reprs[key] : undefined) ?? canonicalJson(value),
        MAX_SUMMARY_CHARS,
      );
      if (list.length < MAX_SUMMARY_VALUES && !list.includes(text)) list.push(text);
      out.set(clipName(key), list);
    }
  }
  return recordOf(out);
}

/** A number as JSON: NaN and the infinities as schema v2's `{"$float": …}`. */
function jsonNumber(n: number): unknown {
  return Number.isFinite(n) ? n : { $float: String(n) };
}
