/**
 * `ArtifactManager`: one experiment run. It owns the records, every artifact representation (their
 * positions are the indices run.json refers to), the reportables and the log; it names cache paths
 * and the run folder, and writes `runs/<reference>/` when the run finishes or fails.
 */
import { hostname as osHostname } from "node:os";
import path from "node:path";
import type { WireRunInfo, WireRunStatus } from "../run/wire.js";
import { hashArgs, type Args } from "./args.js";
import type { ArtifactRepresentation } from "./ArtifactRepresentation.js";
import {
  describeCommandLine,
  detectGit,
  formatLogTime,
  formatTimestamp,
  nextRunNumber,
  type GitInfo,
} from "./environment.js";
import { describeError, InvalidExperimentNameError, InvalidMetricError } from "./errors.js";
import { tracebackOf } from "./traceback.js";
import {
  checkedTolerance,
  MetricLog,
  type LogMetricOptions,
  type MetricDeclarationInput,
  type MetricGoalInput,
  type MetricInput,
  type MetricToleranceInput,
} from "./metrics.js";
import type { Record } from "./Record.js";
import type { Reportable } from "./Reportable.js";
import { RunLog } from "./RunLog.js";
import { ParamsRegistry } from "./ParamsRegistry.js";
import { placeReportable } from "./placement.js";
import { buildRunInfo } from "./serialize.js";
import { writeRunFolder } from "./runFolder.js";

/** Options of an experiment run. Paths are relative to `root`. */
export interface ArtifactManagerOptions {
  /** Folder that relative paths start from, and that run.json paths are shown relative to (default: cwd). */
  readonly root?: string;
  /** Cache folder (default `data/cache`). */
  readonly cachePath?: string;
  /** Folder of run folders (default `runs`). */
  readonly runsPath?: string;
  /** Prefix of cache file names (default: the experiment name). */
  readonly prefix?: string;
  /** Copy every cached and tracked file into `runs/<reference>/artifacts/` (default false). */
  readonly storeFull?: boolean;
  /** Write no files at all: no cache, no run folder (default false). */
  readonly dry?: boolean;
  /** Read the cache but never write it (default false); used to reproduce from a full store. */
  readonly dryCache?: boolean;
  /** Run every stage even when its outputs are cached (default false). */
  readonly overwrite?: boolean;
  /** Free text shown with the run. */
  readonly notes?: string | null;
  /** Names of the parameter files the args came from (default: the sources given to `registerArgs`). */
  readonly paramFiles?: readonly string[] | null;
  /** Args fields left out of every hash (besides `name` and each args' own `ignoredParams`). */
  readonly ignoredParams?: readonly string[];
  /** The command line to record (default: process.argv, script path relative to root). */
  readonly cli?: string;
  /** Source of time (default `() => new Date()`); inject a fixed clock for reproducible output. */
  readonly clock?: () => Date;
  /** Format timestamps in UTC instead of local time (default false). */
  readonly utc?: boolean;
  /**
   * How an error's traceback is written (default: `tracebackOf`, the user's frames with paths
   * relative to the root); inject one for reproducible output, as with `clock`.
   */
  readonly traceback?: (error: unknown) => string | null;
  /** Host name to record (default: os.hostname()). */
  readonly hostname?: string;
  /** Git facts to record, or a function giving them (default: asks git in `root`). */
  readonly git?: GitInfo | (() => GitInfo);
  /** Keep a log and write `log.txt` (default true). */
  readonly log?: boolean;
}

