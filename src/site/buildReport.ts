/**
 * Building one run's report into a site: render, write the folder through the site's target (on
 * disk: beside the old one, then swapped in), then refresh the index. One pipeline, any target.
 */
import { RunContext } from "../render/context.js";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { CompareDataFile } from "../render/compare/compareDataFiles.js";
import { indexEntryFromRunInfo, INDEX_PATHS } from "../render/views/indexPage.js";
import { isCopy, streamReport, type ReportStream } from "../render/report.js";
import { sanitizeSvg } from "../render/reportables/svgFile.js";
import { recordPagePath, relativeUrl, REPORT_PATHS, reportFolderName } from "../render/router.js";
import type { Run, RunFile } from "../run/model.js";
import { RUN_FILE } from "../run/version.js";
import { UnsafePathError } from "../util/errors.js";
import { forEachLimited } from "../util/mapLimited.js";
import { timed, timedAsync } from "../util/phases.js";
import { writeIndexInto } from "./buildIndex.js";
import { DigestingReportFiles } from "./DigestingReportFiles.js";
import { compareDataFilesOf } from "./buildCompare.js";
import { DiskTarget } from "./DiskTarget.js";
import { containedCopy, isLinkedMarkup, readHead } from "./linkedMarkup.js";
import { buildKey, inputRecords, type InputRecord } from "./incremental.js";
import type { ProjectConfig } from "./projectConfig.js";
import { MARKER_FILE, markerText, writtenDigests } from "./reportMarker.js";
import type { InMemoryReportFiles } from "./InMemoryReportFiles.js";
import { ASSET_FILES, assetsDir, CUSTOM_CSS, packageVersion } from "./packageFiles.js";
import { sortPaths, type ReportFiles } from "./ReportFiles.js";
import { checkCopySource, checkStylesheet } from "./safeOutputPath.js";
import { RESERVED_NAMES, type IndexedReport } from "./siteContents.js";
import type { SiteTarget } from "./SiteTarget.js";
import type { SingleFileOptions } from "./singleFile.js";
import type { SingleFileSink } from "./singleFileSink.js";
import { teeFiles } from "./teeFiles.js";

/** Options of `buildReport`. */
export interface BuildReportOptions {
  /** The site folder; the report goes to `<outDir>/<folder>/`. */
  readonly outDir: string;
  /** A stylesheet of the user's, copied into the report as `custom.css` and linked after ours. */
  readonly css?: string;
  /** Version printed in the pages (default: curi-report's). */
  readonly version?: string;
  /** Where the report goes (default: `new DiskTarget(outDir)`; its root is the site folder). A `MemoryTarget` writes nothing to disk. */
  readonly target?: SiteTarget;
  /** Set false to skip refreshing the index (a site build refreshes it once at the end). */
  readonly updateIndex?: boolean;
  /** The build key for the report's marker, when the caller has it (default: computed). */
  readonly buildKey?: string;
  /**
   * Largest comparison data file in bytes (default SITE_LIMITS.maxBytes, 2 MiB): past it stage
   * outputs are kept as digests and the data is split into chunk files. Lower, it gives more, smaller files.
   */
  readonly compareDataMaxBytes?: number;
  /**
   * Also compose `<outDir>/<folder>.html`, the report as one self-contained file (see singleFile.ts),
   * from the report's outputs as they are written; options bound it (default: off).
   */
  readonly singleFile?: boolean | SingleFileOptions;
  /** The args that are repetitions in the sweep analysis (`--group-by`), instead of seeds guessed by name. */
  readonly groupBy?: readonly string[];
  /** The project file (curi-report.config.json): its metric declarations judge the run's metrics. */
  readonly projectConfig?: ProjectConfig | null;
}

/** A single file written beside a report. */
export interface WrittenSingleFile {
  /** Its path relative to the site folder (`<folder>.html`). */
  readonly path: string;
  readonly bytes: number;
  readonly warnings: readonly string[];
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
  /** The whole site the target keeps in memory, for a memory target. */
  readonly memory?: InMemoryReportFiles;
  /** The single file, when `singleFile` asked for one. */
  readonly singleFile?: WrittenSingleFile;
}

/**
 * Renders `run` and writes `<outDir>/<folder>/` so that a build killed at any moment leaves the
 * previous report intact (see swap.ts), then refreshes the index unless `updateIndex` is false.
 */
export async function buildReport(run: Run, options: BuildReportOptions): Promise<BuiltReport> {
  const target = options.target ?? new DiskTarget(options.outDir);
  await target.prepare([run.dir]);
  return buildReportInto(run, options, target);
}

/**
 * `buildReport` into a target already prepared (a site build writes every run into one).
 * Exported for `buildSite`; callers outside the site layer use `buildReport`.
 */
