/**
 * Data tables as HTML: a `<table class="data-table">` with a header row, row labels as row
 * headers, numbers right-aligned and formatted by column type. Ints stay ints and floats get the
 * table's precision, whatever the other cells of the row hold (curifactory's defect B13 printed
 * an int column as `1.0000` because pandas upcast whole rows).
 */
import type { TableData } from "../../run/model.js";
import type { WireColumnType } from "../../run/wire.js";
import { clipField } from "../../util/clip.js";
import { escapeHtml, showControlChars } from "../../util/escape.js";
import { CuriError } from "../../util/errors.js";

/** One table cell as the model holds it. */
export type CellValue = string | number | boolean | null;

/** A formatted cell: its text and the CSS classes of its `<td>`. */
export interface FormattedCell {
  readonly text: string;
  /** Space-separated classes: `num` (right-aligned), `bool`, `missing` (null, NaN). */
  readonly className: string;
}

/** Strings a numeric column may carry for values JSON cannot hold (pandas/numpy spellings included). */
const SPECIAL_NUMBERS: Readonly<Record<string, number>> = {
  nan: Number.NaN,
  infinity: Number.POSITIVE_INFINITY,
  "+infinity": Number.POSITIVE_INFINITY,
  "-infinity": Number.NEGATIVE_INFINITY,
  inf: Number.POSITIVE_INFINITY,
  "+inf": Number.POSITIVE_INFINITY,
  "-inf": Number.NEGATIVE_INFINITY,
};

/** Highest precision `toFixed` is asked for; more digits than a double holds are noise anyway. */
const MAX_PRECISION = 20;

