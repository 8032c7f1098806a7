/**
 * The built-in reportables, one per wire kind: HTML, JSON, tables, line plots, figures, images,
 * LaTeX tables and Markdown. Each checks its input when constructed, so a mistake fails inside the
 * stage that made it, not at the end of the run.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { JsonValue, WireLinePlotData, WireSeries, WireTableData } from "../run/wire.js";
import { ReportableError } from "./errors.js";
import { toJsonValue } from "./jsonify.js";
import { Reportable, type RenderedReportable, type ReportableOptions } from "./Reportable.js";
import { tableToLatex, toTableData, type LatexOptions, type TableInput, type TableOptions } from "./table.js";

/** Raw HTML, shown as written by the experiment author (the report sanitizes it). */
export class HtmlReportable extends Reportable {
  readonly kind = "html";
  readonly html: string;
  constructor(html: string | readonly string[], options: ReportableOptions = {}) {
    super(options);
    this.html = typeof html === "string" ? html : html.join("");
  }
  protected build(): RenderedReportable {
    return { kind: "html", data: { html: this.html }, file: null };
  }
}

/** Any value shown as JSON (Maps, Sets, typed arrays and Dates converted as `toJsonValue` does). */
export class JsonReportable extends Reportable {
  readonly kind = "json";
  readonly value: JsonValue;
  constructor(value: unknown, options: ReportableOptions = {}) {
    super(options);
    this.value = toJsonValue(value);
  }
  protected build(): RenderedReportable {
    return { kind: "json", data: { value: this.value }, file: null };
  }
}

/** A table from row objects or columns; float columns rounded to `floatPrecision` (default 4), ints kept. */
export class TableReportable extends Reportable {
  readonly kind = "table";
  readonly table: WireTableData;
  constructor(table: TableInput, options: ReportableOptions & TableOptions = {}) {
    super(options);
    this.table = toTableData(table, options);
  }
  protected build(): RenderedReportable {
    return { kind: "table", data: this.table, file: null };
  }
}

/** A LaTeX `tabular` generated from table data (to paste into a paper). */
export class LatexTableReportable extends Reportable {
  readonly kind = "latex";
  readonly latex: string;
  constructor(table: TableInput, options: ReportableOptions & TableOptions & LatexOptions = {}) {
    super(options);
    this.latex = tableToLatex(toTableData(table, options), options);
  }
  protected build(): RenderedReportable {
    return { kind: "latex", data: { latex: this.latex }, file: null };
  }
}

/** Markdown text (the report renders and sanitizes it). */
export class MarkdownReportable extends Reportable {
  readonly kind = "markdown";
  readonly markdown: string;
  constructor(markdown: string, options: ReportableOptions = {}) {
    super(options);
    this.markdown = markdown;
  }
  protected build(): RenderedReportable {
    return { kind: "markdown", data: { markdown: this.markdown }, file: null };
  }
}

/** Options of a line plot. */
export interface LinePlotOptions extends ReportableOptions {
  /** x values shared by every series (default 0, 1, 2, …). */
  readonly x?: ArrayLike<number> | null;
  readonly title?: string | null;
  readonly xLabel?: string | null;
  readonly yLabel?: string | null;
}

/** A line plot of one series (`number[]`) or named series (`{ train: number[], test: number[] }`). */
export class LinePlotReportable extends Reportable {
  readonly kind = "lineplot";
  readonly plot: WireLinePlotData;
  constructor(y: ArrayLike<number> | { readonly [series: string]: ArrayLike<number> }, options: LinePlotOptions = {}) {
    super(options);
    const x = options.x === undefined || options.x === null ? null : finiteNumbers(options.x, "x");
    const named = isArrayLike(y) ? [[null, y] as const] : Object.entries(y);
    if (named.length === 0) throw new ReportableError("A line plot needs at least one series.");
    const series: WireSeries[] = named.map(([name, values]) => {
      const ys = finiteNumbers(values, name ?? "y");
      if (x !== null && x.length !== ys.length)
        throw new ReportableError(
          `Series ${name ?? "y"} has ${ys.length} values but x has ${x.length}; give x one value per point.`,
        );
      return { name, y: ys, x };
    });
    this.plot = {
      title: options.title ?? null,
      x_label: options.xLabel ?? null,
      y_label: options.yLabel ?? null,
      series,
    };
  }
  protected build(): RenderedReportable {
    return { kind: "lineplot", data: this.plot, file: null };
  }
}