export async function buildReportInto(run: Run, options: BuildReportOptions, target: SiteTarget): Promise<BuiltReport> {
  const version = options.version ?? packageVersion();
  const css = options.css === undefined ? undefined : path.resolve(options.css);
  if (css !== undefined) await checkStylesheet(css);
  const folder = checkFolderName(reportFolderName(run.info.reference), run.info.reference);
  const indexHref = relativeUrl(`${folder}/${REPORT_PATHS.page}`, INDEX_PATHS.index);
  // Every SVG the run names is cleaned before anything is written: one refused for its size or
  // depth fails the build with no output folder created at all.
  const svgs = await cleanRunSvgs(run);
  const ctx = new RunContext(run, { groupBy: options.groupBy, project: options.projectConfig?.declarations });
  const rendered = await timedAsync("layout", () =>
    streamReport(ctx, { version, customCss: css !== undefined, indexHref }),
  );
  if (rendered.folder !== folder)
    throw new Error(`renderReport chose the folder ${rendered.folder}, the router ${folder}`);
  const indexed: IndexedReport = { folder, entry: indexEntryFromRunInfo(JSON.parse(rendered.runInfo), folder) };
  // run.json, then every file copied from the run folder as the stream reaches it.
  const inputs = [path.join(run.dir, RUN_FILE)];
  // The data the site's compare.html loads to compare this run with any other (see compareData.ts):
  // compare-data.js and its chunks, the report's own files, so a rebuild that needs fewer leaves none
  // behind. Made after the pages are written, so its text (MiBs at 50,000 records) and the garbage of
  // making it are never in memory beside the pages' own.
  const compareData = (): CompareDataFile[] => compareDataFilesOf(ctx, options.compareDataMaxBytes);
  const key =
    options.buildKey ??
    buildKey({
      version,
      ...(css === undefined ? {} : { css }),
      ...(options.compareDataMaxBytes === undefined ? {} : { compareDataMaxBytes: options.compareDataMaxBytes }),
      ...(options.groupBy === undefined ? {} : { groupBy: options.groupBy }),
      ...(options.projectConfig == null ? {} : { projectConfig: options.projectConfig.file }),
    });
  // Known once the folder is written: the copies are among the inputs only then.
  let records: ReadonlyMap<string, InputRecord> | undefined;
  let sink: SingleFileSink | undefined;
  let folderDigest = "";
  const folderWritten = await target.writeReport(folder, async (files, prefix) => {
    // The single file is composed from the same outputs, as they go out (see singleFileSink.ts).
    if (options.singleFile !== undefined && options.singleFile !== false)
      sink = await singleFileSink(run, prefix, options.singleFile);
    // The marker's digest of the folder is taken from the bytes as they are written, not read back.
    const into = new DigestingReportFiles(sink === undefined ? files : teeFiles(files, sink));
    // Pages are rendered as they are written, so the "write" phase includes rendering them.
    await timedAsync("write", () =>
      writeReportFolder(into, prefix, { rendered, runDir: run.dir, css, inputs, svgs, compareData }),
    );
    records = timed("incremental", () => inputRecords(run.dir, inputs));
    folderDigest = await writeMarker(into, prefix, key, records);
  });
  const single =
    sink === undefined ? undefined : await writeSingleFile(target, folder, sink, folderDigest, options.singleFile);
  const index = options.updateIndex === false ? [] : (await writeIndexInto(target, [indexed], version)).written;
  return {
    folder,
    page: `${folder}/${REPORT_PATHS.page}`,
    indexed,
    written: sortPaths([...folderWritten.written, ...index]),
    inputs,
    ...(records === undefined ? {} : { inputRecords: records }),
    folderId: folderWritten.folderId,
    ...(target.memory === undefined ? {} : { memory: target.memory }),
    ...(single === undefined ? {} : { singleFile: single }),
  };
}

/** The sink of a report's single file, loaded only when one is asked for. */
async function singleFileSink(run: Run, prefix: string, options: true | SingleFileOptions): Promise<SingleFileSink> {
  const [{ SingleFileSink }, { SINGLE_FILE_PAGES }] = await Promise.all([
    import("./singleFileSink.js"),
    import("./singleFile.js"),
  ]);
  const maxPages = options === true ? SINGLE_FILE_PAGES : (options.maxPages ?? SINGLE_FILE_PAGES);
  // The aggregate's pages come first, as on the run page: they sum up the whole run.
  const first = run.records.filter((r) => r.isAggregate).map((r) => recordPagePath(r.index));
  return new SingleFileSink(prefix, { maxPages, first });
}

/** Composes the single file from what the sink kept and writes it beside the report folder. */
async function writeSingleFile(
  target: SiteTarget,
  folder: string,
  sink: SingleFileSink,
  stamp: string,
  options: boolean | SingleFileOptions | undefined,
): Promise<WrittenSingleFile> {
  const { composeSingleFile } = await import("./singleFile.js");
  const result = await composeSingleFile(sink, { folder, stamp }, typeof options === "object" ? options : {});
  const rel = `${folder}.html`;
  await timedAsync("write", () => target.files.write(rel, result.html));
  return { path: rel, bytes: result.bytes, warnings: result.warnings };
}

