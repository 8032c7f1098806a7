/**
 * The comparison core: what differs between runs, computed from each run's compact comparison
 * data (compareData.ts builds it from a run; a site keeps it per report as `compare-data.js`).
 * One implementation for both sides: `curi-report compare` runs it in Node on data built from the
 * run folders, and the site's `compare.html` runs the same module in the browser (bundled by
 * scripts/bundle-browser.mjs) on the data files of any two published reports. So it imports
 * nothing that needs Node. Run 0 is the base every other run is compared with.
 */
import { factsFromJson, type RunFacts } from "../facts/factsWire.js";
import { diffFacts, type FactsDiff } from "./factsDiff.js";
import { comparisonNotes } from "./headlineText.js";

/** A line plot's series, bounded, for drawing the runs' plots on one set of axes (NaN and infinities as null). */
export interface CompactPlot {
  readonly title: string | null;
  readonly xLabel: string | null;
  readonly yLabel: string | null;
  readonly series: readonly {
    readonly name: string | null;
    readonly x: readonly number[] | null;
    readonly y: readonly (number | null)[];
  }[];
}

/** A table's first rows as display text, enough to show and diff cell by cell. */
export interface CompactTable {
  readonly columns: readonly string[];
  /** Row labels, or null when the table has no index (rows are then matched by position). */
  readonly index: readonly string[] | null;
  readonly rows: readonly (readonly string[])[];
  /** Rows of the whole table (more than `rows.length` when cut). */
  readonly totalRows: number;
}

/** One reportable as the comparison sees it. */
export interface CompareReportable {
  readonly name: string;
  readonly kind: "html" | "json" | "table" | "lineplot" | "figure" | "image" | "latex" | "markdown";
  /** Position in the run's reportables (report order). */
  readonly index: number;
  /** Digest of its content (files by their bytes); null when unknown, so it always counts as changed. */
  readonly digest: string | null;
  /** Link to it from the report folder, e.g. `index.html#r-plot`. */
  readonly href: string;
  /** Image file from the report folder (figures and images), else null. */
  readonly image: string | null;
  /** Bounded text for a line diff (JSON pretty-printed, Markdown, LaTeX), or null. */
  readonly text: string | null;
  /** A table's first rows for a cell diff, or null. */
  readonly table: CompactTable | null;
  /** A line plot's series for an overlay, or null (absent in data before version 3). */
  readonly plot?: CompactPlot | null;
}

/** One record's stages: name and output artifacts as `name = representation` (or one digest of them when the data was bounded). */
export interface CompareRecord {
  readonly key: string;
  readonly stages: readonly (readonly [string, readonly string[] | string])[];
}

/** What a comparison needs of one run (the `compare-data.js` payload). */
export interface RunCompareData {
  readonly version: number;
  /** The run's report folder in a site. */
  readonly folder: string;
  readonly reference: string;
  /** Run info lines (label, text), in display order. */
  readonly info: readonly (readonly [string, string])[];
  /** The run's facts as `factsToJson` writes them. */
  readonly facts: unknown;
  readonly records: readonly CompareRecord[];
  readonly reportables: readonly CompareReportable[];
  /** What was left out to bound the data, for the reader (empty when nothing was). */
  readonly cut: readonly string[];
  /** True when only the first records (with their args sets and metrics) were kept (version 1 data; never written now). */
  readonly partial: boolean;
  /** How many chunk files hold the rest of the data (see compareChunks.ts); 0 or absent when none. */
  readonly chunks?: number;
  /** With chunks: a digest of the whole data, which each chunk repeats, so a chunk of another build is never merged. */
  readonly dataDigest?: string;
}

/** One line of run info: a label and its text per run. */
export interface InfoRow {
  readonly label: string;
  readonly values: readonly string[];
  readonly differs: boolean;
}

/** A reportable that two or more runs have, with different (or unknown) content. */
export interface ReportableDiff {
  readonly qualifiedName: string;
  readonly kind: CompareReportable["kind"];
  /** The reportable in each run, or null where the run lacks it. */
  readonly perRun: readonly (CompareReportable | null)[];
}

/** One DAG difference of a record (matched across runs by its key, see runFacts.recordKeys). */
export interface DagDiff {
  readonly record: string;
  /** Index of the run (> 0) compared with the base. */
  readonly run: number;
  readonly change: "record added" | "record removed" | "stage added" | "stage removed" | "stage changed";
  readonly stage: string | null;
  /** For a changed stage: `− before` / `+ after` artifact lines (empty when only digests were kept). */
  readonly details: readonly string[];
}

/** Everything a comparison shows, but the runs themselves. */
export interface CoreComparison {
  /** Each run's reference, base first. */
  readonly labels: readonly string[];
  readonly info: readonly InfoRow[];
  readonly facts: FactsDiff;
  readonly reportables: readonly ReportableDiff[];
  /** Reportables in several runs with the same content (not listed). */
  readonly sameReportables: number;
  readonly dag: readonly DagDiff[];
  /** Per run, what its data left out (bounded data files). */
  readonly cut: readonly (readonly string[])[];
  /** What the reader must know first: runs of different experiments, a run compared with itself (plain text). */
  readonly notes: readonly string[];
}

