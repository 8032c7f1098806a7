/**
 * Reportables between their wire form (run.json) and the model: the conversion of convert.ts for
 * the one list whose shape depends on its kind (tables, line plots, files).
 */
import type { LinePlotData, Reportable, ReportableBase, RunFile, TableData } from "./model.js";
import { cellFromWire, cellToWire, numFromWire, numToWire } from "./numbers.js";
import type { WireLinePlotData, WireReportable, WireReportableDataByKind as Data, WireTableData } from "./wire.js";

/** Converts a validated reportable; `file` is its resolved file (figure and image), `files` its linked files. */
export function reportableFromWire(
  w: WireReportable,
  file: RunFile | undefined,
  files: readonly RunFile[],
): Reportable {
  const base: ReportableBase = {
    qualifiedName: w.qualified_name,
    name: w.name,
    group: w.group,
    record: w.record,
    stage: w.stage,
    files,
  };
  switch (w.kind) {
    case "html":
      return { ...base, kind: "html", html: (w.data as Data["html"]).html };
    case "json":
      return { ...base, kind: "json", value: (w.data as Data["json"]).value };
    case "table":
      return { ...base, kind: "table", table: tableFromWire(w.data as WireTableData) };
    case "lineplot":
      return { ...base, kind: "lineplot", plot: plotFromWire(w.data as WireLinePlotData) };
    case "figure": {
      const d = w.data as Data["figure"];
      return { ...base, kind: "figure", format: d.format, alt: d.alt, file: fileOf(w, file) };
    }
    case "image": {
      const d = w.data as Data["image"];
      return { ...base, kind: "image", format: d.format, alt: d.alt, sourceName: d.source_name, file: fileOf(w, file) };
    }
    case "latex":
      return { ...base, kind: "latex", latex: (w.data as Data["latex"]).latex };
    case "markdown":
      return { ...base, kind: "markdown", markdown: (w.data as Data["markdown"]).markdown };
  }
}

function fileOf(w: WireReportable, file: RunFile | undefined): RunFile {
  if (file) return file;
  // Only reachable when validateRun was skipped: the schema checks already demand a file here.
  throw new TypeError(
    `reportable ${JSON.stringify(w.qualified_name)} of kind ${w.kind} has no resolved file; validate the run before converting it`,
  );
}

// Fields in the schema's property order, the canonical key order of run.json (test/run/keyOrder.test.ts).
/** The wire form of a reportable, keys in canonical order. */
export function reportableToWire(m: Reportable): WireReportable {
  const wire = reportableToWireBase(m);
  return m.files.length > 0 ? { ...wire, files: m.files.map((f) => f.relative) } : wire;
}

function reportableToWireBase(m: Reportable): WireReportable {
  const base = { qualified_name: m.qualifiedName, name: m.name, group: m.group, record: m.record, stage: m.stage };
  switch (m.kind) {
    case "html":
      return { ...base, kind: m.kind, data: { html: m.html }, file: null };
    case "json":
      return { ...base, kind: m.kind, data: { value: m.value as Data["json"]["value"] }, file: null };
    case "table":
      return { ...base, kind: m.kind, data: tableToWire(m.table), file: null };
    case "lineplot":
      return { ...base, kind: m.kind, data: plotToWire(m.plot), file: null };
    case "figure":
      return { ...base, kind: m.kind, data: { format: m.format, alt: m.alt }, file: m.file.relative };
    case "image":
      return {
        ...base,
        kind: m.kind,
        data: { format: m.format, alt: m.alt, source_name: m.sourceName },
        file: m.file.relative,
      };
    case "latex":
      return { ...base, kind: m.kind, data: { latex: m.latex }, file: null };
    case "markdown":
      return { ...base, kind: m.kind, data: { markdown: m.markdown }, file: null };
  }
}

function tableFromWire(w: WireTableData): TableData {
  return {
    columns: [...w.columns],
    columnTypes: [...w.column_types],
    index: w.index === null ? null : [...w.index],
    rows: w.rows.map((row) => row.map((cell) => cellFromWire(cell))),
    floatPrecision: w.float_precision,
  };
}

function tableToWire(m: TableData): WireTableData {
  return {
    columns: [...m.columns],
    column_types: [...m.columnTypes],
    index: m.index === null ? null : [...m.index],
    rows: m.rows.map((row) => row.map((cell) => cellToWire(cell))),
    float_precision: m.floatPrecision,
  };
}

function plotFromWire(w: WireLinePlotData): LinePlotData {
  return {
    title: w.title,
    xLabel: w.x_label,
    yLabel: w.y_label,
    series: w.series.map((s) => ({
      name: s.name,
      y: s.y.map((v) => (v === null ? null : cellFromWire(v))),
      x: s.x === null ? null : s.x.map(numFromWire),
      marker: s.marker ?? null,
      linestyle: s.linestyle ?? null,
      ...(s.color !== undefined ? { color: s.color } : {}),
    })),
  };
}

function plotToWire(m: LinePlotData): WireLinePlotData {
  return {
    title: m.title,
    x_label: m.xLabel,
    y_label: m.yLabel,
    series: m.series.map((s) => ({
      name: s.name,
      y: s.y.map((v) => (v === null ? null : numToWire(v))),
      x: s.x === null ? null : s.x.map(numToWire),
      ...(s.marker !== null ? { marker: s.marker } : {}),
      ...(s.linestyle !== null ? { linestyle: s.linestyle } : {}),
      ...(s.color !== undefined ? { color: s.color } : {}),
    })),
  };
}
