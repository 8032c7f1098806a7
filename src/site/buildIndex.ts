/**
 * The site root: the reports index, the `latest/` page and `latest.json`, the index's assets and
 * `.nojekyll`. Built from the report folders already in the output folder, so it can be rebuilt
 * alone (`curi-report index`) and always lists what is really there.
 */
import { readdirSync, type Dirent } from "node:fs";
import path from "node:path";
import { renderIndex } from "../render/views/indexPage.js";
import { DiskTarget } from "./DiskTarget.js";
import { MAX_RUN_INFO_BYTES } from "../render/formats/runInfo.js";
import { readSiteText } from "./readPublished.js";
import type { InMemoryReportFiles } from "./InMemoryReportFiles.js";
import { listComparisons, readLatestFacts } from "./indexInputs.js";
import { assetsDir, compareAppScript, packageVersion } from "./packageFiles.js";
import { SITE_ASSET_FILES, siteAssetPath, SITE_PATHS } from "../render/router.js";
import type { ReportFiles } from "./ReportFiles.js";
import { readMarker } from "./reportMarker.js";
import type { IndexedReport, SiteContents } from "./siteContents.js";
import type { SiteTarget, WrittenRoot } from "./SiteTarget.js";
import { timedAsync } from "../util/phases.js";
import { siteHistory, writeSiteHistory, type HistoryOptions } from "./siteHistory.js";

export {
  RESERVED_NAMES,
  scanSite,
  withReports,
  type BrokenReport,
  type IndexedReport,
  type SiteContents,
} from "./siteContents.js";

/** Options of `buildIndex`. */
export interface BuildIndexOptions {
  /** Version printed in the pages (default: curi-report's). */
  readonly version?: string;
  /** Where the site is written (default: `new DiskTarget(outDir)`; its root is the site folder). */
  readonly target?: SiteTarget;
  /** The default branch and an earlier history to carry on (see siteHistory.ts). */
  readonly history?: HistoryOptions;
}

/** What `buildIndex` did. */
export interface IndexBuildResult extends WrittenRoot {
  /** The whole site the target keeps in memory, for a memory target. */
  readonly memory?: InMemoryReportFiles;
}

/**
 * Rebuilds the site root of `outDir` from the report folders in it: index page, latest page,
 * latest.json, `assets/` and `.nojekyll`. Broken run_info.json files are tolerated (informal).
 */
export async function buildIndex(outDir: string, options: BuildIndexOptions = {}): Promise<IndexBuildResult> {
  const target = options.target ?? new DiskTarget(outDir);
  await target.prepare([]);
  return writeIndexInto(target, [], options.version ?? packageVersion(), options.history);
}

/**
 * Writes the site root through `target` for the reports the site holds, this build's `built`
 * ones among them. For the orchestrators, which have prepared the target already.
 */
export async function writeIndexInto(
  target: SiteTarget,
  built: readonly IndexedReport[],
  version: string,
  history: HistoryOptions = {},
): Promise<IndexBuildResult> {
  const folders = new Set(built.map((r) => r.folder));
  const written = await target.writeRoot(built, (files, contents) =>
    writeSiteRoot(files, contents, version, { ...history, built: folders }),
  );
  return target.memory === undefined ? written : { ...written, memory: target.memory };
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
  // Read as any published file (no link, a regular file, bounded): a restored site may hold anything here.
  const index = readSiteText(dir, SITE_PATHS.index, MAX_RUN_INFO_BYTES);
  const head = "value" in index ? index.value.slice(0, 2048) : "";
  return /<meta name="generator" content="curi-report[ "]/.test(head);
}

/**
 * Writes the index page, latest page, latest.json, history.json, `assets/*` and `.nojekyll` through
 * `files`; `history.built` names the report folders this build wrote (published from `history.branch`).
 */
export async function writeSiteRoot(
  files: ReportFiles,
  contents: SiteContents,
  version: string,
  history: HistoryOptions & { readonly built?: ReadonlySet<string> } = {},
): Promise<void> {
  const entries = contents.reports.map((r) => r.entry);
  const merged = await siteHistory(files, contents, history.built ?? new Set(), history);
  const rendered = renderIndex(entries, [...contents.informal], {
    version,
    comparisons: listComparisons(files),
    latestFacts: await readLatestFacts(files, entries),
    history: merged,
  });
  // Each file is its own "write" phase: the kill tests stop a build between any two of them.
  for (const file of rendered) await timedAsync("write", () => files.write(file.path, file.content));
  await timedAsync("write", () => writeSiteHistory(files, merged));
  const assets = assetsDir();
  compareAppScript();
  for (const asset of SITE_ASSET_FILES)
    await timedAsync("write", () => files.copy(siteAssetPath(asset), path.join(assets, asset), assets));
  // GitHub Pages runs Jekyll unless this file exists; Jekyll would drop any `_`-prefixed path.
  await timedAsync("write", () => files.write(SITE_PATHS.nojekyll, ""));
}
