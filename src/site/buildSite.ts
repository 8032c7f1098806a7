/**
 * Building a site from what the user points at: one run folder, `runs/latest`, or a runs folder
 * (every run under it). A run that cannot be read or rendered does not stop the others: every
 * failure is collected and returned, and the index is refreshed once at the end.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { reportFolderName } from "../render/router.js";
import { resolveRunDir } from "../run/latest.js";
import { readRun } from "../run/read.js";
import { scanRuns } from "../run/scan.js";
import { RUN_FILE } from "../run/version.js";
import { CuriError, InputNotFoundError } from "../util/errors.js";
import { buildIndex, scanSite, withReports, writeSiteRoot, type IndexBuildResult } from "./buildIndex.js";
import { buildReportInto, type BuildReportOptions, type BuiltReport } from "./buildReport.js";
import { InMemoryReportFiles } from "./InMemoryReportFiles.js";
import { packageVersion } from "./packageFiles.js";
import { checkCopySource } from "./safeOutputPath.js";

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
}

/** Options of `buildSite`. */
export interface BuildSiteOptions extends Omit<BuildReportOptions, "updateIndex"> {
  /** Called after each run, built or failed. */
  readonly onProgress?: (progress: SiteProgress) => void;
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
  readonly failures: readonly SiteFailure[];
  /** Folders in a runs folder that hold no run.json (not built). */
  readonly skipped: readonly string[];
  /**
   * The refreshed index (its `memory` holds the whole site for `target: "memory"`), or null when
   * no report was built (nothing changed, and the output may not even be writable).
   */
  readonly index: IndexBuildResult | null;
}

/**
 * Builds the report of every run that `input` names into `options.outDir`, collecting failures,
 * then refreshes the index once (when at least one report was built). Throws only when the input
 * itself is missing or holds no runs, or when the index cannot be written.
 */
export async function buildSite(input: string, options: BuildSiteOptions): Promise<SiteBuildResult> {
  const { runDirs, skipped } = await resolveSiteInput(input);
  // Checked once here rather than failing every run the same way.
  if (options.css !== undefined) await checkCopySource(path.resolve(options.css));
  const memory = options.target === "memory" ? new InMemoryReportFiles(options.outDir) : undefined;
  const reports: BuiltReport[] = [];
  const failures: SiteFailure[] = [];
  const folders = new Map<string, string>();
  for (const [i, runDir] of runDirs.entries()) {
    let progress: SiteProgress;
    try {
      const run = await readRun(runDir);
      claimFolder(folders, reportFolderName(run.info.reference), runDir);
      const report = await buildReportInto(run, { ...options, updateIndex: false }, memory);
      reports.push(report);
      progress = { position: i + 1, total: runDirs.length, runDir, report };
    } catch (error) {
      failures.push({ runDir, error });
      progress = { position: i + 1, total: runDirs.length, runDir, error };
    }
    options.onProgress?.(progress);
  }
  const index = reports.length === 0 ? null : await refreshIndex(options, memory, reports);
  return { runDirs, reports, failures, skipped, index };
}

/** Refreshes the index on disk, or writes it into the in-memory site next to the built reports. */
async function refreshIndex(options: BuildSiteOptions, memory: InMemoryReportFiles | undefined, reports: readonly BuiltReport[]): Promise<IndexBuildResult> {
  const version = options.version ?? packageVersion();
  if (memory === undefined) return buildIndex(options.outDir, { version });
  const contents = withReports(await scanSite(path.resolve(options.outDir)), reports.map((r) => r.indexed));
  await writeSiteRoot(memory, contents, version);
  return { ...contents, written: memory.list(), memory };
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
    throw new CuriError(`${runDir} has the same report folder (${folder}) as ${first}, so it was not built; remove the copy or give the run its own reference.`);
  }
  folders.set(key, runDir);
}

/** What an input argument names: the run folders to build, and run-less folders it skipped. */
export interface SiteInput {
  readonly runDirs: readonly string[];
  readonly skipped: readonly string[];
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
    throw new InputNotFoundError(`${input} holds no runs (its folders ${names.join(", ")}${skipped.length > 3 ? ", …" : ""} have no ${RUN_FILE}); pass a run folder, a runs folder, or runs/latest.`);
  }
  return { runDirs, skipped };
}