/** Writes the report's marker (see reportMarker.ts): the build key, the digest of each input and of the folder (returned). */
async function writeMarker(
  files: DigestingReportFiles,
  prefix: string,
  key: string,
  records: ReadonlyMap<string, InputRecord>,
): Promise<string> {
  const digests = new Map([...records].map(([relative, r]) => [relative, r.sha256]));
  const folder = await timedAsync("incremental", () => writtenDigests(files, prefix));
  await files.write(`${prefix}${MARKER_FILE}`, markerText(key, digests, folder));
  return folder.output;
}

/** How many files of a report are written at once. */
const WRITE_CONCURRENCY = 16;

/** What goes into one report folder. */
interface ReportFolderSource {
  readonly rendered: ReportStream;
  readonly runDir: string;
  readonly css: string | undefined;
  /** Receives the absolute path of every file copied from the run folder (inputs of incremental builds). */
  readonly inputs: string[];
  /** Cleaned text of the run's SVG files, by absolute source path (see `cleanRunSvgs`). */
  readonly svgs: ReadonlyMap<string, string>;
  /** Makes the report's `compare-data.js` and its chunk files (called once the pages are written). */
  readonly compareData: () => readonly CompareDataFile[];
}

/**
 * Writes a report (pages, copies from the run folder, assets, custom css) under `prefix`, each page
 * rendered when a write slot frees up, so memory holds a few pages, not the whole report.
 */
async function writeReportFolder(files: ReportFiles, prefix: string, source: ReportFolderSource): Promise<void> {
  await forEachLimited(source.rendered.outputs(), WRITE_CONCURRENCY, async (output) => {
    if (!isCopy(output)) return files.write(prefix + output.path, output.content);
    source.inputs.push(output.source.absolute);
    return copyFromRun(files, prefix + output.path, output.source.absolute, source);
  });
  for (const file of source.compareData()) await files.write(prefix + file.name, file.text);
  const assets = assetsDir();
  for (const asset of ASSET_FILES) await files.copy(prefix + asset, path.join(assets, asset), assets);
  if (source.css !== undefined) await files.copy(prefix + CUSTOM_CSS, source.css);
}

/**
 * Copies a file of the run folder into the report. An SVG is cleaned (see svgFile.ts): opened
 * directly from the site (not through the page's `<img>`), its script would run with the site's
 * origin, and its links fetch. SVGs come from the pre-pass's cache; one it did not foresee is
 * cleaned here (throws SvgRefusedError for a file too big or nested too deep).
 */
async function copyFromRun(
  files: ReportFiles,
  relPath: string,
  absSource: string,
  source: ReportFolderSource,
): Promise<void> {
  // A page a browser would open on its own (HTML, XHTML, XML…) is framed without scripts (linkedMarkup.ts).
  if (isLinkedMarkup(relPath, () => readHead(absSource)))
    return files.write(relPath, await containedCopy(absSource, source.runDir, path.relative(source.runDir, absSource)));
  if (!relPath.toLowerCase().endsWith(".svg")) return files.copy(relPath, absSource, source.runDir);
  await files.write(relPath, source.svgs.get(absSource) ?? (await cleanSvg(absSource, source.runDir)));
}

/** The SVG files the run names: figure and image reportables in SVG, and reportables' linked `.svg` files. */
function runSvgFiles(run: Run): RunFile[] {
  const isSvg = (f: RunFile): boolean => f.relative.toLowerCase().endsWith(".svg");
  const named = run.reportables.flatMap((r) => [
    ...((r.kind === "figure" || r.kind === "image") && isSvg(r.file) ? [r.file] : []),
    ...r.files.filter(isSvg),
  ]);
  return [...new Map(named.map((f) => [f.absolute, f])).values()];
}

/**
 * Cleans every SVG file the run names, before the build writes anything, so that an SVG refused
 * for its size or depth fails the build with nothing created. The cleaned text by absolute source
 * path, for `copyFromRun`.
 */
async function cleanRunSvgs(run: Run): Promise<Map<string, string>> {
  const cleaned = new Map<string, string>();
  for (const file of runSvgFiles(run)) cleaned.set(file.absolute, await cleanSvg(file.absolute, run.dir));
  return cleaned;
}

/** The cleaned text of an SVG file of the run folder (checked to stay inside it). */
async function cleanSvg(absSource: string, runDir: string): Promise<string> {
  await checkCopySource(absSource, runDir);
  return sanitizeSvg(await readFile(absSource, "utf8"), absSource);
}

/** The report folder must be one plain segment that is not one of the site's own names. */
function checkFolderName(folder: string, reference: string): string {
  // Case-insensitively: on macOS and Windows a run named `Assets` would replace `assets/`.
  if (
    folder === "" ||
    /[/\\\0]/.test(folder) ||
    folder.startsWith(".") ||
    folder.startsWith("_") ||
    RESERVED_NAMES.has(folder.toLowerCase())
  ) {
    throw new UnsafePathError(
      `The run ${JSON.stringify(reference)} would be written to the report folder ${JSON.stringify(folder)}, which is reserved or unsafe; rename the run.`,
    );
  }
  return folder;
}