function isArrayLike(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

function finiteNumbers(values: ArrayLike<number>, label: string): number[] {
  const out = Array.from(values, Number);
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw new ReportableError(
      `Line plot ${label}[${bad}] is ${String(out[bad])}; JSON cannot hold it, so drop or replace non-finite values.`,
    );
  return out;
}

/** Options of a figure. */
export interface FigureOptions extends ReportableOptions {
  /** Format of the bytes; detected from the content when left out. */
  readonly format?: "svg" | "png" | "jpeg";
  /** Alternative text for the image. */
  readonly alt?: string | null;
}

/** A finished figure: SVG text, or PNG/JPEG bytes. Written to `reportables/` in the run folder. */
export class FigureReportable extends Reportable {
  readonly kind = "figure";
  readonly format: "svg" | "png" | "jpeg";
  readonly bytes: Uint8Array;
  readonly alt: string | null;
  constructor(figure: string | Uint8Array, options: FigureOptions = {}) {
    super(options);
    this.bytes = typeof figure === "string" ? new TextEncoder().encode(figure) : new Uint8Array(figure);
    const sniffed = sniffFormat(this.bytes);
    const format = options.format ?? (sniffed === "svg" || sniffed === "png" || sniffed === "jpeg" ? sniffed : null);
    if (format === null)
      throw new ReportableError(
        "A figure must be SVG text or PNG/JPEG bytes; pass format if the content is one of those.",
      );
    this.format = format;
    this.alt = options.alt ?? null;
  }
  protected build(): RenderedReportable {
    return {
      kind: "figure",
      data: { format: this.format, alt: this.alt },
      file: { ext: EXTENSIONS[this.format], bytes: this.bytes },
    };
  }
}

/** Image formats an image reportable accepts. */
export type ImageFormat = "svg" | "png" | "jpeg" | "gif" | "webp";

const EXTENSIONS: { readonly [F in ImageFormat]: string } = {
  svg: ".svg",
  png: ".png",
  jpeg: ".jpg",
  gif: ".gif",
  webp: ".webp",
};
const BY_EXTENSION: { readonly [ext: string]: ImageFormat } = {
  ".svg": "svg",
  ".png": "png",
  ".jpg": "jpeg",
  ".jpeg": "jpeg",
  ".gif": "gif",
  ".webp": "webp",
};

/** Options of an image. */
export interface ImageOptions extends ReportableOptions {
  readonly alt?: string | null;
}

/** An image file (e.g. one a stage wrote with `getPath`), copied into the run folder's `reportables/`. */
export class ImageReportable extends Reportable {
  readonly kind = "image";
  readonly source: string;
  readonly alt: string | null;
  constructor(source: string, options: ImageOptions = {}) {
    super(options);
    this.source = source;
    this.alt = options.alt ?? null;
  }
  protected async build(): Promise<RenderedReportable> {
    const bytes = new Uint8Array(await readFile(this.source));
    const format = BY_EXTENSION[path.extname(this.source).toLowerCase()] ?? sniffFormat(bytes);
    if (format === null)
      throw new ReportableError(
        `${this.source} is not an SVG, PNG, JPEG, GIF or WebP image; convert it or report it another way.`,
      );
    const data = { format, alt: this.alt, source_name: path.basename(this.source) };
    return { kind: "image", data, file: { ext: EXTENSIONS[format], bytes } };
  }
}

/** Detects an image format from its first bytes, or null. */
export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  const ascii = (start: number, end: number): string => String.fromCharCode(...bytes.subarray(start, end));
  if (bytes[0] === 0x89 && ascii(1, 4) === "PNG") return "png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (ascii(0, 4) === "GIF8") return "gif";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart();
  return head.startsWith("<") && /<svg[\s>]/.test(head) ? "svg" : null;
}
