/**
 * Building a site from what the user points at: one run folder, `runs/latest`, or a runs folder
 * (every run under it). A run that cannot be read or rendered does not stop the others: every
 * failure is collected and returned, and the index is refreshed once at the end. Everything is
 * written through one target (SiteTarget.ts): on disk, builds are incremental (see incremental.ts):
 * a run whose report is up to date is skipped, and the index is refreshed only when a report was
 * built or one was found up to date by its content alone.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { reportFolderName } from "../render/router.js";
import { resolveRunDir } from "../run/latest.js";
import { scanRuns } from "../run/scan.js";
import { RUN_FILE } from "../run/version.js";
import { CuriError, InputNotFoundError } from "../util/errors.js";
import { timed, timedAsync, withPhaseSink, type PhaseSink } from "../util/phases.js";
import type { IndexBuildResult } from "./buildIndex.js";
import type * as ReadModule from "../run/read.js";
import type * as BuildReportModule from "./buildReport.js";
import type { BuildReportOptions, BuiltReport } from "./buildReport.js";
import { DiskTarget } from "./DiskTarget.js";
import { buildKey, type UpToDate } from "./incremental.js";
import { packageVersion } from "./packageFiles.js";
import { readMarker } from "./reportMarker.js";
import { checkStylesheet } from "./safeOutputPath.js";
import type { SiteTarget } from "./SiteTarget.js";
import { readSiteHistory, type HistoryOptions } from "./siteHistory.js";
import { warnLeftOut } from "./readPublished.js";

/**
 * The report pipeline (run validation, render, graph layout, templates, Markdown), loaded when the
 * first report is built: loading it costs ~0.2 s, which a build with every report up to date never
 * needs to pay.
 */
async function reportPipeline(): Promise<{
  readRun: typeof ReadModule.readRun;
  buildReportInto: typeof BuildReportModule.buildReportInto;
}> {
  const [{ readRun }, { buildReportInto }] = await Promise.all([import("../run/read.js"), import("./buildReport.js")]);
  return { readRun, buildReportInto };
}

/** Progress after each run of a site build (1-based `position` of `total`). */
export interface SiteProgress {
  readonly position: number;
  readonly total: number;
  /** The run folder just handled. */
  readonly runDir: string;
  /** Set when the run was built. */
  readonly report?: BuiltReport;
  /** Set when the run failed. */
  readonly error?: unknown;
  /** Set when the run's report was up to date and skipped: its report folder. */
  readonly upToDate?: string;
}

/** Options of `buildSite`. */
export interface BuildSiteOptions extends Omit<BuildReportOptions, "updateIndex"> {
  /** Called after each run, built, skipped as up to date, or failed. */
  readonly onProgress?: (progress: SiteProgress) => void;
  /** Skip runs whose report is up to date (disk builds only; default true). False rebuilds every report. */
  readonly incremental?: boolean;
  /** Folder for what this machine knows about the sites it built (default: `defaultStateDir()`, the user's cache folder). Never inside a site. */
  readonly stateDir?: string;
  /** Receives the time of each build phase (read, layout, plots, templates, write, index, incremental); for benchmarks. */
  readonly onPhase?: PhaseSink;
  /** Compare each built run with its experiment's previous and next runs in the site, written to `compare/` (default true; `--no-compare` on the CLI turns it off). */
  readonly comparePrevious?: boolean;
  /** The branch the runs come from, the default branch and an earlier history to carry on (history.json). */
  readonly history?: HistoryOptions;
}

/** A run that could not be built, and why. */
export interface SiteFailure {
  readonly runDir: string;
  readonly error: unknown;
}

/** What `buildSite` did. */
export interface SiteBuildResult {
  /** The run folders the input named, in build order. */
  readonly runDirs: readonly string[];
  readonly reports: readonly BuiltReport[];
  /** Run folders skipped because their report was up to date. */
  readonly upToDate: readonly string[];
  readonly failures: readonly SiteFailure[];
  /** Folders in a runs folder that hold no run.json (not built). */
  readonly skipped: readonly string[];
  /**
   * The refreshed index (its `memory` holds the whole site for a memory target), or null when
   * no report was built or proven up to date by its content (nothing changed, or nothing could be built).
   */
  readonly index: IndexBuildResult | null;
  /** Comparison pages written (each built run with its experiment's previous run), relative to the site folder. */
  readonly comparisons: readonly string[];
}

