/**
 * Which stages raised: a stage whose `stage_info` carries an error (run format version 2). Every
 * graph and table asks here, so a failure is marked the same way everywhere.
 */
import type { Run, RunRecord } from "../../run/model.js";

/** The error text of the stage at `position` of `record` (`<ExceptionClass> - <message>`), or null. */
export function stageError(record: RunRecord, position: number): string | null {
  return record.stageInfo?.[position]?.error ?? null;
}

/** The traceback of the stage at `position`, or null. */
export function stageTraceback(record: RunRecord, position: number): string | null {
  return record.stageInfo?.[position]?.traceback ?? null;
}

/** True when a stage of `record` raised. */
export function recordFailed(record: RunRecord): boolean {
  return record.stages.some((_, p) => stageError(record, p) !== null);
}

/** Indexes of the records with a stage that raised, in run order. */
export function failedRecords(run: Run): number[] {
  return run.records.filter(recordFailed).map((r) => r.index);
}

/** Names of the stages of `record` that raised, in order. */
export function failedStages(record: RunRecord): string[] {
  return record.stages.filter((_, p) => stageError(record, p) !== null);
}

/**
 * One line naming the failed records of `run` for a table of run facts: `none`, or
 * `2: m3 (failed in train), m7 (failed in train)`, the first `max` named and the rest counted.
 */
export function failedRecordsLine(run: Run, max = 5): string {
  const failed = run.records.filter(recordFailed);
  if (failed.length === 0) return "none";
  const named = failed.slice(0, max).map((r) => `${r.argsName ?? r.name} (failed in ${failedStages(r).join(", ")})`);
  const more = failed.length > max ? `, and ${(failed.length - max).toLocaleString("en-US")} more` : "";
  return `${failed.length.toLocaleString("en-US")}: ${named.join(", ")}${more}`;
}
