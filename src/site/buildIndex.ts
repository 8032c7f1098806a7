/**
 * The site root: the reports index, the `latest/` page and `latest.json`, the index's assets and
 * `.nojekyll`. Built from the report folders already in the output folder, so it can be rebuilt
 * alone (`curi-report index`) and always lists what is really there.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { indexEntryFromRunInfo, renderIndex, type IndexEntry } from "../render/views/indexPage.js";
import { RESERVED_NAMES, REPORT_PATHS, SITE_ASSET_FILES, siteAssetPath, SITE_PATHS } from "../render/router.js";
import { FileSystemReportFiles } from "./FileSystemReportFiles.js";
import { outputError } from "./outputError.js";
import { InMemoryReportFiles } from "./InMemoryReportFiles.js";
import { listComparisons, readLatestFacts } from "./indexInputs.js";
import { withSiteLock } from "./lock.js";
import { assetsDir, compareAppScript, packageVersion } from "./packageFiles.js";
import { sortPaths, type ReportFiles } from "./ReportFiles.js";
import { readMarker } from "./reportMarker.js";
import { recoverInterrupted } from "./swap.js";
import { timedAsync } from "../util/phases.js";
import { makeDirectory } from "../util/makeDirectory.js";

/** Top-level names in a site that are never report folders: the router's, re-exported for the report build's folder check. */
export { RESERVED_NAMES } from "../render/router.js";

/** A run_info.json bigger than this is not a run's metadata; it is listed as informal unread. */
const MAX_RUN_INFO_BYTES = 4 * 1024 * 1024;

/** One report folder of a site with its index entry. */
export interface IndexedReport {
  readonly folder: string;
  readonly entry: IndexEntry;
}

/** A report folder whose run_info.json could not be used, and why. */
export interface BrokenReport {
  readonly folder: string;
  readonly reason: string;
}

/** What the report folders of a site hold. */
export interface SiteContents {
  /** Folders with a usable run_info.json, sorted by folder name. */
  readonly reports: readonly IndexedReport[];
  /** Folders without (usable) run metadata, sorted. */
  readonly informal: readonly string[];
  /** Why each broken folder's run_info.json was not used (a subset of `informal`). */
  readonly broken: readonly BrokenReport[];
}

/** Options of `buildIndex`. */
export interface BuildIndexOptions {
  /** Version printed in the pages (default: curi-report's). */
  readonly version?: string;
  /** `memory` writes nothing and returns the files (default `disk`). */
  readonly target?: "disk" | "memory";
}

/** What `buildIndex` did. */
export interface IndexBuildResult extends SiteContents {
  /** Site-root files written, relative to the output folder, sorted. */
  readonly written: readonly string[];
  /** The in-memory files, for `target: "memory"`. */
  readonly memory?: InMemoryReportFiles;
}

/**
 * Rebuilds the site root of `outDir` from the report folders in it: index page, latest page,
 * latest.json, `assets/` and `.nojekyll`. Broken run_info.json files are tolerated (informal).
 */
export async function buildIndex(outDir: string, options: BuildIndexOptions = {}): Promise<IndexBuildResult> {
  const root = path.resolve(outDir);
  const version = options.version ?? packageVersion();
  if (options.target === "memory") {
    const files = new InMemoryReportFiles(root);
    const contents = await scanSite(root);
    await writeSiteRoot(files, contents, version);
    return { ...contents, written: files.list(), memory: files };
  }
  await makeDirectory(root).catch((error: unknown) => {
    throw outputError(root, error);
  });
  // Scan and write under the site lock, so a build that swapped a report in meanwhile writes the
  // index after this one, from a scan that sees its report (see lock.ts).
  return timedAsync("index", () =>
    withSiteLock(root, async () => {
      await recoverInterrupted(root);
      const contents = await scanSite(root);
      const files = new FileSystemReportFiles(root);
      await writeSiteRoot(files, contents, version);
      return { ...contents, written: files.list() };
    }),
  );
}

/**
 * True when `dir` is a curi-report site: one of its folders is a report curi-report wrote (it has
 * the marker), or its index page is curi-report's. `curi-report index` writes only into a site,
 * never into a folder that merely exists.
 */
