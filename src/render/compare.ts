/**
 * Comparing runs (`curi-report compare`): run info side by side, the changed args and metrics
 * (factsDiff.ts), reportables that several runs share and whose content differs, and the
 * differences in the stage DAG: stages added, removed or changed, and artifact representations
 * that changed. Run 0 is the base every other run is compared with. Pure.
 */
import type { Reportable, Run, RunRecord } from "../run/model.js";
import { clipField } from "../util/clip.js";
import { diffFacts, type FactsDiff } from "./factsDiff.js";
import { recordKeys, runFacts } from "./runFacts.js";
import { canonicalJson } from "./views/args.js";
import { formatDuration, formatTimestamp } from "./views/format.js";

/** One line of run info: a label and its text per run. */
export interface InfoRow {
  readonly label: string;
  readonly values: readonly string[];
  readonly differs: boolean;
}

/** A reportable that two or more runs have, with different content (or an image, whose bytes were compared by digest). */
export interface ReportableDiff {
  readonly qualifiedName: string;
  readonly kind: Reportable["kind"];
  /** The reportable in each run, or null where the run lacks it. */
  readonly perRun: readonly (Reportable | null)[];
}

/** One DAG difference of a record (matched across runs by its key, see runFacts.recordKeys). */
export interface DagDiff {
  readonly record: string;
  /** Index of the run (> 0) compared with the base. */
  readonly run: number;
  readonly change: "record added" | "record removed" | "stage added" | "stage removed" | "stage changed";
  readonly stage: string | null;
  /** For a changed stage: `artifact: before → after` lines. */
  readonly details: readonly string[];
}

/** Everything a comparison shows. */
export interface Comparison {
  readonly runs: readonly Run[];
  readonly info: readonly InfoRow[];
  readonly facts: FactsDiff;
  readonly reportables: readonly ReportableDiff[];
  /** Reportables in several runs with the same content (not listed). */
  readonly sameReportables: number;
  readonly dag: readonly DagDiff[];
}

/** Options of `compareRuns`. */
export interface CompareOptions {
  /** Digest of a reportable's file (images, figures), so unchanged images are not listed; without it every shared image is listed. */
  readonly fileDigest?: (r: Reportable & { readonly file: { readonly absolute: string } }) => string;
}

/** Compares `runs` (at least two; run 0 is the base). */
export function compareRuns(runs: readonly Run[], options: CompareOptions = {}): Comparison {
  if (runs.length < 2) throw new RangeError("compareRuns needs at least two runs");
  const { diffs, same } = diffReportables(runs, options);
  return { runs, info: infoRows(runs), facts: diffFacts(runs.map(runFacts)), reportables: diffs, sameReportables: same, dag: diffDags(runs) };
}

function infoRows(runs: readonly Run[]): InfoRow[] {
  const rows: [string, (r: Run) => string][] = [
    ["Reference", (r) => r.info.reference],
    ["Experiment", (r) => r.info.experimentName],
    ["Run number", (r) => String(r.info.runNumber)],
    ["Timestamp", (r) => formatTimestamp(r.info.timestamp).text],
    ["Status", (r) => r.info.status.toUpperCase() + (r.info.error !== undefined ? ` (${r.info.error})` : "")],
    ["Git commit", (r) => `${r.info.commit}${r.info.workdirDirty ? " (uncommitted changes)" : ""}`],
    ["Hostname", (r) => r.info.hostname],
    ["Duration", (r) => formatDuration(r.info.durationS) ?? "—"],
    ["Records", (r) => String(r.records.length)],
    ["Reportables", (r) => String(r.reportables.length)],
  ];
  return rows.map(([label, f]) => {
    const values = runs.map((r) => clipField(f(r), 500));
    return { label, values, differs: values.some((v) => v !== values[0]) };
  });
}

