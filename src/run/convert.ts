/**
 * The one place where wire types (run.json as written) and model types (validated, camelCase,
 * files resolved) are converted into each other. Wire objects are built with their keys in the
 * order of `wire.ts` (and of the schema's `properties`), so writing them is canonical. Reportables,
 * whose shape depends on their kind, are converted in convertReportables.ts.
 */
import path from "node:path";
import type {
  ArgsSet,
  MetricTolerance,
  MetricValue,
  Metrics,
  Reportable,
  Run,
  RunArtifact,
  RunFile,
  RunInfo,
  RunRecord,
  StageInfo,
} from "./model.js";
import { reportableFromWire, reportableToWire } from "./convertReportables.js";
import { JsonShare } from "./jsonShare.js";
import { numFromWire, numToWire } from "./numbers.js";
import { resolveRunFiles } from "./paths.js";
import type { FileRef } from "./paths.js";
import { CURRENT_SCHEMA_VERSION, RUN_FILE } from "./version.js";
import type {
  WireArgs,
  WireArtifact,
  WireMetric,
  WireMetrics,
  WireRecord,
  WireReportable,
  WireRun,
  WireRunInfo,
  WireStageInfo,
} from "./wire.js";

/**
 * Converts a validated wire run read from `dir` into the model, resolving every named file under
 * the run folder. Throws `UnsafePathError` for a path leaving the folder and `InvalidRunError`
 * listing every missing file. Call `validateRun` first: the wire run is trusted to fit the schema.
 */
export function wireToModel(wire: WireRun, dir: string): Run {
  const runDir = path.resolve(dir);
  const files = resolveRunFiles(runDir, fileRefs(wire), path.join(runDir, RUN_FILE));
  return fromWire(wire, runDir, (pointer) => files.get(pointer));
}

/** Converts a model run into its wire form, keys in canonical order, `schema_version` the current one. */
export function modelToWire(run: Run): WireRun {
  return {
    schema_version: CURRENT_SCHEMA_VERSION,
    run_info: infoToWire(run.info),
    args: run.args.map(argsToWire),
    records: run.records.map(recordToWire),
    artifacts: run.artifacts.map(artifactToWire),
    reportables: run.reportables.map(reportableToWire),
    log: run.log ? run.log.relative : null,
    ...(Object.keys(run.metrics).length > 0 ? { metrics: metricsToWire(run.metrics) } : {}),
    ...(Object.keys(run.metricGoals).length > 0 ? { metric_goals: { ...run.metricGoals } } : {}),
    ...(run.primaryMetric === undefined ? {} : { primary_metric: run.primaryMetric }),
    ...(run.metricTolerances === undefined ? {} : { metric_tolerances: toleranceCopy(run.metricTolerances) }),
  };
}

/**
 * The same wire run with every object's keys in canonical order, values untouched (file paths
 * included, whatever they are). Lets `serializeRunDocument` write the same bytes however the
 * caller built its objects.
 */
export function canonicalWire(wire: WireRun): WireRun {
  const run = fromWire(wire, "", (_pointer, relative) => ({ relative, absolute: relative }));
  const canonical = modelToWire(run);
  return {
    ...canonical,
    schema_version: wire.schema_version,
    reportables: canonical.reportables.map((r, k) => {
      const files = wire.reportables[k]?.files;
      return { ...r, file: wire.reportables[k]?.file ?? null, ...(files !== undefined ? { files: [...files] } : {}) };
    }),
    log: wire.log,
  };
}

/** The files a wire run names: reportable files and the log, with their pointers. */
export function fileRefs(wire: WireRun): FileRef[] {
  const refs = wire.reportables.flatMap(reportableFileRefs);
  if (typeof wire.log === "string") refs.push({ pointer: "/log", relative: wire.log });
  return refs;
}

/** The files reportable `k` names (its file and linked files), with their pointers. */
export function reportableFileRefs(r: WireReportable, k: number): FileRef[] {
  const refs: FileRef[] = [];
  if (typeof r.file === "string") refs.push({ pointer: `/reportables/${k}/file`, relative: r.file });
  r.files?.forEach((relative, i) => refs.push({ pointer: `/reportables/${k}/files/${i}`, relative }));
  return refs;
}

/** Finds the resolved file named at a pointer of run.json. */
export type FileAt = (pointer: string, relative: string) => RunFile | undefined;

