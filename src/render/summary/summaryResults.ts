/**
 * The "key results" of a run summary: top-level scalar fields of JSON reportables and the first
 * rows of table reportables, aggregate records' first, as compact Markdown.
 */
import type { RunContext } from "../context.js";
import type { JsonValue, Reportable, Run, TableData } from "../../run/model.js";
import { mdCell, mdCode, mdLink, mdTable, mdText } from "../markup/mdText.js";
import { recordHeading } from "../facts/names.js";
import { scalarOf } from "../facts/metrics.js";

/** One reportable that has results worth showing, with its anchor in the report. */
export interface KeyResult {
  readonly reportable: Reportable & ({ readonly kind: "json" } | { readonly kind: "table" });
  readonly anchor: string;
}

/** How much of the results to show. */
export interface ResultsLimits {
  /** Most reportables listed. */
  readonly results: number;
  /** Rows shown of each table (with `tables`). */
  readonly tableRows: number;
  /** Show tables as tables; otherwise as one line (`N rows × M columns`). */
  readonly tables: boolean;
}

const MAX_FIELDS = 8;
const MAX_COLUMNS = 8;

/**
 * The JSON and table reportables of `run` with their anchors: aggregate records' first (a sweep's
 * leaderboard says more than any one record's numbers), then the best records' by the primary
 * metric (issue 21.9: not record order), each record's in report order.
 */
export function keyResults(ctx: RunContext): KeyResult[] {
  const { run, plan } = ctx;
  const aggregate: KeyResult[] = [];
  const perRecord: KeyResult[] = [];
  for (const p of plan.reportables) {
    const r = p.reportable;
    if (r.kind !== "json" && r.kind !== "table") continue;
    (run.records[r.record]?.isAggregate === true ? aggregate : perRecord).push({ reportable: r, anchor: p.anchor });
  }
  const rank = recordRanks(ctx);
  const rankOf = (k: KeyResult): number => rank.get(k.reportable.record) ?? Number.POSITIVE_INFINITY;
  // Array sort is stable: records of the same rank (or none) keep report order.
  return [...aggregate, ...perRecord.sort((a, b) => rankOf(a) - rankOf(b))];
}

/** Each record's place by the primary metric (0 is the best); records without it are left out. */
function recordRanks(ctx: RunContext): Map<number, number> {
  const m = ctx.metrics;
  const goal = m.primary === null ? null : (m.judgements.get(m.primary)?.goal ?? null);
  if (m.primary === null || goal === null) return new Map();
  const primary = m.primary;
  const scored = [...m.perRecord].flatMap(([i, entries]): [number, number][] => {
    const e = entries.get(primary);
    const v = e === undefined ? Number.NaN : scalarOf(e.value);
    return Number.isNaN(v) ? [] : [[i, v]];
  });
  scored.sort(([ia, a], [ib, b]) => (goal === "min" ? a - b : b - a) || ia - ib);
  return new Map(scored.map(([i], k) => [i, k]));
}

/** Renders the results section, or `""` when there is nothing to show. `href(anchor)` is `""` without a base URL. */
export function renderResults(
  run: Run,
  results: readonly KeyResult[],
  limits: ResultsLimits,
  href: (anchor: string) => string,
): string {
  if (results.length === 0 || limits.results <= 0) {
    return results.length === 0 ? "" : `### Key results\n\n_${results.length} results are in the report._`;
  }
  const shown = results.slice(0, limits.results);
  const name = (r: KeyResult): string =>
    href(r.anchor) === ""
      ? mdCode(r.reportable.qualifiedName, 60)
      : mdLink(mdCode(r.reportable.qualifiedName, 60), href(r.anchor));
  // The args name, or what an aggregate aggregates: never Python's `Record 30 (None)`.
  const recordName = (r: KeyResult): string =>
    mdCell(run.records[r.reportable.record]?.argsName ?? recordHeading(run, r.reportable.record), 40);
  const lines = shown
    .filter((r) => r.reportable.kind === "json" || !limits.tables)
    .map((r) => [name(r), recordName(r), oneLine(r.reportable)]);
  const parts = ["### Key results"];
  if (lines.length > 0) parts.push(mdTable(["reportable", "record", "values"], lines));
  if (limits.tables) {
    for (const r of shown) {
      if (r.reportable.kind === "table")
        parts.push(`**${name(r)}** · ${recordName(r)}\n\n${tableMarkdown(r.reportable.table, limits.tableRows)}`);
    }
  }
  if (results.length > shown.length) parts.push(`_${results.length - shown.length} more results are in the report._`);
  return parts.join("\n\n");
}

/** A reportable's results on one line: scalar fields of a JSON object, or a table's size. */
function oneLine(r: Reportable): string {
  if (r.kind === "table") return mdText(`table: ${r.table.rows.length} rows × ${r.table.columns.length} columns`);
  if (r.kind !== "json") return "";
  const value = r.value;
  if (value === null || typeof value !== "object") return mdCode(scalarText(value), 60);
  if (Array.isArray(value)) return mdText(`array of ${value.length}`);
  const entries = Object.entries(value);
  const scalars = entries.filter(([, v]) => v === null || typeof v !== "object");
  const fields = scalars.slice(0, MAX_FIELDS).map(([k, v]) => `${mdCode(k, 30)} = ${mdCode(scalarText(v), 30)}`);
  const left = entries.length - Math.min(scalars.length, MAX_FIELDS);
  if (left > 0) fields.push(mdText(`(+${left} more)`));
  return fields.length === 0 ? mdText("(no top-level values)") : fields.join(", ");
}

/** A scalar as text; numbers in their shortest exact form. */
function scalarText(value: JsonValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The first `rows` rows of a table as a GFM table, with the index as first column when present. */
export function tableMarkdown(table: TableData, rows: number): string {
  const columns = table.columns.slice(0, MAX_COLUMNS);
  const withIndex = table.index !== null;
  const header = [...(withIndex ? [""] : []), ...columns.map((c) => mdCell(c, 30))];
  const body = table.rows
    .slice(0, rows)
    .map((row, i) => [
      ...(withIndex ? [mdCell(table.index?.[i] ?? "", 30)] : []),
      ...columns.map((_, c) =>
        mdCell(cellText(row[c] ?? null, table.columnTypes[c] ?? "mixed", table.floatPrecision), 30),
      ),
    ]);
  const notes: string[] = [];
  if (table.rows.length > rows) notes.push(`first ${Math.min(rows, table.rows.length)} of ${table.rows.length} rows`);
  if (table.columns.length > columns.length) notes.push(`${table.columns.length - columns.length} more columns`);
  return `${mdTable(header.length === 0 ? [" "] : header, body)}${notes.length > 0 ? `\n\n_${notes.join(", ")}_` : ""}`;
}

/** Formats a cell as the report does: floats to the table's precision, the rest as is. */
function cellText(value: string | number | boolean | null, type: string, precision: number): string {
  if (value === null) return "";
  if (typeof value === "number" && (type === "float" || (type === "mixed" && !Number.isInteger(value)))) {
    return Number.isFinite(value) ? value.toFixed(Math.max(0, Math.min(20, precision))) : String(value);
  }
  return String(value);
}
