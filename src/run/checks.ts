/**
 * Checks of a run document that JSON Schema cannot express: cross-references between records,
 * artifacts and reportables, parallel lists of equal length, unique qualified names.
 *
 * They run beside the schema (not after it) so that one pass reports every problem; each check
 * therefore looks only at values of the right shape and leaves wrong shapes to the schema.
 */
import type { Diagnostic } from "../util/errors.js";

/** Kinds whose bytes live in a file of the run folder. Keep in sync with `WireReportableDataByKind`. */
export const FILE_KINDS: ReadonlySet<string> = new Set(["figure", "image"]);
const KNOWN_KINDS: ReadonlySet<string> = new Set([
  "html",
  "json",
  "table",
  "lineplot",
  "figure",
  "image",
  "latex",
  "markdown",
]);

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Escapes one JSON pointer token (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function escapePointer(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Receives one problem found by a check. */
export type Report = (pointer: string, message: string) => void;

/** Every cross-reference problem of `doc`, located by JSON pointer. */
export function checkRunSemantics(doc: Record<string, unknown>, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (pointer, message) => out.push({ file, pointer, message });
  const records = Array.isArray(doc["records"]) ? doc["records"] : undefined;
  const artifacts = Array.isArray(doc["artifacts"]) ? doc["artifacts"] : undefined;
  const counts = { records: records?.length, artifacts: artifacts?.length };
  checkReference(doc["run_info"], report);
  records?.forEach((record, i) => {
    if (isObject(record)) checkRecord(record, i, counts, report);
  });
  artifacts?.forEach((artifact, j) => {
    if (isObject(artifact)) checkIndex(artifact["record"], counts.records, "record", `/artifacts/${j}/record`, report);
  });
  // Version 1 promised unique qualified names; curifactory does not, so version 2 lets them repeat.
  const uniqueNames = doc["schema_version"] === 1;
  if (Array.isArray(doc["reportables"])) checkReportables(doc["reportables"], counts.records, uniqueNames, report);
  return out;
}

/** Lengths of the lists indices point into; undefined when the list is not an array (the schema says so). */
export interface Counts {
  readonly records: number | undefined;
  readonly artifacts: number | undefined;
}

/** Problems of a `run_info` block that the schema cannot express (its reference must name a folder). */
export function checkRunInfoSemantics(info: unknown, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkReference(info, (pointer, message) => out.push({ file, pointer, message }));
  return out;
}

/** Checks that the run's reference can name a folder. */
export function checkReference(info: unknown, report: Report): void {
  if (!isObject(info)) return;
  const reference = info["reference"];
  if (typeof reference !== "string" || reference === "") return;
  if (/[/\\\0]/.test(reference) || reference === "." || reference === "..") {
    report(
      "/run_info/reference",
      `${JSON.stringify(reference)} cannot name a folder; the reference names the run folder and its report, so it may not contain / or \\ or be . or ..`,
    );
  }
}

function checkRecord(record: Record<string, unknown>, i: number, counts: Counts, report: Report): void {
  checkRecordShape(record, i, report);
  checkRecordRefs(
    {
      inputRecords: record["input_records"],
      stageInputs: record["stage_inputs"],
      stageOutputs: record["stage_outputs"],
      stateArtifactReps: record["state_artifact_reps"],
    },
    i,
    counts,
    report,
  );
}

/** What a record refers to by index, in wire or model form alike (a streamed read checks the model). */
export interface RecordRefs {
  readonly inputRecords: unknown;
  readonly stageInputs: unknown;
  readonly stageOutputs: unknown;
  readonly stateArtifactReps: unknown;
}

/** Checks of record `i` that need no other part of the document: its index and parallel list lengths. */
export function checkRecordShape(record: Record<string, unknown>, i: number, report: Report): void {
  const at = `/records/${i}`;
  const index = record["index"];
  if (isInteger(index) && index !== i)
    report(
      `${at}/index`,
      `index is ${index} but the record is at position ${i}; a record's index must equal its position in records`,
    );
  const stages = record["stages"];
  if (!Array.isArray(stages)) return;
  for (const list of ["stage_inputs", "stage_outputs", "stage_info"]) {
    const value = record[list];
    if (Array.isArray(value) && value.length !== stages.length) {
      report(
        `${at}/${list}`,
        `has ${count(value.length, "entry", "entries")} but stages has ${stages.length}; ${list} needs one entry per stage`,
      );
    }
  }
}

/** Checks that every record and artifact index record `i` names exists. */
export function checkRecordRefs(refs: RecordRefs, i: number, counts: Counts, report: Report): void {
  const at = `/records/${i}`;
  eachInteger(refs.inputRecords, `${at}/input_records`, (v, p) => checkIndex(v, counts.records, "record", p, report));
  for (const [list, value] of [
    ["stage_inputs", refs.stageInputs],
    ["stage_outputs", refs.stageOutputs],
  ] as const) {
    if (!Array.isArray(value)) continue;
    (value as unknown[]).forEach((indices, s) =>
      eachInteger(indices, `${at}/${list}/${s}`, (v, p) => checkIndex(v, counts.artifacts, "artifact", p, report)),
    );
  }
  const reps = refs.stateArtifactReps;
  if (isObject(reps)) {
    for (const [name, v] of Object.entries(reps))
      checkIndex(v, counts.artifacts, "artifact", `${at}/state_artifact_reps/${escapePointer(name)}`, report);
  }
}

/** Reports an index at or past the end of a list; negative values are the schema's to judge. */
export function checkIndex(
  value: unknown,
  size: number | undefined,
  noun: string,
  pointer: string,
  report: Report,
): void {
  if (size === undefined || !isInteger(value) || value < size) return;
  const range = size === 0 ? "there are none" : `valid indices are 0 to ${size - 1}`;
  report(pointer, `${noun} index ${value} is out of range: the run has ${count(size, noun)} (${range})`);
}

function checkReportables(
  reportables: readonly unknown[],
  records: number | undefined,
  uniqueNames: boolean,
  report: Report,
): void {
  const firstUse = new Map<string, number>();
  reportables.forEach((reportable, k) => {
    if (!isObject(reportable)) return;
    const at = `/reportables/${k}`;
    checkIndex(reportable["record"], records, "record", `${at}/record`, report);
    const name = reportable["qualified_name"];
    if (uniqueNames && typeof name === "string") {
      const first = firstUse.get(name);
      if (first === undefined) firstUse.set(name, k);
      else report(`${at}/qualified_name`, repeatedNameMessage(name, first));
    }
    checkReportableShape(reportable, k, report);
  });
}

/** The problem of a qualified name used again at a later reportable of a version 1 run. */
export function repeatedNameMessage(name: string, first: number): string {
  return `${JSON.stringify(name)} is already the qualified name of /reportables/${first}; qualified names must be unique within a schema_version 1 run (version 2 allows repeats)`;
}

/** Checks of reportable `k` that need no other part of the document: its file and its data's parallel lists. */
export function checkReportableShape(reportable: Record<string, unknown>, k: number, report: Report): void {
  const at = `/reportables/${k}`;
  checkFile(reportable, at, report);
  const data = reportable["data"];
  if (!isObject(data)) return;
  if (reportable["kind"] === "table") checkTable(data, `${at}/data`, report);
  if (reportable["kind"] === "lineplot") checkLinePlot(data, `${at}/data`, report);
}

function checkFile(reportable: Record<string, unknown>, at: string, report: Report): void {
  const kind = reportable["kind"];
  const file = reportable["file"];
  if (typeof kind !== "string" || !KNOWN_KINDS.has(kind)) return;
  if (FILE_KINDS.has(kind) && file === null) {
    report(
      `${at}/file`,
      `a ${kind} reportable needs a file: the path of its bytes inside the run folder, like reportables/plot.svg`,
    );
  } else if (!FILE_KINDS.has(kind) && typeof file === "string") {
    report(
      `${at}/file`,
      `only figure and image reportables have a file; a ${kind} reportable keeps its content in data, so set file to null`,
    );
  }
}

function checkTable(data: Record<string, unknown>, at: string, report: Report): void {
  const columns = data["columns"];
  if (!Array.isArray(columns)) return;
  const types = data["column_types"];
  if (Array.isArray(types) && types.length !== columns.length) {
    report(
      `${at}/column_types`,
      `has ${count(types.length, "type")} but columns has ${columns.length}; give one type per column`,
    );
  }
  const rows = data["rows"];
  if (!Array.isArray(rows)) return;
  rows.forEach((row, r) => {
    if (Array.isArray(row) && row.length !== columns.length)
      report(
        `${at}/rows/${r}`,
        `has ${count(row.length, "cell")} but columns has ${columns.length}; give one cell per column`,
      );
  });
  const index = data["index"];
  if (Array.isArray(index) && index.length !== rows.length)
    report(`${at}/index`, `has ${count(index.length, "label")} but rows has ${rows.length}; give one label per row`);
}

function checkLinePlot(data: Record<string, unknown>, at: string, report: Report): void {
  const series = data["series"];
  if (!Array.isArray(series)) return;
  series.forEach((line, s) => {
    if (!isObject(line) || !Array.isArray(line["x"]) || !Array.isArray(line["y"])) return;
    if (line["x"].length !== line["y"].length) {
      report(
        `${at}/series/${s}/x`,
        `has ${count(line["x"].length, "value")} but y has ${line["y"].length}; x and y must be parallel`,
      );
    }
  });
}

function eachInteger(list: unknown, at: string, visit: (value: number, pointer: string) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((value, k) => {
    if (isInteger(value)) visit(value, `${at}/${k}`);
  });
}

function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