function fromWire(wire: WireRun, runDir: string, fileAt: FileAt): Run {
  const share = new JsonShare();
  return {
    schemaVersion: wire.schema_version,
    dir: runDir,
    info: runInfoFromWire(wire.run_info),
    args: wire.args.map(argsFromWire),
    records: wire.records.map(recordFromWire),
    artifacts: wire.artifacts.map((a, j) => artifactFromWire(a, j, share)),
    reportables: wire.reportables.map((r, k) => reportableAt(r, k, fileAt)),
    log: wire.log === null ? null : (fileAt("/log", wire.log) ?? null),
    metrics: metricsFromWire(wire.metrics),
    metricGoals: { ...(wire.metric_goals ?? {}) },
    ...metricDeclarationsFromWire(wire),
  };
}

/** run.json's optional `primary_metric` and `metric_tolerances` as model fields (absent when absent). */
export function metricDeclarationsFromWire(
  wire: Pick<WireRun, "primary_metric" | "metric_tolerances">,
): Pick<Run, "primaryMetric" | "metricTolerances"> {
  return {
    ...(wire.primary_metric === undefined ? {} : { primaryMetric: wire.primary_metric }),
    ...(wire.metric_tolerances === undefined ? {} : { metricTolerances: toleranceCopy(wire.metric_tolerances) }),
  };
}

/** A copy of tolerances by name; fromEntries defines own keys, so a metric named `__proto__` stays data. */
function toleranceCopy(tolerances: Readonly<Record<string, MetricTolerance>>): Record<string, MetricTolerance> {
  return Object.fromEntries(Object.entries(tolerances).map(([name, t]) => [name, { ...t }]));
}

/** Converts validated reportable `k`, its files found by `fileAt`. */
export function reportableAt(r: WireReportable, k: number, fileAt: FileAt): Reportable {
  const files = (r.files ?? []).flatMap((relative, i) => fileAt(`/reportables/${k}/files/${i}`, relative) ?? []);
  return reportableFromWire(r, fileAt(`/reportables/${k}/file`, r.file ?? ""), files);
}

/** Converts a validated args set. */
export function argsFromWire(a: WireArgs): ArgsSet {
  return {
    name: a.name,
    hash: a.hash,
    values: a.values,
    ignored: [...(a.ignored ?? [])],
    reprs: { ...(a.reprs ?? {}) },
  };
}

// Fields in the schema's property order, the canonical key order of run.json (test/run/keyOrder.test.ts).
function argsToWire(a: ArgsSet): WireArgs {
  return {
    name: a.name,
    hash: a.hash,
    values: a.values as WireArgs["values"],
    ...(a.ignored.length > 0 ? { ignored: [...a.ignored] } : {}),
    ...(Object.keys(a.reprs).length > 0 ? { reprs: { ...a.reprs } } : {}),
  };
}

/** Metrics of the model from their wire form; `{}` when absent. */
export function metricsFromWire(wire: WireMetrics | undefined): Metrics {
  if (wire === undefined) return {};
  return Object.fromEntries(Object.entries(wire).map(([name, m]): [string, MetricValue] => [name, metricFromWire(m)]));
}

function metricFromWire(m: WireMetric): MetricValue {
  return Array.isArray(m) ? m.map((p) => ({ step: p.step, value: numFromWire(p.value) })) : numFromWire(m);
}

function metricsToWire(m: Metrics): WireMetrics {
  return Object.fromEntries(
    Object.entries(m).map(([name, v]): [string, WireMetric] => [
      name,
      typeof v === "number" ? numToWire(v) : v.map((p) => ({ step: p.step, value: numToWire(p.value) })),
    ]),
  );
}

/** Converts a validated `run_info` block alone (for listings that read only run info). */
export function runInfoFromWire(w: WireRunInfo): RunInfo {
  return {
    reference: w.reference,
    experimentName: w.experiment_name,
    runNumber: w.run_number,
    timestamp: w.timestamp,
    commit: w.commit,
    workdirDirty: w.workdir_dirty,
    paramFiles: w.param_files === null ? null : [...w.param_files],
    // fromEntries defines own properties, so a parameter file named "__proto__" stays data.
    params: Object.fromEntries(
      Object.entries(w.params).map(([file, pairs]) => [file, pairs.map(([name, hash]) => [name, hash] as const)]),
    ),
    fullStore: w.full_store,
    status: w.status,
    cli: w.cli,
    hostname: w.hostname,
    notes: w.notes,
    ...(w.reproduce !== undefined ? { reproduce: w.reproduce } : {}),
    ...(w.error !== undefined ? { error: w.error } : {}),
    ...(w.duration_s !== undefined ? { durationS: w.duration_s } : {}),
    ...(w.traceback !== undefined ? { traceback: w.traceback } : {}),
  };
}

