/**
 * Wire types of a run folder's `run.json`: exactly what the file says, before validation.
 *
 * Field names are curifactory's own (snake_case) so that a run exported from Python curifactory
 * maps attribute for attribute. These types describe untrusted input: code outside `src/run`
 * never sees them; it works with the validated model types in `model.ts`.
 * Keep in sync with `schema/run.schema.json` and `SCHEMA_VERSIONS` in `version.ts`.
 */

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Version 2: a number JSON cannot hold (Python writes NaN/Infinity, which are not JSON). */
export interface WireNonFinite {
  $float: "NaN" | "Infinity" | "-Infinity";
}

/** A number, or a non-finite one in its tagged form. */
export type WireNum = number | WireNonFinite;

/** Version 2: one logged value of a metric series. */
export interface WireMetricPoint {
  step: number;
  value: WireNum;
}

/** Version 2: a metric is a number or a series of `{step, value}` points. */
export type WireMetric = WireNum | WireMetricPoint[];

/** Version 2: metric name → value. */
export type WireMetrics = Record<string, WireMetric>;

/** Status of a run; colours: complete green, incomplete orange, error red, LIVE cyan. */
export type WireRunStatus = "complete" | "incomplete" | "error" | "LIVE";

/** curifactory's `run_info.json` block, every field, plus a few optional additions of ours. */
export interface WireRunInfo {
  reference: string;
  experiment_name: string;
  run_number: number;
  /** `%Y-%m-%d-T%H%M%S`, e.g. `2026-11-26-T233842`. */
  timestamp: string;
  commit: string;
  workdir_dirty: boolean;
  /** `null` when run without parameter files. */
  param_files: string[] | null;
  /** `{ file: [[name, hash], …] }`; args sets not from a file go under `"(live)"`. */
  params: Record<string, [string, string][]>;
  full_store: boolean;
  status: WireRunStatus;
  cli: string;
  hostname: string;
  notes: string | null;
  /** Only with a full store: the command line that reproduces the run from its stored artifacts. */
  reproduce?: string;
  /** Only when status is `error`: `"<ErrorClass> - <message>"`. */
  error?: string;
  /** Ours: wall-clock duration of the run in seconds, when known. */
  duration_s?: number;
  /** Version 2, only when status is `error`: the traceback of the run's error. */
  traceback?: string;
}

/** One args (parameter) set with its stable hash. */
export interface WireArgs {
  name: string;
  hash: string;
  /** Every field of the args, `name` included, as plain JSON. */
  values: { [key: string]: JsonValue };
  /** Version 2: names of fields left out of the hash (curifactory's IGNORED_PARAMS). */
  ignored?: string[];
  /** Version 2: field → the producer's string form of a value JSON cannot hold. */
  reprs?: Record<string, string>;
}

/** Per-stage execution facts (ours; parallel to `stages`). */
export interface WireStageInfo {
  /** Milliseconds the stage took, or null when unknown. */
  duration_ms: number | null;
  /** True when every output was loaded from cache and the stage function did not run. */
  cached: boolean;
  /** Version 2: `"<ErrorClass> - <message>"` when the stage raised, else null. */
  error?: string | null;
  /** Version 2: the traceback of the stage's error, or null. */
  traceback?: string | null;
}

/** One record: one args set's line through the stages. */
export interface WireRecord {
  /** Index in the manager's records; equals the position in `records`. */
  index: number;
  /** `Record <index> (<args name | None>)`. */
  name: string;
  /** Hash of `args`, or null for a record without args. */
  args_hash: string | null;
  args_name: string | null;
  is_aggregate: boolean;
  combo_hash: string | null;
  /** Indices of records this one drew on (make_copy source, aggregate inputs). */
  input_records: number[];
  stages: string[];
  /** Per stage, indices into `artifacts` of the inputs it requested; -1 for an input that was missing. */
  stage_inputs: number[][];
  /** Per stage, indices into `artifacts` of the outputs it produced. */
  stage_outputs: number[][];
  /** Artifact name → index into `artifacts` of its latest representation. */
  state_artifact_reps: Record<string, number>;
  /** Source paths copied into the full store. */
  stored_paths: string[];
  /** Optional (ours): per stage timing and cache facts, parallel to `stages`. */
  stage_info?: WireStageInfo[];
  /** Version 2: false for a record not in the manager's records (make_copy(add_to_manager=False)). */
  in_manager?: boolean;
  /** Version 2: the record's metrics. */
  metrics?: WireMetrics;
}

