/**
 * Writing comparison pages into a site: `compare/<base>--<other>/index.html`, linking the compared
 * runs' reports when the site has them (images of shared reportables come from there), then
 * refreshing the index so it lists the comparison. Image and figure files are compared by a
 * SHA-256 of their bytes, so an unchanged image is not listed as a difference. Also each report's
 * comparison data files, which the site's `compare.html` and these pages are made from.
 */
import type { RunContext } from "../render/context.js";
import { statSync } from "node:fs";
import path from "node:path";
import { compareRuns, type Comparison } from "../render/compare/compare.js";
import { compareDataOf, SITE_LIMITS } from "../render/compare/compareData.js";
import { compareDataFiles, type CompareDataFile } from "../render/compare/compareDataFiles.js";
import { renderComparePage } from "../render/compare/comparePage.js";
import {
  comparePagePath,
  comparisonName,
  reportFolderName,
  reportPagePath,
  REPORT_PATHS,
  SITE_PATHS,
} from "../render/router.js";
import type { Run } from "../run/model.js";
import { buildIndex } from "./buildIndex.js";
import { fileDigest } from "./fileDigest.js";
import { FileSystemReportFiles } from "./FileSystemReportFiles.js";
import { InMemoryReportFiles } from "./InMemoryReportFiles.js";
import { packageVersion } from "./packageFiles.js";
import type { ReportFiles } from "./ReportFiles.js";

/** Options of `writeComparison`. */
export interface WriteComparisonOptions {
  /** The site folder (default target: disk). */
  readonly outDir: string;
  readonly version?: string;
  /** `memory` writes nothing to disk and returns the files. */
  readonly target?: "disk" | "memory";
  /** Refresh the site's index afterwards (disk only; default true). */
  readonly updateIndex?: boolean;
  /** Write through this writer (a site build's in-memory site) instead of a new one. */
  readonly files?: ReportFiles;
}

/** What `writeComparison` did. */
export interface WrittenComparison {
  readonly comparison: Comparison;
  /** Path of the page from the site root. */
  readonly page: string;
  readonly memory?: InMemoryReportFiles;
}

/** Compares `runs` (the first is the base), images and figures by the digest of their bytes. */
export function compareRunFolders(runs: readonly Run[]): Comparison {
  return compareRuns(runs, { fileDigest });
}

/** True when the site at `root` (on disk, or written through `files`) holds the report folder `folder`. */
function hasReport(root: string, folder: string, files: ReportFiles): boolean {
  return (
    files.list().includes(reportPagePath(folder)) ||
    statSync(path.join(root, folder, REPORT_PATHS.page), { throwIfNoEntry: false })?.isFile() === true
  );
}

/** Compares `runs` (the first is the base) and writes the page into the site. */
export async function writeComparison(
  runs: readonly Run[],
  options: WriteComparisonOptions,
): Promise<WrittenComparison> {
  const root = path.resolve(options.outDir);
  const comparison = compareRunFolders(runs);
  const folders = runs.map((r) => reportFolderName(r.info.reference));
  const page = comparePagePath(comparisonName(folders));
  const files: ReportFiles =
    options.files ?? (options.target === "memory" ? new InMemoryReportFiles(root) : new FileSystemReportFiles(root));
  const html = renderComparePage(comparison, {
    version: options.version ?? packageVersion(),
    pagePath: page,
    reportFolder: (i) => (folders[i] !== undefined && hasReport(root, folders[i], files) ? folders[i] : null),
    style: SITE_PATHS.style,
    script: SITE_PATHS.script,
    indexPath: SITE_PATHS.index,
  });
  await files.write(page, html);
  if (files instanceof InMemoryReportFiles) return { comparison, page, memory: files };
  if (options.updateIndex !== false) await buildIndex(root, { version: options.version ?? packageVersion() });
  return { comparison, page };
}

/** A report's comparison data files (`compare-data.js` and its chunks, each within `maxBytes`), which the site's `compare.html` loads. */
export function compareDataFilesOf(ctx: RunContext, maxBytes = SITE_LIMITS.maxBytes): CompareDataFile[] {
  return compareDataFiles(compareDataOf(ctx, { fileDigest, limits: { ...SITE_LIMITS, maxBytes } }), maxBytes);
}
