/**
 * Where a build puts a site, as one object the orchestrators (buildSite, buildReport, buildIndex,
 * buildCompare) call without asking which kind it is (Eleventy's and Allure 3's targets). The disk
 * target (DiskTarget.ts) owns everything that makes a build on disk safe: the checks made before
 * anything is written, the temp folder and swap of each report, the site lock, recovery after a
 * killed build and the incremental state. The memory target (MemoryTarget.ts) keeps every file in
 * memory (tests, dry runs). Both write through a path-guarded `ReportFiles`.
 */
import type { InputRecord, UpToDate } from "./incremental.js";
import type { InMemoryReportFiles } from "./InMemoryReportFiles.js";
import type { ReportFiles } from "./ReportFiles.js";
import type { IndexedReport, SiteContents } from "./siteContents.js";

/** Writes one report folder's files through `files`, each path prefixed with `prefix`. */
export type ReportWriter = (files: ReportFiles, prefix: string) => Promise<void>;

/** Writes the site root (index, latest, assets) through `files` for what the site holds. */
export type RootWriter = (files: ReportFiles, contents: SiteContents) => Promise<void>;

/** A report folder as a target made it visible. */
export interface WrittenFolder {
  /** Every file of the folder, relative to the site folder. */
  readonly written: readonly string[];
  /** Identity (device and inode) of the folder on disk, for the incremental state; null in memory. */
  readonly folderId: string | null;
}

/** The site root as a target wrote it. */
export interface WrittenRoot extends SiteContents {
  /** Site-root files written, relative to the site folder, sorted. */
  readonly written: readonly string[];
}

/** One built report, as the incremental state records it. */
export interface BuiltFolder {
  readonly folder: string;
  readonly inputRecords?: ReadonlyMap<string, InputRecord>;
  readonly folderId?: string | null;
}

/** Where a build puts a site (see the module comment). */
export interface SiteTarget {
  /** Absolute path of the site folder (for a memory target, where the site it adds to lies). */
  readonly root: string;
  /** Writer of site-level files: comparison pages, single files. */
  readonly files: ReportFiles;
  /** The whole site this target wrote, for targets that keep it in memory. */
  readonly memory?: InMemoryReportFiles;
  /**
   * Refuses, before anything is written, a site folder that overlaps `inputs` (the folders the
   * build reads) or whose write paths are links leading out of it.
   */
  prepare(inputs: readonly string[]): Promise<void>;
  /** The runs among `runDirs` whose reports are up to date for the build key `key` (none when not incremental). */
  upToDate(key: string, runDirs: readonly string[]): UpToDate;
  /** Writes the report folder `folder` through `write`, visible whole once done (or not at all). */
  writeReport(folder: string, write: ReportWriter): Promise<WrittenFolder>;
  /** Writes the site root through `write` from the report folders the site holds, `built` among them. */
  writeRoot(built: readonly IndexedReport[], write: RootWriter): Promise<WrittenRoot>;
  /**
   * Text of the site file `rel` as this build left it (written by it, else already there); null when
   * missing, or when the file on disk is not a regular file of at most `maxBytes` inside the site
   * (left out with a warning, see readPublished.ts).
   */
  readText(rel: string, maxBytes: number): Promise<string | null>;
  /** True when the site holds the file `rel`, written by this build or already there. */
  has(rel: string): boolean;
  /** Notes a report built from `runDir`, for the incremental state. */
  built(runDir: string, report: BuiltFolder): void;
  /** Saves the incremental state after a build whose index is `index` (null: not refreshed). */
  finish(key: string, index: WrittenRoot | null, upToDate: UpToDate): Promise<void>;
}