/** One artifact representation (curifactory's `ArtifactRepresentation`). */
export interface WireArtifact {
  /** Index of the owning record. */
  record: number;
  name: string;
  /** The short representation, e.g. `(Float64Array) [0.1, 0.2... len: 112`. */
  string: string;
  /** Cache path relative to the project, or null ("no file"). */
  path: string | null;
  /** Cache metadata when the artifact was cached, else null. */
  metadata: { [key: string]: JsonValue } | null;
}

/** Reportable kinds; `data` shape per kind is below. */
export type WireReportableKind = "html" | "json" | "table" | "lineplot" | "figure" | "image" | "latex" | "markdown";

/** A table column's type: ints stay ints, floats get `float_precision` digits. */
export type WireColumnType = "int" | "float" | "string" | "bool" | "mixed";

/** `data` of a `table` reportable. */
export interface WireTableData {
  columns: string[];
  column_types: WireColumnType[];
  /** Row labels, or null for none. */
  index: string[] | null;
  rows: (string | number | boolean | null | WireNonFinite)[][];
  float_precision: number;
}

/** One series of a line plot. */
export interface WireSeries {
  name: string | null;
  /** null marks a gap. */
  y: (number | null | WireNonFinite)[];
  x: WireNum[] | null;
  /** Version 2: point marker (matplotlib's `o x s ^ v d + . *`), or null. */
  marker?: string | null;
  /** Version 2: line style (`- -- : -.`), or null for solid. */
  linestyle?: string | null;
  /** Version 2: the line's colour as `#rrggbb` (from Python: matplotlib's), absent for the report's palette. */
  color?: string;
}

/** `data` of a `lineplot` reportable. */
export interface WireLinePlotData {
  title: string | null;
  x_label: string | null;
  y_label: string | null;
  series: WireSeries[];
}

/** `data` of each reportable kind. */
export interface WireReportableDataByKind {
  html: { html: string };
  json: { value: JsonValue };
  table: WireTableData;
  lineplot: WireLinePlotData;
  /** The figure bytes are in `file`. */
  figure: { format: "svg" | "png" | "jpeg" | "gif" | "webp"; alt: string | null };
  /** The image bytes are in `file`. */
  image: { format: "svg" | "png" | "jpeg" | "gif" | "webp"; alt: string | null; source_name: string | null };
  latex: { latex: string };
  markdown: { markdown: string };
}

/** One reportable attached to the run. */
export interface WireReportable {
  /** `[(Aggregate)_][argsName_]stage_name`; unique within the run. */
  qualified_name: string;
  name: string;
  group: string | null;
  /** Index of the record that reported it. */
  record: number;
  stage: string;
  kind: WireReportableKind;
  data: WireReportableDataByKind[WireReportableKind];
  /** Path of the reportable's file relative to the run folder (`reportables/…`), or null. */
  file: string | null;
  /** Version 2: further files (under `reportables/`) that the reportable's HTML links to. */
  files?: string[];
}

/** The whole `run.json`. */
export interface WireRun {
  schema_version: number;
  run_info: WireRunInfo;
  args: WireArgs[];
  records: WireRecord[];
  artifacts: WireArtifact[];
  reportables: WireReportable[];
  /** Log file relative to the run folder, or null when the run kept no log. */
  log: string | null;
  /** Version 2: run-level metrics. */
  metrics?: WireMetrics;
  /** Version 2: which direction is better, by metric name. */
  metric_goals?: Record<string, "min" | "max">;
}