/** One experiment run: records, artifacts, reportables, and the run folder they become. */
export class ArtifactManager {
  /** Name of the experiment; the first part of the reference. */
  readonly experimentName: string;
  /** Absolute project folder that relative paths start from. */
  readonly root: string;
  /** Cache folder as given (relative to `root`). */
  readonly cachePath: string;
  /** Runs folder as given (relative to `root`). */
  readonly runsPath: string;
  /** Prefix of cache file names. */
  readonly prefix: string;
  /** Whether tracked files are copied into the run folder's `artifacts/`. */
  readonly storeFull: boolean;
  /** Whether nothing at all is written. */
  readonly dry: boolean;
  /** Whether the cache is read but never written. */
  readonly dryCache: boolean;
  /** Whether stages run even when cached. */
  readonly overwrite: boolean;
  /** Free text shown with the run, or null. */
  readonly notes: string | null;
  /** Args fields left out of every hash. */
  readonly ignoredParams: readonly string[];
  /** The command line recorded in run_info. */
  readonly cli: string;
  /** The host name recorded in run_info. */
  readonly hostname: string;
  /** Whether timestamps are UTC (else local time). */
  readonly utc: boolean;
  /** Whether `log.txt` is written. */
  readonly logEnabled: boolean;
  /** Every record in the run, in creation order. */
  readonly records: Record[] = [];
  /** Every artifact representation; positions are the indices of stage inputs and outputs. */
  readonly artifacts: ArtifactRepresentation[] = [];
  /** Every reportable, in report order. */
  readonly reportables: Reportable[] = [];
  /** The stage running now (or last run); cache paths default to it. */
  currentStage: string | null = null;
  /** The run's number among runs of this experiment in the runs folder. */
  readonly runNumber: number;
  /** When the run started (from the clock). */
  readonly startedAt: Date;
  /** Run status: incomplete until `finish()` or `fail()`. */
  status: WireRunStatus = "incomplete";
  /** `"<ErrorName> - <message>"` after `fail()`. */
  error: string | null = null;
  /** The traceback of the run's error after `fail()` (user frames only), or null. */
  traceback: string | null = null;
  /** Seconds from start to finish, once finished. */
  durationS: number | null = null;
  /** The run's log. */
  readonly log: RunLog;
  /** Which args sets the run used, by parameter file. */
  readonly params: ParamsRegistry;
  /** Run-level metrics (`logMetric` on the manager), written to run.json's top-level `metrics`. */
  readonly metrics = new MetricLog();
  /** Which direction is better, per metric name, as given to `logMetric(..., { goal })` or `declareMetrics`. */
  readonly metricGoals = new Map<string, MetricGoalInput>();
  /** Declared tolerances by metric name (`declareMetrics`), written to run.json's `metric_tolerances`. */
  readonly metricTolerances = new Map<string, MetricToleranceInput>();
  /** The declared primary metric (`declareMetrics`), written to run.json's `primary_metric`. */
  primaryMetric: string | null = null;
  private readonly clock: () => Date;
  private readonly tracebackWriter: (error: unknown) => string | null;
  private readonly gitSource: GitInfo | (() => GitInfo) | undefined;
  private git: GitInfo | null = null;
  private readonly explicitParamFiles: readonly string[] | null | undefined;
  private readonly qualifiedNames = new Set<string>();
  private started: Promise<void> | null = null;