/** What a reportable shows, as one comparable string (file reportables by digest when one is given). */
function contentKey(r: Reportable, options: CompareOptions): string | null {
  switch (r.kind) {
    case "json":
      return canonicalJson(r.value);
    case "table":
      return JSON.stringify([r.table.columns, r.table.index, r.table.rows]);
    case "lineplot":
      return JSON.stringify(r.plot);
    case "html":
      return r.html;
    case "latex":
      return r.latex;
    case "markdown":
      return r.markdown;
    case "figure":
    case "image":
      return options.fileDigest === undefined ? null : `${r.format}:${options.fileDigest(r)}`;
  }
}

function diffReportables(runs: readonly Run[], options: CompareOptions): { diffs: ReportableDiff[]; same: number } {
  const names: string[] = [];
  const byRun = runs.map((run) => {
    const m = new Map<string, Reportable>();
    for (const r of run.reportables) {
      if (m.has(r.qualifiedName)) continue; // v2 may repeat a name; the first is compared
      m.set(r.qualifiedName, r);
      if (!names.includes(r.qualifiedName) && run === runs[0]) names.push(r.qualifiedName);
    }
    return m;
  });
  for (const m of byRun.slice(1)) for (const n of m.keys()) if (!byRun[0]?.has(n) && !names.includes(n)) names.push(n);
  const diffs: ReportableDiff[] = [];
  let same = 0;
  for (const name of names) {
    const perRun = byRun.map((m) => m.get(name) ?? null);
    const present = perRun.filter((r): r is Reportable => r !== null);
    if (present.length < 2) continue;
    const keys = present.map((r) => `${r.kind}\u0000${contentKey(r, options) ?? "\u0000unknown"}`);
    const unknown = present.some((r) => contentKey(r, options) === null);
    if (!unknown && keys.every((k) => k === keys[0])) {
      same++;
      continue;
    }
    diffs.push({ qualifiedName: name, kind: present[0]?.kind ?? "json", perRun });
  }
  return { diffs, same };
}

/** One stage of a record: its output artifacts as `name = representation`. */
function stageOutputs(run: Run, record: RunRecord, stage: number): string[] {
  return (record.stageOutputs[stage] ?? []).map((i) => {
    const a = run.artifacts[i];
    return a === undefined ? "?" : `${a.name} = ${a.string}`;
  });
}

function diffDags(runs: readonly Run[]): DagDiff[] {
  const keyed = runs.map((run) => {
    const keys = recordKeys(run.records);
    return new Map(run.records.map((r, i) => [keys[i] as string, r]));
  });
  const base = keyed[0] as Map<string, RunRecord>;
  const out: DagDiff[] = [];
  keyed.slice(1).forEach((other, j) => {
    const run = j + 1;
    for (const [key, a] of base) {
      const b = other.get(key);
      if (b === undefined) out.push({ record: key, run, change: "record removed", stage: null, details: [] });
      else out.push(...diffRecordStages(runs[0] as Run, a, runs[run] as Run, b, key, run));
    }
    for (const key of other.keys()) if (!base.has(key)) out.push({ record: key, run, change: "record added", stage: null, details: [] });
  });
  return out;
}

/** Stages of one record in the base and another run: added, removed, or with changed outputs. */
function diffRecordStages(runA: Run, a: RunRecord, runB: Run, b: RunRecord, key: string, run: number): DagDiff[] {
  const out: DagDiff[] = [];
  for (const [i, stage] of a.stages.entries()) {
    const k = b.stages.indexOf(stage);
    if (k === -1) {
      out.push({ record: key, run, change: "stage removed", stage, details: [] });
      continue;
    }
    const before = stageOutputs(runA, a, i);
    const after = stageOutputs(runB, b, k);
    if (canonicalJson(before) === canonicalJson(after)) continue;
    const details = [...before.filter((x) => !after.includes(x)).map((x) => `− ${x}`), ...after.filter((x) => !before.includes(x)).map((x) => `+ ${x}`)];
    out.push({ record: key, run, change: "stage changed", stage, details: details.map((d) => clipField(d, 300)) });
  }
  for (const stage of b.stages) if (!a.stages.includes(stage)) out.push({ record: key, run, change: "stage added", stage, details: [] });
  return out;
}
