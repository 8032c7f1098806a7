/**
 * The one place where the runtime becomes run.json: manager, records and artifacts to `WireRun`.
 * Reportables arrive already rendered (their files are written by `runFolder.ts`).
 */
import { numToWire } from "../run/numbers.js";
import type {
  WireArgs,
  WireArtifact,
  WireMetrics,
  WireRecord,
  WireReportable,
  WireRun,
  WireRunInfo,
} from "../run/wire.js";
import { CURRENT_SCHEMA_VERSION } from "../run/version.js";
import type { ArtifactManager } from "./ArtifactManager.js";
import type { MetricLog } from "./metrics.js";
import { argsValues } from "./args.js";
import type { Record } from "./Record.js";

/** curifactory's run_info block, fields in its order, plus `duration_s` once known. */
export function buildRunInfo(manager: ArtifactManager): WireRunInfo {
  const git = manager.gitInfo;
  const info: WireRunInfo = {
    reference: manager.getReferenceName(),
    experiment_name: manager.experimentName,
    run_number: manager.runNumber,
    timestamp: manager.timestampOf(manager.startedAt),
    commit: git.commit,
    workdir_dirty: git.dirty,
    param_files: manager.paramFiles === null ? null : [...manager.paramFiles],
    params: manager.params.bySource(),
    full_store: manager.storeFull,
    status: manager.status,
    cli: manager.cli,
    hostname: manager.hostname,
    notes: manager.notes,
  };
  if (manager.storeFull) info.reproduce = reproduceCommand(manager);
  if (manager.error !== null) info.error = manager.error;
  if (manager.traceback !== null) info.traceback = manager.traceback;
  if (manager.durationS !== null) info.duration_s = manager.durationS;
  return info;
}

/** Flags that change what a run stores or recomputes; dropped from the reproduce command. */
const RUN_FLAGS_WITH_VALUE = new Set(["--cache"]);
const RUN_FLAGS = new Set(["--store-full", "--overwrite", "--dry-cache"]);

/**
 * The command line that reruns this experiment from its full store: the original command without
 * store/overwrite/cache flags, plus `--cache <run folder>/artifacts --dry-cache` (understood by
 * `runOptionsFromArgv`).
 */
export function reproduceCommand(manager: ArtifactManager): string {
  const words = manager.cli.split(" ").filter((w) => w !== "");
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (RUN_FLAGS_WITH_VALUE.has(word)) i++;
    else if (!RUN_FLAGS.has(word) && !word.startsWith("--cache=")) kept.push(word);
  }
  return [...kept, "--cache", manager.displayPath(manager.storeDir), "--dry-cache"].join(" ");
}

/** The whole run.json of `manager`, with the given rendered reportables and log file. */
export function toWireRun(manager: ArtifactManager, reportables: WireReportable[], log: string | null): WireRun {
  return {
    schema_version: CURRENT_SCHEMA_VERSION,
    run_info: buildRunInfo(manager),
    args: manager.params
      .distinct()
      .map((entry): WireArgs => ({ name: entry.name, hash: entry.hash, values: argsValues(entry.args) })),
    records: manager.records.map((record) => toWireRecord(manager, record)),
    artifacts: manager.artifacts.map((rep): WireArtifact => ({
      record: rep.record.index,
      name: rep.name,
      string: rep.string,
      path: rep.path === null ? null : manager.displayPath(rep.path),
      metadata: rep.metadata,
    })),
    reportables,
    log,
    ...(manager.metrics.empty ? {} : { metrics: metricsToWire(manager.metrics) }),
    ...(manager.metricGoals.size === 0 ? {} : { metric_goals: Object.fromEntries(manager.metricGoals) }),
    ...(manager.primaryMetric === null ? {} : { primary_metric: manager.primaryMetric }),
    ...(manager.metricTolerances.size === 0 ? {} : { metric_tolerances: Object.fromEntries(manager.metricTolerances) }),
  };
}

/** Logged metrics as run.json writes them: NaN and the infinities as `{"$float": …}`. */
function metricsToWire(log: MetricLog): WireMetrics {
  return Object.fromEntries(
    Object.entries(log.toJSON()).map(([name, v]) => [
      name,
      typeof v === "number" ? numToWire(v) : v.map((p) => ({ step: p.step, value: numToWire(p.value) })),
    ]),
  );
}

function toWireRecord(manager: ArtifactManager, record: Record): WireRecord {
  const reps: { [name: string]: number } = {};
  for (const [name, rep] of record.stateArtifactReps) if (rep.index !== null) reps[name] = rep.index;
  return {
    index: record.index,
    name: record.getReferenceName(),
    args_hash: record.argsHash,
    args_name: record.args?.name ?? null,
    is_aggregate: record.isAggregate,
    combo_hash: record.comboHash,
    input_records: record.inputRecords.map((input) => input.index).filter((index) => index >= 0),
    stages: [...record.stages],
    stage_inputs: record.stageInputs.map((indices) => [...indices]),
    stage_outputs: record.stageOutputs.map((indices) => [...indices]),
    state_artifact_reps: reps,
    stored_paths: record.storedPaths.map((file) => manager.displayPath(file)),
    stage_info: record.stageInfo.map((info) => ({
      duration_ms: info.durationMs,
      cached: info.cached,
      ...(info.error === null ? {} : { error: info.error, traceback: info.traceback }),
    })),
    ...(record.metrics.empty ? {} : { metrics: metricsToWire(record.metrics) }),
  };
}
