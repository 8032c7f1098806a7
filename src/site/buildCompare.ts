/**
 * Writing comparison pages into a site: `compare/<base>--<other>/index.html`, linking the compared
 * runs' reports when the site has them (images of shared reportables come from there), then
 * refreshing the index so it lists the comparison. Image and figure files are compared by a
 * SHA-256 of their bytes, so an unchanged image is not listed as a difference. Also each report's
 * comparison data files, which the site's `compare.html` and these pages are made from.
 */
import type { RunContext } from "../render/context.js";
import type { MetricDeclarations } from "../render/facts/metricGoals.js";
import { compareRuns, type Comparison } from "../render/compare/compare.js";
import { compareDataOf, SITE_LIMITS } from "../render/compare/compareData.js";
import { compareDataFiles, type CompareDataFile } from "../render/compare/compareDataFiles.js";
import { comparePagePath, comparisonName, reportFolderName, reportPagePath, SITE_PATHS } from "../render/router.js";
import type { Run } from "../run/model.js";
import { writeIndexInto } from "./buildIndex.js";
import { DiskTarget } from "./DiskTarget.js";
import { fileDigest } from "./fileDigest.js";
import type { InMemoryReportFiles } from "./InMemoryReportFiles.js";
import { packageVersion } from "./packageFiles.js";
import type { SiteTarget } from "./SiteTarget.js";

/** Options of `writeComparison`. */
export interface WriteComparisonOptions {
  /** The site folder. */
  readonly outDir: string;
  readonly version?: string;
  /** Where the page is written (default: `new DiskTarget(outDir)`); a `MemoryTarget` writes nothing to disk. */
  readonly target?: SiteTarget;
  /** Refresh the site's index afterwards (default true). */
  readonly updateIndex?: boolean;
  /** The sweep analysis's repetition args (`--group-by`). */
  readonly groupBy?: readonly string[];
  /** The project file's metric declarations (below each run's own). */
  readonly project?: MetricDeclarations;
}

/** What `writeComparison` did. */
export interface WrittenComparison {
  readonly comparison: Comparison;
  /** Path of the page from the site root. */
  readonly page: string;
  readonly memory?: InMemoryReportFiles;
}

/** Compares `runs` (the first is the base), images and figures by the digest of their bytes. */
export function compareRunFolders(
  runs: readonly Run[],
  options: { readonly groupBy?: readonly string[]; readonly project?: MetricDeclarations | undefined } = {},
): Comparison {
  return compareRuns(runs, { fileDigest, ...options });
}

/** Compares `runs` (the first is the base) and writes the page into the site. */
export async function writeComparison(
  runs: readonly Run[],
  options: WriteComparisonOptions,
): Promise<WrittenComparison> {
  const target: SiteTarget = options.target ?? new DiskTarget(options.outDir);
  await target.prepare(runs.map((r) => r.dir));
  const comparison = compareRunFolders(runs, options);
  const folders = runs.map((r) => reportFolderName(r.info.reference));
  const page = comparePagePath(comparisonName(folders));
  const version = options.version ?? packageVersion();
  // The page's renderer (with jsdiff) loads here: a build that writes only comparison data never needs it.
  const { renderComparePage } = await import("../render/views/comparePage.js");
  const html = renderComparePage(comparison, {
    version,
    pagePath: page,
    // Images of shared reportables come from the compared runs' reports, where the site has them.
    reportFolder: (i) => (folders[i] !== undefined && target.has(reportPagePath(folders[i])) ? folders[i] : null),
    style: SITE_PATHS.style,
    script: SITE_PATHS.script,
    indexPath: SITE_PATHS.index,
  });
  await target.files.write(page, html);
  if (options.updateIndex !== false) await writeIndexInto(target, [], version);
  return { comparison, page, ...(target.memory === undefined ? {} : { memory: target.memory }) };
}

/** A report's comparison data files (`compare-data.js` and its chunks, each within `maxBytes`), which the site's `compare.html` loads. */
export function compareDataFilesOf(ctx: RunContext, maxBytes = SITE_LIMITS.maxBytes): CompareDataFile[] {
  return compareDataFiles(compareDataOf(ctx, { fileDigest, limits: { ...SITE_LIMITS, maxBytes } }), maxBytes);
}
