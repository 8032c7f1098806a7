/**
 * What a site holds: its report folders, each with the index entry read from its run_info.json,
 * and the names that are the site's own rather than reports. Read by the index writer of every
 * target, so a memory build lists the same reports as a disk build.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { IndexEntry } from "../render/views/indexPage.js";
import { MAX_RUN_INFO_BYTES, readRunInfoText } from "../render/formats/runInfo.js";
import { readPublished } from "./readPublished.js";
import { isReservedName, REPORT_PATHS, RESERVED_NAMES } from "../render/router.js";
import { outputError } from "./outputError.js";
import { sortPaths } from "./ReportFiles.js";
import { fileIdentity } from "../util/fileIdentity.js";

/** Top-level names in a site that are never report folders (the router's). */
export { RESERVED_NAMES };

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
      .filter((d) => d.isDirectory() && !d.name.startsWith(".") && !d.name.startsWith("_") && !isReservedName(d.name))
      .map((d) => d.name),
  );
  const reports: IndexedReport[] = [];
  const informal: string[] = [];
  const broken: BrokenReport[] = [];
  for (const folder of folders) {
    const read = readIndexEntryOnce(root, folder);
    if ("entry" in read) reports.push({ folder, entry: read.entry });
    else {
      informal.push(folder);
      if (read.reason !== undefined) broken.push({ folder, reason: read.reason });
    }
  }
  return { reports, informal, broken };
}

/**
 * Reads one folder's run_info.json into an index entry (through its format: bounded, versioned,
 * validated, read only as a regular file inside the site), or says why not (no reason: no file).
 * Synchronous on purpose: an index of 10,000 runs reads 10,000 small files, several times faster
 * this way than as one awaited promise after another.
 */
function readIndexEntry(root: string, folder: string): { entry: IndexEntry } | { reason?: string } {
  const read = readPublished(root, `${folder}/${REPORT_PATHS.runInfo}`, MAX_RUN_INFO_BYTES, (text, file) =>
    readRunInfoText(text, file, folder),
  );
  if ("value" in read) return { entry: read.value };
  return "problem" in read ? { reason: read.problem } : {};
}

/**
 * The index entries this process read, by run_info.json path, with the identity (device and inode,
 * size, modification and change times) the file had before the read. A build scans the site twice,
 * for the comparisons of the run it built and again under the site lock for the index: at 1,000
 * reports the second scan read, parsed and validated 1,000 files again, unchanged. A file with
 * another identity (a report swapped in meanwhile is a new file; an edit changes the change time) is
 * read again, as siteHistory.ts does with history.json.
 */
const entriesRead = new Map<string, { readonly identity: string; readonly entry: IndexEntry }>();

/**
 * `readIndexEntry`, or the entry this process read from the same file when it still has the
 * identity it had then. Only for a folder the caller listed as a real folder (not a link), as
 * `readIndexEntry` itself would check.
 */
function readIndexEntryOnce(root: string, folder: string): ReturnType<typeof readIndexEntry> {
  const file = path.join(root, folder, REPORT_PATHS.runInfo);
  const identity = fileIdentity(file);
  const known = entriesRead.get(file);
  if (identity !== null && known?.identity === identity) return { entry: known.entry };
  const read = readIndexEntry(root, folder);
  if (identity !== null && "entry" in read) entriesRead.set(file, { identity, entry: read.entry });
  else entriesRead.delete(file);
  return read;
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