  constructor(experimentName: string, options: ArtifactManagerOptions = {}) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(experimentName)) {
      throw new InvalidExperimentNameError(
        `Experiment name ${JSON.stringify(experimentName)} cannot name a run folder; use letters, digits, ".", "_" and "-".`,
      );
    }
    this.experimentName = experimentName;
    this.root = path.resolve(options.root ?? process.cwd());
    this.cachePath = options.cachePath ?? "data/cache";
    this.runsPath = options.runsPath ?? "runs";
    this.prefix = options.prefix ?? experimentName;
    this.storeFull = options.storeFull ?? false;
    this.dry = options.dry ?? false;
    this.dryCache = options.dryCache ?? false;
    this.overwrite = options.overwrite ?? false;
    this.notes = options.notes ?? null;
    this.ignoredParams = options.ignoredParams ?? [];
    this.explicitParamFiles = options.paramFiles;
    this.cli = options.cli ?? describeCommandLine(process.argv, this.root);
    this.hostname = options.hostname ?? osHostname();
    this.clock = options.clock ?? (() => new Date());
    this.utc = options.utc ?? false;
    this.tracebackWriter = options.traceback ?? ((error) => tracebackOf(error, { root: this.root, locations: true }));
    this.gitSource = options.git;
    this.logEnabled = options.log ?? true;
    this.log = new RunLog(() => formatLogTime(this.now(), this.utc));
    this.params = new ParamsRegistry();
    this.startedAt = this.now();
    this.runNumber = nextRunNumber(this.runsDir, experimentName);
  }

  /** The current time from the clock. */
  now(): Date {
    return this.clock();
  }

  /** A date as `YYYY-MM-DD-THHMMSS` in this run's time zone setting. */
  timestampOf(date: Date): string {
    return formatTimestamp(date, this.utc);
  }

  /** `<experiment>_<runNumber>_<YYYY-MM-DD-THHMMSS>`: the run folder's name. */
  getReferenceName(): string {
    return `${this.experimentName}_${this.runNumber}_${this.timestampOf(this.startedAt)}`;
  }

  /** Absolute cache folder. */
  get cacheDir(): string {
    return path.resolve(this.root, this.cachePath);
  }

  /** Absolute folder of run folders. */
  get runsDir(): string {
    return path.resolve(this.root, this.runsPath);
  }

  /** Absolute folder of this run. */
  get runDir(): string {
    return path.join(this.runsDir, this.getReferenceName());
  }

  /** Git commit and dirtiness (asked once). */
  get gitInfo(): GitInfo {
    this.git ??= typeof this.gitSource === "function" ? this.gitSource() : (this.gitSource ?? detectGit(this.root));
    return this.git;
  }

  /** Parameter files: as given, else the sources passed to `registerArgs`, else null. */
  get paramFiles(): readonly string[] | null {
    if (this.explicitParamFiles !== undefined) return this.explicitParamFiles;
    const files = this.params.files();
    return files.length === 0 ? null : files;
  }

  /** A path as run.json shows it: relative to `root` with `/`, or absolute when outside root. */
  displayPath(file: string): string {
    const relative = path.relative(this.root, path.resolve(this.root, file));
    if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative))
      return path.resolve(this.root, file).split(path.sep).join("/");
    return relative.split(path.sep).join("/");
  }

  /**
   * `[cache]/[subdir/][prefix]_[hash]_[stage]_[objName]` (absolute), or the same name under the
   * run's full store with `store: true`. The hash is the record's (`None` without one).
   */
  getArtifactPath(
    objName: string,
    record: Record | null,
    options: { subdir?: string; prefix?: string; stageName?: string; store?: boolean } = {},
  ): string {
    const hash = record?.getHash() ?? "None";
    const stage = options.stageName ?? this.currentStage ?? record?.stages.at(-1) ?? "none";
    const base = options.store === true ? this.storeDir : this.cacheDir;
    const sub = options.subdir === undefined || options.subdir === "" ? [] : [options.subdir];
    return path.join(base, ...sub, `${options.prefix ?? this.prefix}_${hash}_${stage}_${objName}`);
  }

  /** The full store folder of this run, `runs/<reference>/artifacts`. */
  get storeDir(): string {
    return path.join(this.runDir, "artifacts");
  }

  /** Where a cache (or other) path is copied in the full store: same relative place under `artifacts/`. */
  storePathOf(file: string): string {
    const relative = path.relative(this.cacheDir, file);
    const inside = relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
    return path.join(this.storeDir, inside ? relative : path.basename(file));
  }

  /** Adds args sets from one parameter file (or none: `"(live)"`) to the run's params; returns them. */
  registerArgs<A extends Args>(argsList: readonly A[], paramFile?: string): A[] {
    for (const args of argsList) this.params.add(args, hashArgs(args, { ignore: this.ignoredParams }), paramFile);
    return [...argsList];
  }

  /** Called by `Record`'s constructor. */
  addRecord(record: Record): void {
    this.records.push(record);
    if (record.args !== null && record.argsHash !== null) this.params.use(record.args, record.argsHash);
  }

  /** Adds a representation and returns its index (-1, and no index, for a hidden record's). */
  addArtifact(rep: ArtifactRepresentation): number {
    if (rep.record.hidden) return -1;
    rep.index = this.artifacts.push(rep) - 1;
    return rep.index;
  }

  /** Called by `Record.report`: names the reportable (numbered within record and stage, unique in the run). */
  addReportable(record: Record, reportable: Reportable): void {
    placeReportable(this, record, reportable, this.qualifiedNames);
    this.reportables.push(reportable);
  }

  /** Logs a run-level metric (a scalar, or with `{ step }` a point of a series); see `Record.logMetric`. */
  logMetric(name: string, value: number, options: LogMetricOptions = {}): void {
    this.metrics.log(name, value, options);
    if (options.goal !== undefined) this.setMetricGoal(name, options.goal);
  }

  /** Logs several run-level metrics at once. */
  logMetrics(values: Readonly<{ [name: string]: MetricInput }>, options: LogMetricOptions = {}): void {
    for (const [name, value] of Object.entries(values)) this.logMetric(name, value, options);
  }

  /** Says which direction of metric `name` is better, for every record and the run. */
  setMetricGoal(name: string, goal: MetricGoalInput): void {
    if (goal !== "min" && goal !== "max")
      throw new InvalidMetricError(
        `The goal of metric ${JSON.stringify(name)} must be "min" or "max", not ${JSON.stringify(goal)}.`,
      );
    this.metricGoals.set(name, goal);
  }

  /**
   * Declares the run's metrics once, for every record and the run: the primary metric (it ranks
   * records and leads comparisons), goals (`"min"` or `"max"`) and tolerances (`{ abs, rel }`: a
   * change within it is noise, not better or worse). A declaration wins over the project file and
   * over a goal guessed from a metric's name; a later declaration of the same name replaces it.
   */
  declareMetrics(declaration: MetricDeclarationInput): void {
    const { primary, goals = {}, tolerances = {} } = declaration;
    if (primary !== undefined && (typeof primary !== "string" || primary === ""))
      throw new InvalidMetricError(`The primary metric must be a metric's name, not ${JSON.stringify(primary)}.`);
    const checked = Object.entries(tolerances).map(([name, t]) => [name, checkedTolerance(name, t)] as const);
    for (const [name, goal] of Object.entries(goals)) this.setMetricGoal(name, goal);
    for (const [name, t] of checked) this.metricTolerances.set(name, t);
    if (primary !== undefined) this.primaryMetric = primary;
  }

  /** The run_info block as it stands now. */
  runInfo(): WireRunInfo {
    return buildRunInfo(this);
  }

  /** Starts the run (once): writes run.json with status incomplete, so a crash leaves a trace. */
  start(): Promise<void> {
    this.started ??= (async () => {
      this.log.info(`run ${this.getReferenceName()} started`);
      await writeRunFolder(this, { final: false });
    })();
    return this.started;
  }

  /** Marks the run complete and writes its folder and `runs/latest`; returns the run folder. */
  async finish(): Promise<string> {
    return this.end("complete", null);
  }

  /** Marks the run failed with `"<ErrorName> - <message>"` and writes its folder; returns the run folder. */
  async fail(error: unknown): Promise<string> {
    this.traceback = this.tracebackOf(error);
    return this.end("error", describeError(error));
  }

  /** The traceback of `error` as this run records it (user frames, paths relative to the root). */
  tracebackOf(error: unknown): string | null {
    return this.tracebackWriter(error);
  }

  /** Runs `body`, then `finish()`; on an error, `fail(error)` and rethrows. Returns the run folder. */
  async run(body: (manager: ArtifactManager) => Promise<void> | void): Promise<string> {
    await this.start();
    try {
      await body(this);
    } catch (error) {
      await this.fail(error);
      throw error;
    }
    return this.finish();
  }

  private async end(status: WireRunStatus, error: string | null): Promise<string> {
    await this.start();
    for (const record of this.records) await record.storeTrackedPaths();
    this.status = status;
    this.error = error;
    this.durationS = Math.round(this.now().getTime() - this.startedAt.getTime()) / 1000;
    if (error === null) this.log.info(`run ${status} in ${this.durationS} s`);
    else this.log.error(`run failed: ${error}`);
    await writeRunFolder(this, { final: true });
    return this.runDir;
  }
}