/**
 * Builds the report of every run that `input` names into `options.outDir`, collecting failures,
 * then refreshes the index once (when at least one report was built). `input` is one input or a
 * list of them (run folders, runs folders, runs/latest: the CLI's run selection), whose runs are
 * built in sorted order, each once. Throws only when an input itself is missing or holds no runs,
 * or when the index cannot be written.
 */
export function buildSite(input: string | readonly string[], options: BuildSiteOptions): Promise<SiteBuildResult> {
  return withPhaseSink(options.onPhase, () => build(typeof input === "string" ? [input] : input, options));
}

async function build(inputs: readonly string[], options: BuildSiteOptions): Promise<SiteBuildResult> {
  const { runDirs, skipped } = await timedAsync("read", () => resolveSiteInputs(inputs));
  // Checked once here rather than failing every run the same way.
  const css = options.css === undefined ? undefined : path.resolve(options.css);
  if (css !== undefined) await checkStylesheet(css);
  const target =
    options.target ??
    new DiskTarget(options.outDir, {
      ...(options.incremental === undefined ? {} : { incremental: options.incremental }),
      ...(options.stateDir === undefined ? {} : { stateDir: options.stateDir }),
    });
  await target.prepare([...inputs.map((i) => path.resolve(i)), ...runDirs]);
  const version = options.version ?? packageVersion();
  const key = timed("incremental", () =>
    buildKey({
      version,
      ...(css === undefined ? {} : { css }),
      ...(options.compareDataMaxBytes === undefined ? {} : { compareDataMaxBytes: options.compareDataMaxBytes }),
      ...(options.groupBy === undefined ? {} : { groupBy: options.groupBy }),
      ...(options.projectConfig == null ? {} : { projectConfig: options.projectConfig.file }),
    }),
  );
  const current = await withFreshSingleFiles(target, target.upToDate(key, runDirs), options.singleFile);
  // A damaged history.json stops a build that will write before anything is written: the index
  // written after the reports would replace it, losing the runs it holds.
  if (current.reports.size < runDirs.length || current.verified.size > 0)
    timed("read", () => readSiteHistory(target.root));
  const reports: BuiltReport[] = [];
  const upToDate: string[] = [];
  const failures: SiteFailure[] = [];
  const folders = new Map<string, string>();
  for (const [i, runDir] of runDirs.entries()) {
    const at = { position: i + 1, total: runDirs.length, runDir };
    let progress: SiteProgress;
    try {
      const unchanged = current.reports.get(runDir);
      if (unchanged !== undefined) {
        claimFolder(folders, unchanged, runDir);
        upToDate.push(runDir);
        progress = { ...at, upToDate: unchanged };
      } else {
        const { readRun, buildReportInto } = await reportPipeline();
        const run = await timedAsync("read", () => readRun(runDir));
        claimFolder(folders, reportFolderName(run.info.reference), runDir);
        const report = await buildReportInto(run, { ...options, updateIndex: false, buildKey: key }, target);
        reports.push(report);
        target.built(runDir, report);
        progress = { ...at, report };
      }
    } catch (error) {
      failures.push({ runDir, error });
      progress = { ...at, error };
    }
    options.onProgress?.(progress);
  }
  let comparisons: string[] = [];
  // Reports proven up to date by content alone may come from a build killed before it wrote their
  // comparisons (or with a copied site): their comparisons are written again, like those of built ones.
  if (options.comparePrevious !== false && (reports.length > 0 || current.verified.size > 0)) {
    const { comparePrevious } = await import("./comparePrevious.js");
    const built = reports.map((r) => r.indexed);
    comparisons = await timedAsync("index", () =>
      comparePrevious({ target, built, verified: [...current.verified.keys()], version }),
    );
  }
  // A report proven up to date by its content alone (the state did not vouch for it) may have been
  // swapped in by a build killed before it wrote the index, or come with a copied site: the index
  // (and the lock such a build held) is then not known to match it, so it is refreshed too.
  const refresh = reports.length > 0 || current.verified.size > 0;
  const index = refresh
    ? await timedAsync("index", () => refreshIndex(target, version, reports, options.history))
    : null;
  await target.finish(key, index, current);
  return { runDirs, reports, upToDate, failures, skipped, index, comparisons };
}

