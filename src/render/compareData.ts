/**
 * A run's compact comparison data (the shape is in compareCore.ts): what `curi-report compare`
 * diffs, and what each report folder of a site keeps as `compare-data.js`, so the site's
 * `compare.html` can compare any two published runs in the browser with no server. Content is
 * compared by digest; tables and texts keep a bounded part for showing the difference. The file
 * form is bounded as a whole (`SITE_LIMITS.maxBytes`): past it, stage outputs become one digest
 * per stage, then texts and tables are dropped; what was left out is said in the data's `cut`.
 */
import { createHash } from "node:crypto";
import type { Reportable, Run, RunRecord } from "../run/model.js";
import { clipField, groupDigits } from "../util/clip.js";
import { COMPARE_DATA_VERSION, type CompactTable, type CompareRecord, type CompareReportable, type RunCompareData } from "./compareCore.js";
import { IMAGE_EXTENSIONS } from "./reportables/image.js";
import { planReport } from "./router.js";
import { factsToJson, recordKeys, runFacts } from "./runFacts.js";
import { formatCell } from "./table.js";
import { canonicalJson } from "./views/args.js";
import { formatDuration, formatTimestamp } from "./views/format.js";

/** How much of each part the data keeps. */
export interface CompareDataLimits {
  readonly maxTextChars: number;
  readonly maxTableRows: number;
  readonly maxTableColumns: number;
  readonly maxCellChars: number;
  /** Largest data as JSON text, in characters; Infinity for no bound. */
  readonly maxBytes: number;
}

/** Limits of the data `curi-report compare` builds from run folders (nothing is written, so only each part is bounded). */
export const COMMAND_LIMITS: CompareDataLimits = { maxTextChars: 100_000, maxTableRows: 200, maxTableColumns: 100, maxCellChars: 300, maxBytes: Number.POSITIVE_INFINITY };

/** Limits of a site's `compare-data.js`: well under the 5 MiB per-file budget of `curi-report check`. */
export const SITE_LIMITS: CompareDataLimits = { maxTextChars: 20_000, maxTableRows: 50, maxTableColumns: 50, maxCellChars: 200, maxBytes: 2 * 1024 * 1024 };

/** Options of `compareDataOf`. */
export interface CompareDataOptions {
  /** Digest of a figure's or image's file; without it, images always count as changed. */
  readonly fileDigest?: (r: Reportable & { readonly file: { readonly absolute: string } }) => string;
  readonly limits?: CompareDataLimits;
}

/** File of a report folder holding its comparison data. Keep in sync with src/browser/compareApp.ts. */
export const COMPARE_DATA_FILE = "compare-data.js";

const digest = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 24);

/** The comparison data of `run`. */
export function compareDataOf(run: Run, options: CompareDataOptions = {}): RunCompareData {
  const limits = options.limits ?? COMMAND_LIMITS;
  const plan = planReport(run);
  const reportables = run.reportables.map((r, i) => compactReportable(r, i, plan.reportables[i]?.page ?? "index.html", plan.reportables[i], options, limits));
  const data: RunCompareData = { version: COMPARE_DATA_VERSION, folder: plan.folder, reference: run.info.reference, info: infoLines(run), facts: factsToJson(runFacts(run)), records: compactRecords(run, false), reportables, cut: [], partial: false };
  return bounded(run, data, limits);
}

/** Degrades `data` step by step until its JSON fits `limits.maxBytes`. */
function bounded(run: Run, data: RunCompareData, limits: CompareDataLimits): RunCompareData {
  const fits = (d: RunCompareData): boolean => JSON.stringify(d).length <= limits.maxBytes;
  if (fits(data)) return data;
  const digested: RunCompareData = { ...data, records: compactRecords(run, true), cut: ["stage outputs are kept as digests: a changed stage is named without its artifacts (curi-report compare lists them)"] };
  if (fits(digested)) return digested;
  const bare: RunCompareData = { ...digested, reportables: digested.reportables.map((r) => ({ ...r, text: null, table: null })), cut: [...digested.cut, "tables and texts of reportables are left out: open them in the report"] };
  if (fits(bare)) return bare;
  // Keep the first records, their args sets and metrics: fewer each time, until the data fits.
  let kept = bare.records.length;
  let size = JSON.stringify(bare).length;
  for (;;) {
    kept = Math.max(0, Math.min(kept - 1, Math.floor((kept * limits.maxBytes * 0.95) / size)));
    const first = firstRecords(run, bare, kept);
    size = JSON.stringify(first).length;
    if (size <= limits.maxBytes || kept === 0) return first;
  }
}

/** `data` with only its first `kept` records, their args sets and their metrics. */
function firstRecords(run: Run, data: RunCompareData, kept: number): RunCompareData {
  const facts = data.facts as Record<string, Record<string, unknown>>;
  const keys = new Set(data.records.slice(0, kept).map((r) => r.key));
  const sets = new Set(run.records.slice(0, kept).flatMap((r) => (r.argsName === null ? [] : [r.argsName])));
  const only = (o: Record<string, unknown> | undefined, allowed: Set<string>) => Object.fromEntries(Object.entries(o ?? {}).filter(([k]) => allowed.has(k)));
  const note = `only the first ${groupDigits(kept)} of ${groupDigits(run.records.length)} records are compared here (their args and metrics): curi-report compare compares them all`;
  return { ...data, records: data.records.slice(0, kept), facts: { ...facts, args: only(facts["args"], sets), record_metrics: only(facts["record_metrics"], keys) }, cut: [...data.cut, note], partial: true };
}

