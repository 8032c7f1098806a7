/**
 * A run's compact comparison data (the shape is in compareCore.ts): what `curi-report compare`
 * diffs, and what each report folder of a site keeps as `compare-data.js` (compareDataFiles.ts), so
 * the site's `compare.html` can compare any two published runs in the browser with no server.
 * Content is compared by digest; tables and texts keep a bounded part for showing the difference.
 * Past `SITE_LIMITS.maxBytes`, stage outputs become one digest per stage (said in the data's
 * `cut`), and the files are split into chunks: every record is kept.
 */
import type { RunContext } from "../context.js";
import { createHash } from "node:crypto";
import type { LinePlotData, Reportable, Run, RunRecord } from "../../run/model.js";
import { clipField, groupDigits } from "../../util/clip.js";
import {
  type CompactPlot,
  type CompactTable,
  type CompareRecord,
  type CompareReportable,
  type RunCompareData,
} from "./compareCore.js";
import { COMPARE_DATA_VERSION } from "../formats/compareDataVersion.js";
import { IMAGE_EXTENSIONS } from "../reportables/image.js";
import { MAX_POINTS_PER_SERIES } from "../plot/lineplot.js";
import { MAX_OVERLAY_SERIES } from "./overlayPlot.js";
import { REPORT_PATHS } from "../router.js";
import { factsToJson, recordKeys } from "../facts/runFacts.js";
import { failedRecordsLine } from "../facts/failures.js";
import { formatCell } from "../markup/table.js";
import { canonicalJson } from "../../record/jsonify.js";
import { jsonBytes } from "./jsonPieces.js";
import { formatDuration, formatTimestamp } from "../markup/format.js";

/** How much of each part the data keeps. */
export interface CompareDataLimits {
  readonly maxTextChars: number;
  readonly maxTableRows: number;
  readonly maxTableColumns: number;
  readonly maxCellChars: number;
  /** Largest data file, in bytes, past which stage outputs become digests and the data is split into chunks; Infinity for no bound. */
  readonly maxBytes: number;
  /** Line plots whose series are kept for an overlay (the first ones, in report order); the rest only link. */
  readonly maxPlots: number;
  /** Points kept of each series of a kept line plot (evenly spaced, first and last included). */
  readonly maxPlotPoints: number;
}

/** Limits of the data `curi-report compare` builds from run folders (nothing is written, so only each part is bounded). */
export const COMMAND_LIMITS: CompareDataLimits = {
  maxTextChars: 100_000,
  maxTableRows: 200,
  maxTableColumns: 100,
  maxCellChars: 300,
  maxBytes: Number.POSITIVE_INFINITY,
  maxPlots: Number.POSITIVE_INFINITY,
  maxPlotPoints: MAX_POINTS_PER_SERIES,
};

/** Limits of a site's comparison data files (`compare-data.js` and its chunks): each well under the 5 MiB per-file budget of `curi-report check`. */
export const SITE_LIMITS: CompareDataLimits = {
  maxTextChars: 20_000,
  maxTableRows: 50,
  maxTableColumns: 50,
  maxCellChars: 200,
  maxBytes: 2 * 1024 * 1024,
  // At most 50 plots × 10 series × 200 points: about 1 MiB of a run's data, which chunks split.
  maxPlots: 50,
  maxPlotPoints: 200,
};

/** Options of `compareDataOf`. */
export interface CompareDataOptions {
  /** Digest of a figure's or image's file; without it, images always count as changed. */
  readonly fileDigest?: (r: Reportable & { readonly file: { readonly absolute: string } }) => string;
  readonly limits?: CompareDataLimits;
}

const digest = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 24);

/** The comparison data of `run`. */
export function compareDataOf(ctx: RunContext, options: CompareDataOptions = {}): RunCompareData {
  const { run, plan } = ctx;
  const limits = options.limits ?? COMMAND_LIMITS;
  let plots = 0;
  const reportables = run.reportables.map((r, i) => {
    const keepPlot = r.kind === "lineplot" && plots++ < limits.maxPlots;
    const page = plan.reportables[i]?.page ?? REPORT_PATHS.page;
    return compactReportable(r, i, page, plan.reportables[i], options, limits, keepPlot);
  });
  const data: RunCompareData = {
    version: COMPARE_DATA_VERSION,
    folder: plan.folder,
    reference: run.info.reference,
    info: infoLines(run),
    facts: factsToJson(ctx.facts),
    records: [],
    reportables,
    cut: [],
    partial: false,
    chunks: 0,
  };
  return withRecords(run, data, limits);
}

/**
 * `data` (its records still empty) with its records, each stage's outputs listed; or past
 * `limits.maxBytes` (as JSON, UTF-8) each stage's outputs as one digest, which keeps a site's files
 * few (see compareDataFiles.ts: what is still past the bound is split into chunk files, so every
 * record is kept).
 */
function withRecords(run: Run, data: RunCompareData, limits: CompareDataLimits): RunCompareData {
  const keys = recordKeys(run.records);
  const records = (digests: boolean): CompareRecord[] =>
    run.records.map((record, r) => compactRecord(run, record, keys[r] as string, digests));
  if (limits.maxBytes === Number.POSITIVE_INFINITY || listedFit(run, data, keys, limits.maxBytes))
    return { ...data, records: records(false) };
  return {
    ...data,
    records: records(true),
    cut: [
      "stage outputs are kept as digests: a changed stage is named without its artifacts (curi-report compare lists them)",
    ],
  };
}