/** Refreshes the index through the target, listing the built reports. */
async function refreshIndex(
  target: SiteTarget,
  version: string,
  reports: readonly BuiltReport[],
  history: HistoryOptions | undefined,
): Promise<IndexBuildResult> {
  // Loaded here, not at start-up: a build with nothing to do never renders the index.
  const { writeIndexInto } = await import("./buildIndex.js");
  const index = await writeIndexInto(
    target,
    reports.map((r) => r.indexed),
    version,
    history,
  );
  // A report whose run_info.json was refused (damaged, a link, another version) drops out of the trends: say so.
  for (const { folder, reason } of index.broken) warnLeftOut(reason, `${folder} is listed as an informal run`);
  return index;
}

/**
 * With `singleFile`, a report is up to date only while its single file was made from that very
 * folder (the digest in the file's head is the one in the folder's marker): a report whose single
 * file is missing, or was made from another build of it, is built again, single file and all.
 */
async function withFreshSingleFiles(
  target: SiteTarget,
  current: UpToDate,
  singleFile: BuildSiteOptions["singleFile"],
): Promise<UpToDate> {
  if (singleFile === undefined || singleFile === false || current.reports.size === 0) return current;
  const { singleFileStamp, SINGLE_FILE_MAX_BYTES } = await import("./singleFile.js");
  for (const [runDir, folder] of [...current.reports]) {
    // A file past the bound (or not a regular file) is made anew.
    const html = await target.readText(`${folder}.html`, SINGLE_FILE_MAX_BYTES);
    const output = readMarker(path.join(target.root, folder))?.output;
    if (html !== null && output !== undefined && singleFileStamp(html) === output) continue;
    current.reports.delete(runDir);
    current.verified.delete(folder);
  }
  return current;
}

/**
 * Two run folders with the same reference (or references differing only in case) would write the same report folder, the second
 * silently replacing the first; refuse the second and say so.
 */
function claimFolder(folders: Map<string, string>, folder: string, runDir: string): void {
  // Case-insensitively, as macOS and Windows compare names.
  const key = folder.toLowerCase();
  const first = folders.get(key);
  if (first !== undefined) {
    throw new CuriError(
      `${runDir} has the same report folder (${folder}) as ${first}, so it was not built; remove the copy or give the run its own reference.`,
    );
  }
  folders.set(key, runDir);
}

/** What an input argument names: the run folders to build, and run-less folders it skipped. */
export interface SiteInput {
  readonly runDirs: readonly string[];
  readonly skipped: readonly string[];
}

/** Resolves several inputs: their runs in sorted order (code units), each once; one input as `resolveSiteInput` does. */
async function resolveSiteInputs(inputs: readonly string[]): Promise<SiteInput> {
  const [only] = inputs;
  if (inputs.length === 1 && only !== undefined) return resolveSiteInput(only);
  const resolved = [];
  for (const input of inputs) resolved.push(await resolveSiteInput(input));
  const sorted = (dirs: string[]): string[] => [...new Set(dirs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { runDirs: sorted(resolved.flatMap((r) => r.runDirs)), skipped: sorted(resolved.flatMap((r) => r.skipped)) };
}

/**
 * Resolves the CLI input: a run folder (holding run.json) or `runs/latest` gives one run; a
 * folder with subfolders is a runs folder whose runs are all built. Paths come back absolute.
 * Anything else (a missing run a latest marker names, a folder with nothing in it) is passed on as
 * one run, so that readRun's error says exactly what is missing.
 */
export async function resolveSiteInput(input: string): Promise<SiteInput> {
  const dir = await resolveRunDir(input);
  const isRun = await stat(path.join(dir, RUN_FILE)).then(
    () => true,
    () => false,
  );
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (isRun || !isDir) return { runDirs: [dir], skipped: [] };
  const scanned = await scanRuns(dir);
  const runDirs = scanned.runs.map((r) => path.resolve(dir, r));
  const skipped = scanned.informal.map((r) => path.resolve(dir, r));
  // A folder without run.json or subfolders was meant as a run folder: readRun says what it lacks.
  if (runDirs.length === 0 && skipped.length === 0) return { runDirs: [dir], skipped: [] };
  if (runDirs.length === 0) {
    const names = skipped.slice(0, 3).map((s) => path.basename(s));
    throw new InputNotFoundError(
      `${input} holds no runs (its folders ${names.join(", ")}${skipped.length > 3 ? ", …" : ""} have no ${RUN_FILE}); pass a run folder, a runs folder, or runs/latest.`,
    );
  }
  return { runDirs, skipped };
}