/** Formats an integral number in plain digits (no exponent below 1e21), `-0` as `0`. */
function formatInt(n: number): string {
  return Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

/** Formats a non-finite number as text a reader recognises. */
function formatSpecial(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  return n > 0 ? "∞" : "-∞";
}

/** Formats a number by column type: int columns keep integers exact, float columns get `precision` digits. */
function formatNumber(n: number, type: WireColumnType, precision: number): FormattedCell {
  if (!Number.isFinite(n)) return { text: formatSpecial(n), className: Number.isNaN(n) ? "num missing" : "num" };
  const integral = Number.isInteger(n);
  // An int or mixed column shows integers as integers; a stray fraction in an int column keeps its digits.
  if ((type === "int" || type === "mixed") && integral) return { text: formatInt(n), className: "num" };
  if (type === "int") return { text: String(n), className: "num" };
  if (type === "string") return { text: String(n), className: "" };
  return { text: n.toFixed(precision), className: "num" };
}

/**
 * Formats one cell for display. `precision` is clamped to 0..20. Null shows as `null` (class
 * `missing`); booleans as `true`/`false`; `"NaN"`/`"inf"` strings in numeric columns as NaN/∞.
 */
export function formatCell(value: CellValue, type: WireColumnType, precision: number): FormattedCell {
  const digits = Math.min(MAX_PRECISION, Math.max(0, Math.trunc(Number.isFinite(precision) ? precision : 0)));
  if (value === null) return { text: "null", className: "missing" };
  if (typeof value === "boolean") return { text: value ? "true" : "false", className: "bool" };
  if (typeof value === "number") return formatNumber(value, type, digits);
  const special = type === "int" || type === "float" ? SPECIAL_NUMBERS[value.trim().toLowerCase()] : undefined;
  if (special !== undefined) return formatNumber(special, type, digits);
  return { text: value, className: "" };
}

/** Throws a CuriError naming the first way `table` is inconsistent (row width, index length, column types). */
export function checkTableShape(table: TableData): void {
  const width = table.columns.length;
  if (table.columnTypes.length !== width) {
    throw new CuriError(
      `table has ${width} columns but ${table.columnTypes.length} column types; write one type per column`,
    );
  }
  const bad = table.rows.findIndex((row) => row.length !== width);
  if (bad >= 0) {
    throw new CuriError(
      `table row ${bad} has ${table.rows[bad]?.length ?? 0} cells but the table has ${width} columns`,
    );
  }
  if (table.index !== null && table.index.length !== table.rows.length) {
    throw new CuriError(`table index has ${table.index.length} labels but the table has ${table.rows.length} rows`);
  }
}

/** Longest cell, header or row label shown in full; longer ones are cut with a visible marker. */
export const MAX_CELL_CHARS = 1_000;

/** Most columns shown; wider tables show their first columns and say so. */
export const MAX_TABLE_COLUMNS = 200;

/** Most characters of HTML a table may produce; past it, no more rows are added (and the note says so). */
export const MAX_TABLE_HTML_CHARS = 2_000_000;

/** A text for HTML output: cut past {@link MAX_CELL_CHARS}, control characters made visible, then escaped. */
function cellText(text: string): string {
  return escapeHtml(showControlChars(clipField(text, MAX_CELL_CHARS)));
}

/** `class="…"` attribute text, or nothing for no classes. */
function classAttr(className: string): string {
  return className === "" ? "" : ` class="${className}"`;
}

/** The `<thead>`: an empty corner cell when rows are labelled, numeric columns right-aligned like their cells. */
function headerHtml(table: TableData, columns: number): string {
  const corner = table.index === null ? "" : `<td class="corner"></td>`;
  const cells = table.columns.slice(0, columns).map((name, i) => {
    const type = table.columnTypes[i];
    const numeric = type === "int" || type === "float";
    return `<th scope="col"${classAttr(numeric ? "num" : "")}>${cellText(name)}</th>`;
  });
  return `<thead><tr>${corner}${cells.join("")}</tr></thead>`;
}

/** One `<tr>`: the row label as `<th scope="row">`, then the formatted cells. */
function rowHtml(table: TableData, rowIndex: number, columns: number): string {
  const row = table.rows[rowIndex] ?? [];
  const label = table.index === null ? "" : `<th scope="row">${cellText(table.index[rowIndex] ?? "")}</th>`;
  const cells = row.slice(0, columns).map((value, i) => {
    const cell = formatCell(value, table.columnTypes[i] ?? "mixed", table.floatPrecision);
    return `<td${classAttr(cell.className)}>${cellText(cell.text)}</td>`;
  });
  return `<tr>${label}${cells.join("")}</tr>`;
}

/** HTML of a data table and whether it was shortened. */
export interface DataTableHtml {
  readonly html: string;
  /** Rows rendered (≤ `maxRows`, fewer when the rows are so big that the HTML budget ran out). */
  readonly shownRows: number;
  readonly totalRows: number;
  /** Columns rendered (≤ {@link MAX_TABLE_COLUMNS}). */
  readonly shownColumns: number;
  readonly totalColumns: number;
}

/**
 * Renders `table` as `<div class="table-scroll"><table class="data-table">…</table></div>` (the
 * wrapper lets a wide table scroll instead of widening the page), showing at most `maxRows` rows,
 * {@link MAX_TABLE_COLUMNS} columns and {@link MAX_TABLE_HTML_CHARS} of HTML (at least one row),
 * with cells cut past {@link MAX_CELL_CHARS}. Throws CuriError when the table's shape is
 * inconsistent (see {@link checkTableShape}).
 */
export function renderDataTable(table: TableData, maxRows: number): DataTableHtml {
  checkTableShape(table);
  const totalRows = table.rows.length;
  const totalColumns = table.columns.length;
  const shownColumns = Math.min(totalColumns, MAX_TABLE_COLUMNS);
  const rowLimit = Math.min(totalRows, Math.max(0, Math.floor(maxRows)));
  const head = headerHtml(table, shownColumns);
  const body: string[] = [];
  let size = head.length;
  for (let r = 0; r < rowLimit && (r === 0 || size < MAX_TABLE_HTML_CHARS); r++) {
    const row = rowHtml(table, r, shownColumns);
    body.push(row);
    size += row.length + 1;
  }
  const html = `<div class="table-scroll"><table class="data-table">${head}<tbody>${body.join("\n")}</tbody></table></div>`;
  return { html, shownRows: body.length, totalRows, shownColumns, totalColumns };
}