// Fields in the schema's property order, the canonical key order of run.json (test/run/keyOrder.test.ts).
function infoToWire(m: RunInfo): WireRunInfo {
  return {
    reference: m.reference,
    experiment_name: m.experimentName,
    run_number: m.runNumber,
    timestamp: m.timestamp,
    commit: m.commit,
    workdir_dirty: m.workdirDirty,
    param_files: m.paramFiles === null ? null : [...m.paramFiles],
    params: Object.fromEntries(
      Object.entries(m.params).map(([file, pairs]) => [
        file,
        pairs.map(([name, hash]): [string, string] => [name, hash]),
      ]),
    ),
    full_store: m.fullStore,
    status: m.status,
    cli: m.cli,
    hostname: m.hostname,
    notes: m.notes,
    ...(m.reproduce !== undefined ? { reproduce: m.reproduce } : {}),
    ...(m.error !== undefined ? { error: m.error } : {}),
    ...(m.durationS !== undefined ? { duration_s: m.durationS } : {}),
    ...(m.traceback !== undefined ? { traceback: m.traceback } : {}),
  };
}

/** Converts a validated record. */
export function recordFromWire(w: WireRecord): RunRecord {
  return {
    index: w.index,
    name: w.name,
    argsHash: w.args_hash,
    argsName: w.args_name,
    isAggregate: w.is_aggregate,
    comboHash: w.combo_hash,
    inputRecords: [...w.input_records],
    stages: [...w.stages],
    stageInputs: w.stage_inputs.map((list) => [...list]),
    stageOutputs: w.stage_outputs.map((list) => [...list]),
    stateArtifactReps: Object.fromEntries(Object.entries(w.state_artifact_reps)),
    storedPaths: [...w.stored_paths],
    ...(w.stage_info !== undefined ? { stageInfo: w.stage_info.map(stageInfoFromWire) } : {}),
    inManager: w.in_manager ?? true,
    metrics: metricsFromWire(w.metrics),
  };
}

// Fields in the schema's property order, the canonical key order of run.json (test/run/keyOrder.test.ts).
function recordToWire(m: RunRecord): WireRecord {
  return {
    index: m.index,
    name: m.name,
    args_hash: m.argsHash,
    args_name: m.argsName,
    is_aggregate: m.isAggregate,
    combo_hash: m.comboHash,
    input_records: [...m.inputRecords],
    stages: [...m.stages],
    stage_inputs: m.stageInputs.map((list) => [...list]),
    stage_outputs: m.stageOutputs.map((list) => [...list]),
    state_artifact_reps: Object.fromEntries(Object.entries(m.stateArtifactReps)),
    stored_paths: [...m.storedPaths],
    ...(m.stageInfo !== undefined ? { stage_info: m.stageInfo.map(stageInfoToWire) } : {}),
    ...(m.inManager ? {} : { in_manager: false }),
    ...(Object.keys(m.metrics).length > 0 ? { metrics: metricsToWire(m.metrics) } : {}),
  };
}

function stageInfoFromWire(s: WireStageInfo): StageInfo {
  return { durationMs: s.duration_ms, cached: s.cached, error: s.error ?? null, traceback: s.traceback ?? null };
}

// Fields in the schema's property order, the canonical key order of run.json (test/run/keyOrder.test.ts).
function stageInfoToWire(s: StageInfo): WireStageInfo {
  return {
    duration_ms: s.durationMs,
    cached: s.cached,
    ...(s.error !== null ? { error: s.error } : {}),
    ...(s.traceback !== null ? { traceback: s.traceback } : {}),
  };
}

/**
 * Converts validated artifact `index`. Its cache metadata goes through `share`, one per run: the
 * metadata of a run's artifacts repeats most of its values (see jsonShare.ts).
 */
export function artifactFromWire(w: WireArtifact, index: number, share: JsonShare): RunArtifact {
  const metadata = w.metadata === null ? null : share.shareMembers(w.metadata);
  return { index, record: w.record, name: w.name, string: w.string, path: w.path, metadata };
}

// Fields in the schema's property order, the canonical key order of run.json (test/run/keyOrder.test.ts).
function artifactToWire(m: RunArtifact): WireArtifact {
  return {
    record: m.record,
    name: m.name,
    string: m.string,
    path: m.path,
    metadata: m.metadata as WireArtifact["metadata"],
  };
}