/**
 * True when `data` with every record's outputs listed is at most `maxBytes` of JSON. Measured
 * record by record, stopping past the bound: at 50,000 records the listed outputs are tens of MB
 * that were made, and their JSON (110 MB) too, only to learn that they do not fit.
 */
function listedFit(run: Run, data: RunCompareData, keys: readonly string[], maxBytes: number): boolean {
  // The JSON with n records is the JSON with none, plus each record's, plus n - 1 commas.
  let size = jsonBytes(data, maxBytes);
  for (let r = 0; r < run.records.length && size <= maxBytes; r++) {
    const record = compactRecord(run, run.records[r] as RunRecord, keys[r] as string, false);
    size += Buffer.byteLength(JSON.stringify(record), "utf8") + (r > 0 ? 1 : 0);
  }
  return size <= maxBytes;
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
    ["Failed records", failedRecordsLine(run)],
    ["Reportables", String(run.reportables.length)],
  ];
  return lines.map(([label, value]) => [label, clipField(value, 500)]);
}

/** A record's key and, per stage, its outputs as `name = representation` (or their digest). */
function compactRecord(run: Run, record: RunRecord, key: string, digests: boolean): CompareRecord {
  const stages = record.stages.map((stage, s): [string, string[] | string] => {
    const outputs = stageOutputs(run, record, s);
    return [clipField(stage, 1_000), digests ? digest(JSON.stringify(outputs)) : outputs];
  });
  return { key, stages };
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

function compactReportable(
  r: Reportable,
  index: number,
  page: string,
  plan: { anchor: string; fileBase: string } | undefined,
  options: CompareDataOptions,
  limits: CompareDataLimits,
  keepPlot: boolean,
): CompareReportable {
  const key = contentKey(r, options);
  const isImage = r.kind === "image" || r.kind === "figure";
  return {
    name: clipField(r.qualifiedName, 1_000),
    kind: r.kind,
    index,
    digest: key === null ? null : digest(`${r.kind}\u0000${key}`),
    href: plan === undefined ? page : `${page}#${plan.anchor}`,
    image: isImage && plan !== undefined ? `${plan.fileBase}${IMAGE_EXTENSIONS[r.format] ?? ""}` : null,
    text: textOf(r, limits.maxTextChars),
    table: r.kind === "table" ? compactTable(r.table, limits) : null,
    plot: r.kind === "lineplot" && keepPlot ? compactPlot(r.plot, limits.maxPlotPoints) : null,
  };
}

/**
 * A line plot's first `MAX_OVERLAY_SERIES` series, each cut to `maxPoints` evenly spaced points
 * (first and last kept); a point whose x is not finite is left out, a y that is not finite is null
 * (a gap), as JSON holds no NaN.
 */
export function compactPlot(plot: LinePlotData, maxPoints: number): CompactPlot {
  const series = plot.series.slice(0, MAX_OVERLAY_SERIES).map((s) => {
    const n = s.x === null ? s.y.length : Math.min(s.x.length, s.y.length);
    const count = Math.min(n, Math.max(2, maxPoints));
    const picks =
      count <= 1 ? [0].slice(0, n) : Array.from({ length: count }, (_, k) => Math.round((k * (n - 1)) / (count - 1)));
    const kept = s.x === null ? picks : picks.filter((i) => Number.isFinite(s.x?.[i]));
    const y = kept.map((i) => {
      const v = s.y[i] ?? null;
      return v !== null && Number.isFinite(v) ? v : null;
    });
    return {
      name: s.name === null ? null : clipField(s.name, 200),
      x: s.x === null ? null : kept.map((i) => s.x?.[i] as number),
      y,
    };
  });
  const label = (l: string | null): string | null => (l === null ? null : clipField(l, 200));
  return { title: label(plot.title), xLabel: label(plot.xLabel), yLabel: label(plot.yLabel), series };
}

/** A JSON, Markdown or LaTeX reportable's text for a line diff, cut to `max` characters. */
function textOf(r: Reportable, max: number): string | null {
  const full =
    r.kind === "json"
      ? JSON.stringify(JSON.parse(canonicalJson(r.value)), null, 2)
      : r.kind === "markdown"
        ? r.markdown
        : r.kind === "latex"
          ? r.latex
          : null;
  if (full === null || full.length <= max) return full;
  return `${full.slice(0, max)}\n… cut: ${groupDigits(full.length - max)} more characters`;
}

function compactTable(table: Extract<Reportable, { kind: "table" }>["table"], limits: CompareDataLimits): CompactTable {
  const columns = table.columns.slice(0, limits.maxTableColumns);
  const rows = table.rows
    .slice(0, limits.maxTableRows)
    .map((row) =>
      columns.map((_, c) =>
        clipField(
          formatCell(row[c] ?? null, table.columnTypes[c] ?? "mixed", table.floatPrecision).text,
          limits.maxCellChars,
        ),
      ),
    );
  const index =
    table.index === null
      ? null
      : table.index.slice(0, limits.maxTableRows).map((l) => clipField(l, limits.maxCellChars));
  return { columns: columns.map((c) => clipField(c, limits.maxCellChars)), index, rows, totalRows: table.rows.length };
}
