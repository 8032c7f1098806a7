/**
 * Building one run's report into a site: render, write the folder beside the old one, swap it in,
 * then refresh the index. One pipeline, two targets: disk, or memory (nothing written).
 */
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { indexEntryFromRunInfo, INDEX_PATHS } from "../render/indexPage.js";
import { renderReport, type RenderedReport } from "../render/report.js";
import { sanitizeSvg } from "../render/reportables/svgFile.js";
import type { RenderedFile } from "../render/types.js";
import { relativeUrl, REPORT_PATHS, reportFolderName } from "../render/router.js";
import type { Run } from "../run/model.js";
import { RUN_FILE } from "../run/version.js";
import { UnsafePathError } from "../util/errors.js";
import { mapLimited } from "../util/mapLimited.js";
import { timed, timedAsync } from "../util/phases.js";
import { buildIndex, RESERVED_NAMES, scanSite, withReports, writeSiteRoot, type IndexedReport } from "./buildIndex.js";
import { FileSystemReportFiles } from "./FileSystemReportFiles.js";
import { buildKey, folderIdentity, inputRecords, type InputRecord } from "./incremental.js";
import { MARKER_FILE, markerText, writtenDigest } from "./reportMarker.js";
import { InMemoryReportFiles } from "./InMemoryReportFiles.js";
import { assertSeparate } from "./overlap.js";
import { ASSET_FILES, assetsDir, CUSTOM_CSS, packageVersion } from "./packageFiles.js";
import { sortPaths, type ReportFiles } from "./ReportFiles.js";
import { checkCopySource, checkStylesheet } from "./safeOutputPath.js";
import { recoverInterrupted, swapIn, tempFolderFor } from "./swap.js";

/** Options of `buildReport`. */
export interface BuildReportOptions {
  /** The site folder; the report goes to `<outDir>/<folder>/`. */
  readonly outDir: string;
  /** A stylesheet of the user's, copied into the report as `custom.css` and linked after ours. */
  readonly css?: string;
  /** Version printed in the pages (default: curi-report's). */
  readonly version?: string;
  /** `memory` writes nothing to disk and returns the files (default `disk`). */
  readonly target?: "disk" | "memory";
  /** Set false to skip refreshing the index (a site build refreshes it once at the end). */
  readonly updateIndex?: boolean;
  /** The build key for the report's marker, when the caller has it (default: computed). */
  readonly buildKey?: string;
}

/** What `buildReport` produced. */
export interface BuiltReport {
  /** Report folder name inside the site. */
  readonly folder: string;
  /** The report page, relative to the site folder (`<folder>/index.html`). */
  readonly page: string;
  /** The run's index entry, as the index lists it. */
  readonly indexed: IndexedReport;
  /** Every file written, relative to the site folder, sorted (site-root files included when the index was refreshed). */
  readonly written: readonly string[];
  /** Absolute paths of the run folder's files the report was made from (run.json, log, copied files), for incremental builds. */
  readonly inputs: readonly string[];
  /** Digest, size and time of each input, by its path inside the run folder, as the report's marker records them (disk builds). */
  readonly inputRecords?: ReadonlyMap<string, InputRecord>;
  /** Identity of the report folder swapped in (disk builds), for the incremental manifest. */
  readonly folderId?: string | null;
  /** The in-memory site, for `target: "memory"`. */
  readonly memory?: InMemoryReportFiles;
}

/**
 * Renders `run` and writes `<outDir>/<folder>/` so that a build killed at any moment leaves the
 * previous report intact (see swap.ts), then refreshes the index unless `updateIndex` is false.
 */
export async function buildReport(run: Run, options: BuildReportOptions): Promise<BuiltReport> {
  return buildReportInto(run, options, options.target === "memory" ? new InMemoryReportFiles(options.outDir) : undefined);
}

/**
 * `buildReport` with an optional shared in-memory site (a memory build of many runs writes them
 * all into one). Exported for `buildSite`; callers outside the site layer use `buildReport`.
 */
