/**
 * Model types of a run: what `readRun` returns after validation, and what render and site use.
 *
 * camelCase, readonly, every cross-reference checked (artifact and record indices are in range),
 * and every file path already resolved and confined to the run folder. Conversion from and to the
 * wire types (`wire.ts`) lives in `convert.ts` alone.
 */
import type { JsonValue, WireColumnType, WireMetricGoal, WireRunStatus } from "./wire.js";

export type { JsonValue } from "./wire.js";
/** Every run status and every metric goal, in the schema's order (the schema is their one source). */
export { METRIC_GOALS, RUN_STATUSES } from "./wire.generated.js";

/** A metric: a number (NaN and infinities allowed), or a series of `{step, value}` points. */
export type MetricValue = number | readonly MetricPoint[];

/** One logged value of a metric series. */
export interface MetricPoint {
  readonly step: number;
  readonly value: number;
}

/** Metric name → value. */
export type Metrics = Readonly<Record<string, MetricValue>>;

/** Which direction of a metric is better. */
export type MetricGoal = WireMetricGoal;

/** Run status (the schema's `runStatus`). */
export type RunStatus = WireRunStatus;

/** Run metadata (curifactory's run info). */
export interface RunInfo {
  readonly reference: string;
  readonly experimentName: string;
  readonly runNumber: number;
  /** `YYYY-MM-DD-THHMMSS`, as written by the run. */
  readonly timestamp: string;
  readonly commit: string;
  readonly workdirDirty: boolean;
  readonly paramFiles: readonly string[] | null;
  /** Param file → [name, hash] pairs, in file order. */
  readonly params: Readonly<Record<string, readonly (readonly [string, string])[]>>;
  readonly fullStore: boolean;
  readonly status: RunStatus;
  readonly cli: string;
  readonly hostname: string;
  readonly notes: string | null;
  readonly reproduce?: string;
  readonly error?: string;
  readonly durationS?: number;
  /** The traceback of the run's error (version 2). */
  readonly traceback?: string;
}

/** An args set. */
export interface ArgsSet {
  readonly name: string;
  readonly hash: string;
  readonly values: Readonly<Record<string, JsonValue>>;
  /** Fields left out of the hash; `[]` when none. */
  readonly ignored: readonly string[];
  /** Field → the producer's string form of a value JSON cannot hold; `{}` when none. */
  readonly reprs: Readonly<Record<string, string>>;
}

/** Per-stage timing and cache facts. */
export interface StageInfo {
  readonly durationMs: number | null;
  readonly cached: boolean;
  /** `"<ErrorClass> - <message>"` when the stage raised, else null. */
  readonly error: string | null;
  /** The traceback of the stage's error, or null. */
  readonly traceback: string | null;
}

/** A record. Indices refer to `Run.artifacts` / `Run.records`. */
export interface RunRecord {
  readonly index: number;
  readonly name: string;
  readonly argsHash: string | null;
  readonly argsName: string | null;
  readonly isAggregate: boolean;
  readonly comboHash: string | null;
  readonly inputRecords: readonly number[];
  readonly stages: readonly string[];
  /** -1 marks a missing input. */
  readonly stageInputs: readonly (readonly number[])[];
  readonly stageOutputs: readonly (readonly number[])[];
  readonly stateArtifactReps: Readonly<Record<string, number>>;
  readonly storedPaths: readonly string[];
  readonly stageInfo?: readonly StageInfo[];
  /** False for a record not in the manager's records (make_copy(add_to_manager=False)). */
  readonly inManager: boolean;
  /** The record's metrics; `{}` when none. */
  readonly metrics: Metrics;
}

/** An artifact representation. */
export interface RunArtifact {
  /** Position in `Run.artifacts` (the `a<i>` of graph node ids). */
  readonly index: number;
  readonly record: number;
  readonly name: string;
  readonly string: string;
  readonly path: string | null;
  readonly metadata: Readonly<Record<string, JsonValue>> | null;
}

/** A table's data. */
export interface TableData {
  readonly columns: readonly string[];
  readonly columnTypes: readonly WireColumnType[];
  readonly index: readonly string[] | null;
  /** Cells; float cells may be NaN or ±Infinity. */
  readonly rows: readonly (readonly (string | number | boolean | null)[])[];
  readonly floatPrecision: number;
}

/** A line plot's data. */
export interface LinePlotData {
  readonly title: string | null;
  readonly xLabel: string | null;
  readonly yLabel: string | null;
  readonly series: readonly LineSeries[];
}

/** One line of a line plot; y and x may hold NaN and ±Infinity. */
export interface LineSeries {
  readonly name: string | null;
  readonly y: readonly (number | null)[];
  readonly x: readonly number[] | null;
  /** Point marker (`o x s ^ v d + . *`), or null for none. */
  readonly marker: string | null;
  /** Line style (`- -- : -.`), or null for solid. */
  readonly linestyle: string | null;
  /** The line's own colour as `#rrggbb`, or absent for the report's palette. */
  readonly color?: string;
}

/** A reportable, discriminated by `kind`. */
export type Reportable = ReportableBase &
  (
    | { readonly kind: "html"; readonly html: string }
    | { readonly kind: "json"; readonly value: JsonValue }
    | { readonly kind: "table"; readonly table: TableData }
    | { readonly kind: "lineplot"; readonly plot: LinePlotData }
    | {
        readonly kind: "figure";
        readonly format: "svg" | "png" | "jpeg" | "gif" | "webp";
        readonly alt: string | null;
        readonly file: RunFile;
      }
    | {
        readonly kind: "image";
        readonly format: "svg" | "png" | "jpeg" | "gif" | "webp";
        readonly alt: string | null;
        readonly sourceName: string | null;
        readonly file: RunFile;
      }
    | { readonly kind: "latex"; readonly latex: string }
    | { readonly kind: "markdown"; readonly markdown: string }
  );

/** Fields every reportable has. */
export interface ReportableBase {
  readonly qualifiedName: string;
  readonly name: string;
  readonly group: string | null;
  readonly record: number;
  readonly stage: string;
  /** Further files the reportable's HTML links to (version 2); `[]` when none. */
  readonly files: readonly RunFile[];
}

/** A file named by run.json, already checked to lie inside the run folder. */
export interface RunFile {
  /** The path as run.json wrote it, relative to the run folder, with `/` separators. */
  readonly relative: string;
  /** Absolute path on disk (inside the run folder; not a symlink leading out). */
  readonly absolute: string;
}

/** A validated run. */
export interface Run {
  readonly schemaVersion: number;
  /** Absolute path of the run folder it was read from. */
  readonly dir: string;
  readonly info: RunInfo;
  readonly args: readonly ArgsSet[];
  readonly records: readonly RunRecord[];
  readonly artifacts: readonly RunArtifact[];
  readonly reportables: readonly Reportable[];
  readonly log: RunFile | null;
  /** Run-level metrics; `{}` when none. */
  readonly metrics: Metrics;
  /** Declared metric directions; `{}` when none (render then asks the project file, then the name). */
  readonly metricGoals: Readonly<Record<string, MetricGoal>>;
  /** The declared primary metric (run.json `primary_metric`), when any. */
  readonly primaryMetric?: string;
  /** Declared tolerances by metric name (run.json `metric_tolerances`), when any. */
  readonly metricTolerances?: Readonly<Record<string, MetricTolerance>>;
}

/** How much change of a metric is noise (see schema `metricTolerance`); an absent bound is 0. */
export interface MetricTolerance {
  readonly abs?: number;
  readonly rel?: number;
}