function infoLines(run: Run): [string, string][] {
  const i = run.info;
  const lines: [string, string][] = [
    ["Reference", i.reference],
    ["Experiment", i.experimentName],
    ["Run number", String(i.runNumber)],
    ["Timestamp", formatTimestamp(i.timestamp).text],
    ["Status", i.status.toUpperCase() + (i.error !== undefined ? ` (${i.error})` : "")],
    ["Git commit", `${i.commit}${i.workdirDirty ? " (uncommitted changes)" : ""}`],
    ["Hostname", i.hostname],
    ["Duration", formatDuration(i.durationS) ?? "—"],
    ["Records", String(run.records.length)],
    ["Reportables", String(run.reportables.length)],
  ];
  return lines.map(([label, value]) => [label, clipField(value, 500)]);
}

/** Per record its key and, per stage, its outputs as `name = representation` (or their digest). */
function compactRecords(run: Run, digests: boolean): CompareRecord[] {
  const keys = recordKeys(run.records);
  return run.records.map((record, r) => {
    const stages = record.stages.map((stage, s): [string, string[] | string] => {
      const outputs = stageOutputs(run, record, s);
      return [stage, digests ? digest(JSON.stringify(outputs)) : outputs];
    });
    return { key: keys[r] as string, stages };
  });
}

function stageOutputs(run: Run, record: RunRecord, stage: number): string[] {
  return (record.stageOutputs[stage] ?? []).map((i) => {
    const a = run.artifacts[i];
    return clipField(a === undefined ? "?" : `${a.name} = ${a.string}`, 300);
  });
}

/** What a reportable shows, as one comparable string (images by their file's digest, when known). */
function contentKey(r: Reportable, options: CompareDataOptions): string | null {
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

function compactReportable(r: Reportable, index: number, page: string, plan: { anchor: string; fileBase: string } | undefined, options: CompareDataOptions, limits: CompareDataLimits): CompareReportable {
  const key = contentKey(r, options);
  const isImage = r.kind === "image" || r.kind === "figure";
  return {
    name: r.qualifiedName,
    kind: r.kind,
    index,
    digest: key === null ? null : digest(`${r.kind}\u0000${key}`),
    href: plan === undefined ? page : `${page}#${plan.anchor}`,
    image: isImage && plan !== undefined ? `${plan.fileBase}${IMAGE_EXTENSIONS[r.format] ?? ""}` : null,
    text: textOf(r, limits.maxTextChars),
    table: r.kind === "table" ? compactTable(r.table, limits) : null,
  };
}

/** A JSON, Markdown or LaTeX reportable's text for a line diff, cut to `max` characters. */
function textOf(r: Reportable, max: number): string | null {
  const full = r.kind === "json" ? JSON.stringify(JSON.parse(canonicalJson(r.value)), null, 2) : r.kind === "markdown" ? r.markdown : r.kind === "latex" ? r.latex : null;
  if (full === null || full.length <= max) return full;
  return `${full.slice(0, max)}\n… cut: ${groupDigits(full.length - max)} more characters`;
}

function compactTable(table: Extract<Reportable, { kind: "table" }>["table"], limits: CompareDataLimits): CompactTable {
  const columns = table.columns.slice(0, limits.maxTableColumns);
  const rows = table.rows.slice(0, limits.maxTableRows).map((row) => columns.map((_, c) => clipField(formatCell(row[c] ?? null, table.columnTypes[c] ?? "mixed", table.floatPrecision).text, limits.maxCellChars)));
  const index = table.index === null ? null : table.index.slice(0, limits.maxTableRows).map((l) => clipField(l, limits.maxCellChars));
  return { columns: columns.map((c) => clipField(c, limits.maxCellChars)), index, rows, totalRows: table.rows.length };
}

/**
 * The data as the text of `compare-data.js`: a script that files the data under its report
 * folder's name, because a page opened from `file://` can load a script but cannot fetch a file.
 */
export function compareDataScript(data: RunCompareData): string {
  return `${scriptHead(data.folder)}${JSON.stringify(data)};\n`;
}

/** What comes before the JSON in `compare-data.js`. */
function scriptHead(folder: string): string {
  return `(window.curiCompareData = window.curiCompareData || {})[${JSON.stringify(folder)}] = `;
}

/**
 * The data of a `compare-data.js` that `compareDataScript` wrote for report folder `folder`, or
 * null when the file is of another form or version (an older report, or a damaged file): a site
 * build then leaves that comparison out rather than failing.
 */
export function parseCompareDataScript(text: string, folder: string): RunCompareData | null {
  const head = scriptHead(folder);
  if (!text.startsWith(head) || !text.endsWith(";\n")) return null;
  try {
    const data = JSON.parse(text.slice(head.length, -2)) as RunCompareData;
    return typeof data === "object" && data !== null && data.version === COMPARE_DATA_VERSION && data.folder === folder ? data : null;
  } catch {
    return null; // not JSON after all: treated as a damaged file, see above
  }
}
