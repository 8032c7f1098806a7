/**
 * Table data for table and LaTeX reportables: rows (objects) or columns (arrays) in, the wire
 * table out, with column types inferred so integer columns stay integers (curifactory's B13).
 */
import { cellFromWire, numToWire } from "../run/numbers.js";
import type { WireColumnType, WireNonFinite, WireTableData } from "../run/wire.js";
import { ReportableError } from "./errors.js";
import { canonicalJson, toJsonValue } from "./jsonify.js";

/** One table cell as run.json stores it. */
export type Cell = string | number | boolean | null | WireNonFinite;

/** Table input: an array of row objects, or an object of columns (arrays or typed arrays). */
export type TableInput =
  readonly { readonly [column: string]: unknown }[] | { readonly [column: string]: ArrayLike<unknown> };

/** Options shared by the table reportables. */
export interface TableOptions {
  /** Column order (default: order of first appearance). Columns not listed are left out. */
  readonly columns?: readonly string[];
  /** Type per column, overriding inference. */
  readonly columnTypes?: { readonly [column: string]: WireColumnType };
  /** Row labels, one per row. */
  readonly index?: readonly string[] | null;
  /** Digits after the point for float columns (default 4). */
  readonly floatPrecision?: number;
}

/** Default digits of float columns (curifactory's `float_prec`). */
export const DEFAULT_FLOAT_PRECISION = 4;

/** Builds the wire table from rows or columns; throws `ReportableError` for ragged or empty input. */
export function toTableData(input: TableInput, options: TableOptions = {}): WireTableData {
  const raw = Array.isArray(input)
    ? fromRows(input as readonly { readonly [column: string]: unknown }[])
    : fromColumns(input as { readonly [column: string]: ArrayLike<unknown> });
  const columns = options.columns ? [...options.columns] : raw.columns;
  const values = columns.map((column) => raw.values.get(column) ?? new Array<unknown>(raw.rowCount).fill(null));
  const precision = options.floatPrecision ?? DEFAULT_FLOAT_PRECISION;
  if (!Number.isInteger(precision) || precision < 0 || precision > 20)
    throw new ReportableError(`floatPrecision must be an integer from 0 to 20, got ${precision}.`);
  const index = options.index === undefined || options.index === null ? null : options.index.map(String);
  if (index !== null && index.length !== raw.rowCount) {
    throw new ReportableError(
      `The table has ${raw.rowCount} rows but ${index.length} index labels; give one label per row.`,
    );
  }
  const rows: Cell[][] = [];
  for (let r = 0; r < raw.rowCount; r++) rows.push(values.map((column) => toCell(column[r])));
  return {
    columns,
    column_types: columns.map((column, i) => options.columnTypes?.[column] ?? inferType(values[i] ?? [])),
    index,
    rows,
    float_precision: precision,
  };
}

interface RawTable {
  readonly columns: string[];
  readonly values: Map<string, unknown[]>;
  readonly rowCount: number;
}

function fromRows(rows: readonly { readonly [column: string]: unknown }[]): RawTable {
  const columns: string[] = [];
  const values = new Map<string, unknown[]>();
  rows.forEach((row, r) => {
    if (row === null || typeof row !== "object")
      throw new ReportableError(`Table row ${r} is not an object; give rows as objects keyed by column.`);
    for (const column of Object.keys(row)) {
      if (!values.has(column)) {
        columns.push(column);
        values.set(column, new Array<unknown>(rows.length).fill(null));
      }
      (values.get(column) as unknown[])[r] = row[column];
    }
  });
  return { columns, values, rowCount: rows.length };
}

function fromColumns(input: { readonly [column: string]: ArrayLike<unknown> }): RawTable {
  const columns = Object.keys(input);
  const values = new Map(columns.map((column) => [column, Array.from(input[column] ?? [])] as const));
  const lengths = new Set([...values.values()].map((v) => v.length));
  if (lengths.size > 1)
    throw new ReportableError(
      `Table columns have different lengths (${[...lengths].join(", ")}); give every column the same number of values.`,
    );
  return { columns, values, rowCount: lengths.values().next().value ?? 0 };
}

/** A cell as stored: non-finite numbers become `{"$float": "NaN" | "Infinity" | "-Infinity"}` (JSON has no such numbers). */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return numToWire(value);
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return canonicalJson(toJsonValue(value));
}

/** Infers a column's type from its values, ignoring nulls: int, float, bool, string or mixed. */
export function inferType(values: readonly unknown[]): WireColumnType {
  const kinds = new Set<WireColumnType>();
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (typeof value === "number") kinds.add(Number.isInteger(value) ? "int" : "float");
    else if (typeof value === "bigint") kinds.add("int");
    else if (typeof value === "boolean") kinds.add("bool");
    else kinds.add(typeof value === "string" ? "string" : "mixed");
  }
  if (kinds.size === 0) return "string";
  if (kinds.size === 2 && kinds.has("int") && kinds.has("float")) return "float";
  return kinds.size === 1 ? ([...kinds][0] as WireColumnType) : "mixed";
}

/** A cell as text, floats with `precision` digits: what the HTML and LaTeX tables show. */
export function formatCell(stored: Cell, type: WireColumnType, precision: number): string {
  const cell = cellFromWire(stored);
  if (cell === null) return "";
  if (typeof cell === "number" && type === "float") return cell.toFixed(precision);
  return String(cell);
}

const LATEX_ESCAPES: { readonly [char: string]: string } = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

/** Escapes text for a LaTeX document (the ten special characters). */
export function escapeLatex(text: string): string {
  return text.replace(/[\\&%$#_{}~^]/g, (c) => LATEX_ESCAPES[c] ?? c);
}

/** Options of the generated LaTeX. */
export interface LatexOptions {
  /** Wraps the tabular in a `table` environment with this caption. */
  readonly caption?: string;
  /** `\label{…}` of the table environment. */
  readonly label?: string;
}

/** A LaTeX `tabular` (needs no packages): numbers right-aligned, text left, floats rounded. */
export function tableToLatex(table: WireTableData, options: LatexOptions = {}): string {
  const align = table.column_types.map((type) => (type === "int" || type === "float" ? "r" : "l")).join("");
  const spec = table.index === null ? align : `l|${align}`;
  const head = [...(table.index === null ? [] : [""]), ...table.columns.map(escapeLatex)];
  const lines = [`\\begin{tabular}{${spec}}`, "\\hline", `${head.join(" & ")} \\\\`, "\\hline"];
  table.rows.forEach((row, r) => {
    const cells = row.map((cell, c) =>
      escapeLatex(formatCell(cell, table.column_types[c] ?? "mixed", table.float_precision)),
    );
    const label = table.index === null ? [] : [escapeLatex(table.index[r] ?? "")];
    lines.push(`${[...label, ...cells].join(" & ")} \\\\`);
  });
  lines.push("\\hline", "\\end{tabular}");
  if (options.caption === undefined && options.label === undefined) return `${lines.join("\n")}\n`;
  const wrapped = ["\\begin{table}", "\\centering", ...lines];
  if (options.caption !== undefined) wrapped.push(`\\caption{${escapeLatex(options.caption)}}`);
  if (options.label !== undefined) wrapped.push(`\\label{${options.label.replace(/[^A-Za-z0-9:._-]/g, "-")}}`);
  wrapped.push("\\end{table}");
  return `${wrapped.join("\n")}\n`;
}
