/**
 * `Record`: one args set's line through the stages (curifactory's Record). It carries the state
 * (artifacts by name), which stages ran and with which inputs and outputs, and the paths a full
 * store must copy.
 */
import { cp, stat } from "node:fs/promises";
import path from "node:path";
import type { ArtifactManager } from "./ArtifactManager.js";
import type { ArtifactRepresentation } from "./ArtifactRepresentation.js";
import { comboHash, hashArgs, type Args } from "./args.js";
import { CacheAwareDict } from "./CacheAwareDict.js";
import { deepCopy } from "./deepCopy.js";
import { MetricLog, type LogMetricOptions, type MetricCall, type MetricInput } from "./metrics.js";
import type { Reportable } from "./Reportable.js";
import { makeDirectory } from "../util/makeDirectory.js";

/** Options of a record. */
export interface RecordOptions {
  /** When true the record is not added to the manager (it will not appear in the run). */
  readonly hide?: boolean;
}

/** Where a cache path goes: optional sub-folder, prefix and stage (default: the current stage). */
export interface PathOptions {
  readonly subdir?: string;
  readonly prefix?: string;
  readonly stageName?: string;
  /** Copy this path into a full store at the end of the stage (default true). */
  readonly track?: boolean;
}

/** A path handed out by `getPath`/`getDir` that a full store should copy. */
export interface TrackedPath {
  readonly objName: string;
  readonly subdir: string | undefined;
  readonly prefix: string | undefined;
  readonly path: string;
}

/** Per-stage execution facts, parallel to `stages`. */
export interface StageRunInfo {
  durationMs: number | null;
  cached: boolean;
  /** `"<ErrorName> - <message>"` when the stage raised, else null. */
  error: string | null;
  /** The traceback of the stage's error (user frames), else null. */
  traceback: string | null;
}

/** A single persistent state passed between stages in one experiment line. */
export class Record {
  /** The manager this record belongs to. */
  readonly manager: ArtifactManager;
  /** The args applied to every stage this record passes through, or null. */
  args: Args | null;
  /** Hash of `args` (set on construction by `setHash`), or null without args. */
  argsHash: string | null = null;
  /** Every artifact the stages produced, by name. */
  readonly state = new CacheAwareDict();
  /** A representation per state entry; what graphs and `stage_inputs` refer to. */
  stateArtifactReps = new Map<string, ArtifactRepresentation>();
  /** Names of the stages run so far. */
  readonly stages: string[] = [];
  /** Per stage, artifact indices of its inputs (-1 for an input without a representation). */
  readonly stageInputs: number[][] = [];
  /** Per stage, artifact indices of its outputs. */
  readonly stageOutputs: number[][] = [];
  /** Per stage, duration and whether it came from cache. */
  readonly stageInfo: StageRunInfo[] = [];
  /** Records this one draws on (the source of a copy, the inputs of an aggregate). */
  readonly inputRecords: Record[] = [];
  /** True once an aggregate stage ran on this record; its hash is then `comboHash`. */
  isAggregate = false;
  /** Hash of the input records' hashes, set by `setAggregate`. */
  comboHash: string | null = null;
  /** What the last stage returned. */
  output: unknown = undefined;
  /** Source paths already copied into the full store. */
  readonly storedPaths: string[] = [];
  /** Paths from `getPath`/`getDir` not yet copied into the full store. */
  unstoredTrackedPaths: TrackedPath[] = [];
  /** True when the record was kept out of the manager. */
  readonly hidden: boolean;
  /** Metrics logged on this record (`logMetric`), written to run.json's record `metrics`. */
  readonly metrics = new MetricLog();
  /** Every `logMetric` call with the stage it was made in, so a stage's cache can keep its metrics. */
  readonly metricCalls: MetricCall[] = [];

  constructor(manager: ArtifactManager, args: Args | null = null, options: RecordOptions = {}) {
    this.manager = manager;
    this.args = args;
    this.hidden = options.hide ?? false;
    this.setHash();
    if (!this.hidden) manager.addRecord(this);
  }

  /** Position in the manager's records, or -1 for a hidden record. */
  get index(): number {
    return this.manager.records.indexOf(this);
  }

