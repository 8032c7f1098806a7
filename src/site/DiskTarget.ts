/**
 * The disk target of a site build (see SiteTarget.ts). Before anything is written it refuses an
 * output that overlaps the runs and write paths that are links leading out (writePaths.ts). Each
 * report is written into a private temp folder and swapped in whole (swap.ts), so a build killed
 * at any moment leaves the previous report readable; the site root is written under the site lock
 * (lock.ts) from a scan that sees every report swapped in meanwhile. What it built is remembered
 * outside the site, in the incremental state (incremental.ts).
 */
import { siteTextOrNull } from "./readPublished.js";
import { lstatSync, statSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { timed, timedAsync } from "../util/phases.js";
import { makeDirectory } from "../util/makeDirectory.js";
import { FileSystemReportFiles } from "./FileSystemReportFiles.js";
import {
  defaultStateDir,
  folderIdentity,
  readState,
  stateEntry,
  stateFileFor,
  upToDateReports,
  writeState,
  type StateEntry,
  type StoredState,
  type UpToDate,
} from "./incremental.js";
import { withSiteLock } from "./lock.js";
import { outputError } from "./outputError.js";
import { assertSeparate } from "./overlap.js";
import { scanSite, type IndexedReport } from "./siteContents.js";
import { digestFileFor, SiteFacts } from "./siteFacts.js";
import type { BuiltFolder, ReportWriter, RootWriter, SiteTarget, WrittenFolder, WrittenRoot } from "./SiteTarget.js";
import { recoverInterrupted, swapIn, tempFolderFor } from "./swap.js";
import { assertWritePaths } from "./writePaths.js";
import { RUNS_LIST_DIR, runsListPageOf } from "../render/router.js";

/** Options of the disk target. */
export interface DiskTargetOptions {
  /** Skip runs whose report is up to date (default true). False rebuilds every report. */
  readonly incremental?: boolean;
  /** Folder of the incremental state (default: `defaultStateDir()`, the user's cache folder). Never inside a site. */
  readonly stateDir?: string;
}

/** A site on disk (see the module comment). */
export class DiskTarget implements SiteTarget {
  readonly root: string;
  readonly files: FileSystemReportFiles;
  private readonly incremental: boolean;
  private readonly stateFile: string;
  private stored: StoredState | null = null;
  private readonly entries = new Map<string, StateEntry>();
  /** What the last build read from the site's markers (the site digest); loaded by an incremental build's check. */
  private facts: SiteFacts | undefined;

  /** A target writing the site folder `outDir` (created on the first write). */
  constructor(outDir: string, options: DiskTargetOptions = {}) {
    this.root = path.resolve(outDir);
    this.files = new FileSystemReportFiles(this.root);
    this.incremental = options.incremental !== false;
    this.stateFile = stateFileFor(this.root, options.stateDir ?? defaultStateDir());
  }

  /** Refuses an output overlapping `inputs`, and write paths that are links leading out, before anything is written. */
  async prepare(inputs: readonly string[]): Promise<void> {
    // Timed as part of reading the input; an index rebuild reads no runs and has no such phase.
    if (inputs.length > 0) timed("read", () => assertSeparate(inputs, this.root));
    await assertWritePaths(this.root);
  }

  /** Reports vouched for by the state, else proven by their content (none when not incremental). */
  upToDate(key: string, runDirs: readonly string[]): UpToDate {
    if (!this.incremental) return { reports: new Map(), verified: new Map() };
    this.stored = timed("incremental", () => readState(this.stateFile));
    const facts = timed("incremental", () => SiteFacts.load(digestFileFor(this.stateFile)));
    this.facts = facts;
    const current = timed("incremental", () => upToDateReports(this.stored, key, runDirs, this.root, facts));
    for (const [folder, entry] of current.verified) this.entries.set(folder, entry);
    return current;
  }

  /** Writes the folder in a temp folder beside it, then swaps it in whole. */
  async writeReport(folder: string, write: ReportWriter): Promise<WrittenFolder> {
    await recoverInterrupted(this.root);
    const temp = tempFolderFor(this.root, folder);
    const files = new FileSystemReportFiles(temp, { atomic: false });
    try {
      await write(files, "");
      // Every file on disk before the folder is swapped in: a write that failed fails the build here.
      await timedAsync("write", () => files.flush());
    } catch (error) {
      // Writes still in flight end first, so none lands in the folder as it is removed.
      await files.settle();
      // Best effort: the write error is what the user must see, not a failure to clean up after it
      // (the temp folder may not even be creatable, e.g. when the output path is a file).
      await rm(temp, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
    // Taken before the swap: the rename keeps it, so it names this build's folder and no other.
    const folderId = folderIdentity(temp);
    await timedAsync("write", () => swapIn(this.root, temp, folder));
    return { written: files.list().map((f) => `${folder}/${f}`), folderId };
  }

  /** Scans the site and writes its root under the site lock (the reports this build swapped in are on disk). */
  async writeRoot(_built: readonly IndexedReport[], write: RootWriter): Promise<WrittenRoot> {
    await makeDirectory(this.root).catch((error: unknown) => {
      throw outputError(this.root, error);
    });
    // Scan and write under the site lock, so a build that swapped a report in meanwhile writes the
    // index after this one, from a scan that sees its report (see lock.ts).
    return timedAsync("index", () =>
      withSiteLock(this.root, async () => {
        await recoverInterrupted(this.root);
        const contents = await scanSite(this.root);
        const files = new FileSystemReportFiles(this.root);
        await write(files, contents);
        await removeStaleListPages(this.root, new Set(files.list()));
        return { ...contents, written: files.list() };
      }),
    );
  }

  /** Text of a site file on disk; null when it does not exist. */
  async readText(rel: string, maxBytes: number): Promise<string | null> {
    return siteTextOrNull(this.root, rel, maxBytes, `${rel} was left out`);
  }

  /** True when the site holds the file `rel`. */
  has(rel: string): boolean {
    return statSync(path.join(this.root, rel), { throwIfNoEntry: false })?.isFile() === true;
  }

  /** Keeps the state entry of a report just swapped in. */
  built(runDir: string, report: BuiltFolder): void {
    if (report.inputRecords === undefined) return;
    // Its marker's facts, so the next build need not hash and read it again.
    this.facts?.marker(this.root, report.folder);
    this.entries.set(
      report.folder,
      stateEntry(runDir, this.root, report.folder, report.inputRecords, report.folderId ?? null),
    );
  }

  /** Writes what this machine built or verified, outside the site (see incremental.ts). */
  async finish(key: string, index: WrittenRoot | null, upToDate: UpToDate): Promise<void> {
    const present = new Set([
      ...(index?.reports.map((r) => r.folder) ?? []),
      ...(index?.informal ?? []),
      ...upToDate.reports.values(),
    ]);
    // The index lists every folder of the site: facts of folders gone since are dropped.
    if (index !== null) this.facts?.keepOnly(present);
    await timedAsync("incremental", async () => this.facts?.save(digestFileFor(this.stateFile)));
    if (index === null && upToDate.verified.size === 0) return;
    await timedAsync("incremental", () => writeState(this.stateFile, key, this.stored, this.entries, present));
  }
}

/**
 * Removes the pages of the runs list (`runs/<p>.html`) that this index did not write: the list is
 * shorter when reports were pruned or removed, and a page left over would list runs that are gone.
 * Only through a real folder (never a link, which writePaths.ts refuses before the build anyway).
 */
async function removeStaleListPages(root: string, written: ReadonlySet<string>): Promise<void> {
  const dir = path.join(root, RUNS_LIST_DIR);
  if (lstatSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true) return;
  for (const name of await readdir(dir)) {
    const rel = `${RUNS_LIST_DIR}/${name}`;
    if (runsListPageOf(rel) !== null && !written.has(rel)) await rm(path.join(dir, name), { force: true });
  }
}