/** Compares the data of `runs` (at least two; run 0 is the base). */
export function compareData(runs: readonly RunCompareData[]): CoreComparison {
  if (runs.length < 2) throw new RangeError("a comparison needs at least two runs");
  const { diffs, same } = diffReportables(runs);
  const facts = runs.map((r) => factsFromJson(r.facts, `comparison data of ${r.folder}`));
  const scope = commonScope(runs, facts);
  return {
    labels: runs.map((r) => r.reference),
    info: infoRows(runs),
    facts: diffFacts(
      scope === null
        ? facts
        : facts.map((f) => ({
            ...f,
            args: pick(f.args, scope.sets),
            recordMetrics: pick(f.recordMetrics, scope.records),
          })),
    ),
    reportables: diffs,
    sameReportables: same,
    dag: diffDags(
      scope === null ? runs : runs.map((r) => ({ ...r, records: r.records.filter((x) => scope.records.has(x.key)) })),
    ),
    cut: runs.map((r) => r.cut),
    notes: comparisonNotes(facts),
  };
}

/**
 * When some runs kept only their first records (`partial`), the records and args sets every
 * partial run kept: only those are compared, so the ones left out do not show as removed or added.
 */
function commonScope(
  runs: readonly RunCompareData[],
  facts: readonly RunFacts[],
): { records: Set<string>; sets: Set<string> } | null {
  const partial = runs.flatMap((r, i) => (r.partial ? [i] : []));
  if (partial.length === 0) return null;
  const inAll = (lists: string[][]): Set<string> =>
    lists.map((l) => new Set(l)).reduce((acc, l) => new Set([...acc].filter((x) => l.has(x))));
  return {
    records: inAll(partial.map((i) => runs[i]?.records.map((r) => r.key) ?? [])),
    sets: inAll(partial.map((i) => Object.keys(facts[i]?.args ?? {}))),
  };
}

function pick<T>(o: Readonly<Record<string, T>>, keys: ReadonlySet<string>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => keys.has(k)));
}

function infoRows(runs: readonly RunCompareData[]): InfoRow[] {
  const labels = unique(runs.flatMap((r) => r.info.map(([label]) => label)));
  return labels.map((label) => {
    const values = runs.map((r) => r.info.find(([l]) => l === label)?.[1] ?? "—");
    return { label, values, differs: values.some((v) => v !== values[0]) };
  });
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

function diffReportables(runs: readonly RunCompareData[]): { diffs: ReportableDiff[]; same: number } {
  const byRun = runs.map((run) => {
    const m = new Map<string, CompareReportable>();
    for (const r of run.reportables) if (!m.has(r.name)) m.set(r.name, r); // v2 may repeat a name; the first is compared
    return m;
  });
  const diffs: ReportableDiff[] = [];
  let same = 0;
  for (const name of unique(byRun.flatMap((m) => [...m.keys()]))) {
    const perRun = byRun.map((m) => m.get(name) ?? null);
    const present = perRun.filter((r): r is CompareReportable => r !== null);
    if (present.length < 2) continue;
    const known = present.every((r) => r.digest !== null);
    if (known && present.every((r) => r.kind === present[0]?.kind && r.digest === present[0]?.digest)) {
      same++;
      continue;
    }
    diffs.push({ qualifiedName: name, kind: present[0]?.kind ?? "json", perRun });
  }
  return { diffs, same };
}

function diffDags(runs: readonly RunCompareData[]): DagDiff[] {
  const keyed = runs.map((run) => new Map(run.records.map((r) => [r.key, r])));
  const base = keyed[0] as Map<string, CompareRecord>;
  const out: DagDiff[] = [];
  keyed.slice(1).forEach((other, j) => {
    const run = j + 1;
    for (const [key, a] of base) {
      const b = other.get(key);
      if (b === undefined) out.push({ record: key, run, change: "record removed", stage: null, details: [] });
      else out.push(...diffRecordStages(a, b, run));
    }
    for (const key of other.keys())
      if (!base.has(key)) out.push({ record: key, run, change: "record added", stage: null, details: [] });
  });
  return out;
}

/** Stages of one record in the base and another run: added, removed, or with changed outputs. */
function diffRecordStages(a: CompareRecord, b: CompareRecord, run: number): DagDiff[] {
  const out: DagDiff[] = [];
  const after = new Map<string, readonly string[] | string>();
  for (const [stage, outputs] of b.stages) if (!after.has(stage)) after.set(stage, outputs); // a repeated stage name: the first is compared
  for (const [stage, before] of a.stages) {
    const now = after.get(stage);
    if (now === undefined) {
      out.push({ record: a.key, run, change: "stage removed", stage, details: [] });
      continue;
    }
    if (JSON.stringify(before) === JSON.stringify(now)) continue;
    const details =
      typeof before === "string" || typeof now === "string"
        ? []
        : [
            ...before.filter((x) => !now.includes(x)).map((x) => `− ${x}`),
            ...now.filter((x) => !before.includes(x)).map((x) => `+ ${x}`),
          ];
    out.push({ record: a.key, run, change: "stage changed", stage, details });
  }
  const had = new Set(a.stages.map(([s]) => s));
  for (const [stage] of b.stages)
    if (!had.has(stage)) out.push({ record: a.key, run, change: "stage added", stage, details: [] });
  return out;
}
