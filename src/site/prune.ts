/**
 * Retention (`curi-report prune <site> --keep N | --older-than <days>`): removes the report folders
 * of older runs, with their comparison pages and single files, and keeps their runs in history.json,
 * so the trends still show them (marked pruned, without a link) and the site has no dead link. Only
 * what curi-report wrote is removed: a report folder holding its marker and no run.json, the
 * comparison pages in `compare/` that name it, and its `<folder>.html`. The newest report is kept.
 */
import { lstatSync, readdirSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { COMPARE_DIR, comparisonName, singleFilePath, tempFolderName } from "../render/router.js";
import { sortNewestFirst } from "../render/views/indexView.js";
import { RUN_FILE } from "../run/version.js";
import { UsageError } from "../util/errors.js";
import { buildIndex, type IndexBuildResult } from "./buildIndex.js";
import { FileSystemReportFiles } from "./FileSystemReportFiles.js";
import { withSiteLock } from "./lock.js";
import { outputError } from "./outputError.js";
import { readMarker } from "./reportMarker.js";
import { scanSite } from "./siteContents.js";
import { siteHistory } from "./siteHistory.js";

/** What to prune. At least one of `keep` and `olderThanDays`. */
export interface PruneOptions {
  /** Keep the reports of the newest `keep` runs (at least 1). */
  readonly keep?: number;
  /** Remove the reports of runs that started more than this many days before `now`. */
  readonly olderThanDays?: number;
  /** The time `olderThanDays` counts back from (the CLI passes the clock; tests a fixed date). */
  readonly now: Date;
  /** List what would be removed and remove nothing. */
  readonly dryRun?: boolean;
}

/** What `pruneSite` removed (or, on a dry run, would remove), relative to the site. */
export interface PruneResult {
  readonly removed: readonly string[];
  readonly comparisons: readonly string[];
  readonly singleFiles: readonly string[];
  /** Report folders kept. */
  readonly kept: number;
  /** The rewritten index, or null on a dry run or when nothing was removed. */
  readonly index: IndexBuildResult | null;
}

/** A run's start (`YYYY-MM-DD-THHMMSS`, read as UTC: the run wrote no zone) in ms, or null when it does not parse. */
function startedMs(timestamp: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})-T(\d{2})(\d{2})(\d{2})$/.exec(timestamp);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(ms) ? null : ms;
}

/** True when `dir` is a real folder curi-report wrote: its marker, and no run.json. */
function isOwnReport(dir: string): boolean {
  const info = lstatSync(dir, { throwIfNoEntry: false });
  return (
    info?.isDirectory() === true &&
    lstatSync(path.join(dir, RUN_FILE), { throwIfNoEntry: false }) === undefined &&
    readMarker(dir) !== null
  );
}

/**
 * The comparison pages of the site that name one of `removed` (as base or as the other run). A
 * page's name is `<a>--<b>` (comparisonName), read back by splitting it; a name too long for that was
 * shortened with a digest, and is matched against the names of every pair with a removed folder.
 */
function comparisonsOf(root: string, removed: ReadonlySet<string>, folders: readonly string[]): string[] {
  const dir = path.join(root, COMPARE_DIR);
  const names = lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
    : [];
  const known = new Set(folders);
  const doomed: string[] = [];
  const shortened: string[] = [];
  for (const name of names) {
    const pairs = [...name.matchAll(/--/g)]
      .map((m) => [name.slice(0, m.index), name.slice(m.index + 2)] as const)
      .filter(([a, b]) => known.has(a) && known.has(b) && comparisonName([a, b]) === name);
    if (pairs.some(([a, b]) => removed.has(a) || removed.has(b))) doomed.push(name);
    else if (pairs.length === 0) shortened.push(name);
  }
  if (shortened.length > 0) {
    const named = new Set<string>();
    for (const r of removed) for (const f of folders) named.add(comparisonName([r, f])).add(comparisonName([f, r]));
    doomed.push(...shortened.filter((n) => named.has(n)));
  }
  return doomed.sort();
}

/** Removes `rel` (inside `root`) by renaming it to a temp name first, which a later build clears if this one is killed. */
async function removeQuietly(root: string, rel: string, n: number): Promise<void> {
  const aside = path.join(root, tempFolderName(`prune-${n}`, process.pid, n));
  try {
    await rename(path.join(root, ...rel.split("/")), aside);
    await rm(aside, { recursive: true, force: true });
  } catch (error) {
    throw outputError(path.join(root, rel), error);
  }
}

/** Prunes the site in `root` (see the module comment). */
export async function pruneSite(root: string, options: PruneOptions): Promise<PruneResult> {
  if (options.keep === undefined && options.olderThanDays === undefined)
    throw new UsageError("prune needs --keep <n> or --older-than <days> (or both); see `curi-report prune --help`.");
  const contents = await scanSite(root);
  const newestFirst = sortNewestFirst(contents.reports.map((r) => r.entry));
  const cutoff =
    options.olderThanDays === undefined ? null : options.now.getTime() - options.olderThanDays * 86_400_000;
  const doomed = newestFirst.filter((e, i) => {
    if (i === 0) return false;
    const started = startedMs(e.timestamp);
    const tooOld = cutoff !== null && started !== null && started < cutoff;
    return (options.keep !== undefined && i >= options.keep) || tooOld;
  });
  const removed = doomed.map((e) => e.folder).filter((f) => isOwnReport(path.join(root, f)));
  const gone = new Set(removed);
  const folders = [...contents.reports.map((r) => r.folder), ...contents.informal];
  const comparisons = comparisonsOf(root, gone, folders);
  const singleFiles = removed
    .map(singleFilePath)
    .filter((f) => lstatSync(path.join(root, f), { throwIfNoEntry: false })?.isFile() === true);
  const result = { removed, comparisons, singleFiles, kept: contents.reports.length - removed.length };
  if (options.dryRun === true || removed.length === 0) return { ...result, index: null };
  // Every run's entry as it is now (with those about to go), carried into the index written after.
  const before = await siteHistory(new FileSystemReportFiles(root), contents, new Set(), {});
  await withSiteLock(root, async () => {
    let n = 0;
    for (const rel of [...comparisons.map((c) => `${COMPARE_DIR}/${c}`), ...singleFiles, ...removed])
      await removeQuietly(root, rel, ++n);
  });
  const index = await buildIndex(root, { history: { from: before } });
  return { ...result, index };
}