export function isSite(dir: string): boolean {
  let dirents: Dirent[];
  try {
    dirents = readdirSync(dir, { withFileTypes: true });
  } catch {
    // Missing or unreadable: not a site.
    return false;
  }
  if (dirents.some((d) => d.isDirectory() && !d.name.startsWith(".") && readMarker(path.join(dir, d.name)) !== null))
    return true;
  const index = path.join(dir, SITE_PATHS.index);
  const head =
    statSync(index, { throwIfNoEntry: false })?.isFile() === true ? readFileSync(index, "utf8").slice(0, 2048) : "";
  return /<meta name="generator" content="curi-report[ "]/.test(head);
}

/**
 * Reads the report folders under `root`. Skips dotfiles (temp and aside folders of builds),
 * `_`-names (Jekyll), links, plain files and the site's own names (`assets`, `latest`).
 * A missing `root` is an empty site.
 */
export async function scanSite(root: string): Promise<SiteContents> {
  const dirents = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw outputError(root, error);
  });
  const folders = sortPaths(
    dirents
      .filter(
        (d) => d.isDirectory() && !d.name.startsWith(".") && !d.name.startsWith("_") && !RESERVED_NAMES.has(d.name),
      )
      .map((d) => d.name),
  );
  const reports: IndexedReport[] = [];
  const informal: string[] = [];
  const broken: BrokenReport[] = [];
  for (const folder of folders) {
    const read = readIndexEntry(path.join(root, folder), folder);
    if ("entry" in read) reports.push({ folder, entry: read.entry });
    else {
      informal.push(folder);
      if (read.reason !== undefined) broken.push({ folder, reason: read.reason });
    }
  }
  return { reports, informal, broken };
}

/**
 * Reads one folder's run_info.json into an index entry, or says why not (no reason: no file).
 * Synchronous on purpose: an index of 10,000 runs reads 10,000 small files, several times faster
 * this way than as one awaited promise after another.
 */
function readIndexEntry(dir: string, folder: string): { entry: IndexEntry } | { reason?: string } {
  const file = path.join(dir, REPORT_PATHS.runInfo);
  const info = statSync(file, { throwIfNoEntry: false });
  if (info === undefined) return {};
  if (!info.isFile()) return { reason: `${file} is not a file` };
  if (info.size > MAX_RUN_INFO_BYTES) return { reason: `${file} is ${info.size} bytes, too big for run metadata` };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return { reason: `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  // An object with odd fields is still a run (the entry lists its problems); anything else is not.
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return { reason: `${file} holds no JSON object` };
  return { entry: indexEntryFromRunInfo(json, folder) };
}

/** Replaces or adds `added` reports in `contents` (by folder), keeping the folder order sorted. */
export function withReports(contents: SiteContents, added: readonly IndexedReport[]): SiteContents {
  const addedFolders = new Set(added.map((r) => r.folder));
  const reports = [...contents.reports.filter((r) => !addedFolders.has(r.folder)), ...added];
  reports.sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  return {
    reports,
    informal: contents.informal.filter((f) => !addedFolders.has(f)),
    broken: contents.broken.filter((b) => !addedFolders.has(b.folder)),
  };
}

/** Writes the index page, latest page, latest.json, `assets/*` and `.nojekyll` through `files`. */
export async function writeSiteRoot(files: ReportFiles, contents: SiteContents, version: string): Promise<void> {
  const entries = contents.reports.map((r) => r.entry);
  const rendered = renderIndex(entries, [...contents.informal], {
    version,
    comparisons: listComparisons(files),
    latestFacts: await readLatestFacts(files, entries),
  });
  // Each file is its own "write" phase: the kill tests stop a build between any two of them.
  for (const file of rendered) await timedAsync("write", () => files.write(file.path, file.content));
  const assets = assetsDir();
  compareAppScript();
  for (const asset of SITE_ASSET_FILES)
    await timedAsync("write", () => files.copy(siteAssetPath(asset), path.join(assets, asset), assets));
  // GitHub Pages runs Jekyll unless this file exists; Jekyll would drop any `_`-prefixed path.
  await timedAsync("write", () => files.write(SITE_PATHS.nojekyll, ""));
}