  /** Computes the args hash (with the manager's ignored fields) and stores it in `argsHash`. */
  setHash(): string | null {
    this.argsHash = this.args === null ? null : hashArgs(this.args, { ignore: this.manager.ignoredParams });
    return this.argsHash;
  }

  /** The combo hash for an aggregate record, else the args hash. */
  getHash(): string | null {
    return this.isAggregate ? this.comboHash : this.argsHash;
  }

  /** `[cache]/[subdir/][prefix]_[hash]_[stage]_[objName]` for this record (absolute); tracked by default. */
  getPath(objName: string, options: PathOptions = {}): string {
    const file = this.manager.getArtifactPath(objName, this, options);
    if (options.track ?? true)
      this.unstoredTrackedPaths.push({ objName, subdir: options.subdir, prefix: options.prefix, path: file });
    return file;
  }

  /** Like `getPath` with the name as suffix, and creates the folder. */
  async getDir(dirNameSuffix: string, options: PathOptions = {}): Promise<string> {
    const dir = this.getPath(dirNameSuffix, options);
    await makeDirectory(dir);
    return dir;
  }

  /** Marks this record as an aggregate of `records`: its hash becomes their combo hash. */
  setAggregate(records: readonly Record[]): void {
    this.isAggregate = true;
    this.comboHash = comboHash(records.map((record) => record.getHash()));
    for (const record of records) if (!this.inputRecords.includes(record)) this.inputRecords.push(record);
  }

  /**
   * A new record with a deep copy of this state (and its representations), drawing on this one.
   * `args` null or left out keeps this record's args, as curifactory's `args=None` does.
   */
  makeCopy(args?: Args | null, addToManager = true): Record {
    const copy = new Record(this.manager, args ?? this.args, { hide: !addToManager });
    for (const [key, value] of deepCopy([...this.state.entries()].map(([k]) => [k, this.state.getRaw(k)] as const)))
      copy.state.set(key, value);
    copy.stateArtifactReps = new Map(this.stateArtifactReps);
    copy.inputRecords.push(this);
    return copy;
  }

  /** Adds a reportable to the run's report, placed under this record and its own last stage (`stages[-1]`). */
  report(reportable: Reportable): void {
    this.manager.addReportable(this, reportable);
  }

  /**
   * Logs a metric of this record: a scalar, or with `{ step }` one point of a series (steps may
   * come in any order; a step logged twice keeps the last value). An aggregate record's metrics
   * are run-level. `{ goal }` says which direction is better for the whole run.
   */
  logMetric(name: string, value: number, options: LogMetricOptions = {}): void {
    this.metrics.log(name, value, options);
    if (options.goal !== undefined) this.manager.setMetricGoal(name, options.goal);
    this.metricCalls.push({ name, value, step: options.step, goal: options.goal, stage: this.manager.currentStage });
  }

  /** Logs several scalar metrics (or points of series at one `step`) at once. */
  logMetrics(values: Readonly<{ [name: string]: MetricInput }>, options: LogMetricOptions = {}): void {
    for (const [name, value] of Object.entries(values)) this.logMetric(name, value, options);
  }

  /** `Record <index> (<args name | None>)`, as shown in stage maps and cache metadata. */
  getReferenceName(): string {
    return `Record ${this.index} (${this.args?.name ?? "None"})`;
  }

  /** Copies tracked paths that exist into the run's full store (when storing full); always clears the list. */
  async storeTrackedPaths(): Promise<void> {
    const tracked = this.unstoredTrackedPaths;
    this.unstoredTrackedPaths = [];
    if (!this.manager.storeFull || this.manager.dry) return;
    for (const item of tracked) {
      if (this.storedPaths.includes(item.path)) continue;
      // A tracked path the stage never wrote is simply not stored; other failures surface.
      const info = await stat(item.path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return null;
        throw error;
      });
      if (info === null) continue;
      const target = this.manager.storePathOf(item.path);
      await makeDirectory(path.dirname(target));
      await cp(item.path, target, { recursive: true });
      this.storedPaths.push(item.path);
    }
  }
}
