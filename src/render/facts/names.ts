/**
 * How a record is named in the project's words, the same in every page, table, graph and summary:
 * its args set, or what it aggregates (never Python's `None`).
 */
import type { Run, RunRecord } from "../../run/model.js";
import { counted } from "./recordShapes.js";

/** What a record is about: `args: wide`, `aggregate of 3 records`, or `no args`. */
export function recordSubtitle(record: RunRecord): string {
  if (record.argsName !== null) return `args: ${record.argsName}`;
  if (record.isAggregate) return `aggregate of ${counted(record.inputRecords.length, "record")}`;
  return "no args";
}

/** A record's heading: `Record 3 (wide)`, `Record 7 (aggregate of 3 records)`, `Record 0 (no args)`. */
export function recordHeading(run: Run, index: number): string {
  const record = run.records[index];
  if (record === undefined) return `Record ${index}`;
  return `Record ${index} (${record.argsName ?? (record.isAggregate ? `aggregate of ${counted(record.inputRecords.length, "record")}` : "no args")})`;
}