export async function buildReportInto(run: Run, options: BuildReportOptions, memory: InMemoryReportFiles | undefined): Promise<BuiltReport> {
  const outDir = path.resolve(options.outDir);
  const version = options.version ?? packageVersion();
  const css = options.css === undefined ? undefined : path.resolve(options.css);
  if (css !== undefined) await checkStylesheet(css);
  const folder = checkFolderName(reportFolderName(run.info.reference), run.info.reference);
  const indexHref = relativeUrl(`${folder}/${REPORT_PATHS.page}`, INDEX_PATHS.index);
  const rendered = await timedAsync("templates", () => renderReport(run, { version, customCss: css !== undefined, indexHref }));
  if (rendered.folder !== folder) throw new Error(`renderReport chose the folder ${rendered.folder}, the router ${folder}`);
  const indexed = indexedFromRendered(rendered.files, folder);
  const inputs = [path.join(run.dir, RUN_FILE), ...rendered.copies.map((c) => c.source.absolute)];
  // Cleaned before anything is written: an SVG refused for its size or depth fails the build with nothing on disk.
  const svgs = await timedAsync("templates", () => sanitizedSvgs(rendered, run.dir));
  const write = (files: ReportFiles, prefix: string): Promise<void> => timedAsync("write", () => writeReportFolder(files, prefix, { rendered, runDir: run.dir, css, svgs }));

  const records = timed("incremental", () => inputRecords(run.dir, inputs));
  const marker = async (files: ReportFiles, prefix: string): Promise<void> => {
    const key = options.buildKey ?? buildKey({ version, ...(css === undefined ? {} : { css }) });
    const digests = new Map([...records].map(([relative, r]) => [relative, r.sha256]));
    await files.write(`${prefix}${MARKER_FILE}`, markerText(key, digests, await timedAsync("incremental", () => writtenDigest(files, prefix))));
  };

  if (memory !== undefined) {
    await write(memory, `${folder}/`);
    await marker(memory, `${folder}/`);
    if (options.updateIndex !== false) await writeSiteRoot(memory, withReports(await scanSite(outDir), [indexed]), version);
    return { folder, page: `${folder}/${REPORT_PATHS.page}`, indexed, written: memory.list(), inputs, memory };
  }

  assertSeparate([run.dir], outDir);
  await recoverInterrupted(outDir);
  const temp = tempFolderFor(outDir, folder);
  const files = new FileSystemReportFiles(temp, { atomic: false });
  try {
    await write(files, "");
    await marker(files, "");
  } catch (error) {
    // Best effort: the write error is what the user must see, not a failure to clean up after it
    // (the temp folder may not even be creatable, e.g. when the output path is a file).
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  // Taken before the swap: the rename keeps it, so it names this build's folder and no other.
  const folderId = folderIdentity(temp);
  await timedAsync("write", () => swapIn(outDir, temp, folder));
  const reportFiles = files.list().map((f) => `${folder}/${f}`);
  const index = options.updateIndex === false ? [] : (await buildIndex(outDir, { version })).written;
  return { folder, page: `${folder}/${REPORT_PATHS.page}`, indexed, written: sortPaths([...reportFiles, ...index]), inputs, inputRecords: records, folderId };
}

/** How many files of a report are written at once. */
const WRITE_CONCURRENCY = 16;

/** What goes into one report folder. */
interface ReportFolderSource {
  readonly rendered: RenderedReport;
  /** The copies that are SVG files, cleaned (see `sanitizedSvgs`), by their path in the report. */
  readonly svgs: ReadonlyMap<string, string>;
  readonly runDir: string;
  readonly css: string | undefined;
}

/** Writes a rendered report (pages, copies from the run folder, assets, custom css) under `prefix`. */
async function writeReportFolder(files: ReportFiles, prefix: string, source: ReportFolderSource): Promise<void> {
  // A big run has hundreds of files (graph sources, record pages): a few at a time keep the disk busy.
  await mapLimited(source.rendered.files, WRITE_CONCURRENCY, (file) => files.write(prefix + file.path, file.content));
  await mapLimited(source.rendered.copies, WRITE_CONCURRENCY, async (copy) => {
    const svg = source.svgs.get(copy.path);
    if (svg === undefined) await files.copy(prefix + copy.path, copy.source.absolute, source.runDir);
    else await files.write(prefix + copy.path, svg);
  });
  const assets = assetsDir();
  for (const asset of ASSET_FILES) await files.copy(prefix + asset, path.join(assets, asset), assets);
  if (source.css !== undefined) await files.copy(prefix + CUSTOM_CSS, source.css);
}

/**
 * The SVG files among a report's copies, cleaned: opened directly from the site (not through the
 * page's `<img>`), an SVG's script would run with the site's origin, and its links fetch. Throws
 * (SvgRefusedError) for a file too big or nested too deep to clean.
 */
async function sanitizedSvgs(rendered: RenderedReport, runDir: string): Promise<Map<string, string>> {
  const svgs = new Map<string, string>();
  for (const copy of rendered.copies) {
    if (!copy.path.toLowerCase().endsWith(".svg")) continue;
    await checkCopySource(copy.source.absolute, runDir);
    svgs.set(copy.path, sanitizeSvg(await readFile(copy.source.absolute, "utf8"), copy.source.absolute));
  }
  return svgs;
}

/** The report folder must be one plain segment that is not one of the site's own names. */
function checkFolderName(folder: string, reference: string): string {
  // Case-insensitively: on macOS and Windows a run named `Assets` would replace `assets/`.
  if (folder === "" || /[/\\\0]/.test(folder) || folder.startsWith(".") || folder.startsWith("_") || RESERVED_NAMES.has(folder.toLowerCase())) {
    throw new UnsafePathError(`The run ${JSON.stringify(reference)} would be written to the report folder ${JSON.stringify(folder)}, which is reserved or unsafe; rename the run.`);
  }
  return folder;
}

/** The index entry of a report, from the run_info.json it was rendered with. */
function indexedFromRendered(files: readonly RenderedFile[], folder: string): IndexedReport {
  const runInfo = files.find((f) => f.path === REPORT_PATHS.runInfo);
  if (runInfo === undefined) throw new Error(`renderReport produced no ${REPORT_PATHS.runInfo} for ${folder}`);
  const text = typeof runInfo.content === "string" ? runInfo.content : new TextDecoder().decode(runInfo.content);
  return { folder, entry: indexEntryFromRunInfo(JSON.parse(text), folder) };
}
