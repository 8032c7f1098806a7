/**
 * Renders one run into the files of its report folder: the run page (`index.html`), a page per
 * record (`records/<i>.html`), the record lists of each pipeline, the reportable pages of a big
 * run, `run_info.json`, graph sources, reportables' files, and what to copy from the run folder.
 * Pure: it reads and writes nothing. Pages come out one at a time (`streamReport`), so a site
 * writer holds one page at a time however many records the run has.
 */
import type { Run } from "../run/model.js";
import { RunContext } from "./context.js";
import { dagJson } from "./graph/dagJson.js";
import { fullDot } from "./graph/dagExport.js";
import { recordFailed } from "./facts/failures.js";
import { specDot } from "./graph/dot.js";
import { layoutRunGraphs, type RunGraphs } from "./graph/graphs.js";
import { mapGraphSpec } from "./graph/mapGraph.js";
import { counted } from "./facts/recordShapes.js";
import {
  recordDotPath,
  recordPagePath,
  relativeUrl,
  REPORT_PATHS,
  reportablesPagePath,
  SECTION_IDS,
} from "./router.js";
import { factsJson } from "./facts/runFacts.js";
import { renderTemplate } from "./templates.js";
import type { CopiedFile, RenderedFile } from "./types.js";
import { analysisFiles, buildAnalysisPage, buildRunPageAnalysis } from "./views/analysis.js";
import { buildArgsView } from "./views/args.js";
import { buildHeaderView } from "./views/header.js";
import { buildMapView } from "./views/map.js";
import { pageMeta, type PageMeta } from "./views/page.js";
import { pipelinePages, buildRecordsSection } from "./views/pipelines.js";
import { buildRecordPage } from "./views/recordPage.js";
import { buildReportablesIndex, buildReportablesSection, reportablesPageTitle } from "./views/reportables.js";
import { renderResultsSection } from "./views/resultsPages.js";
import { runInfoJson } from "./formats/runInfo.js";
import { buildToc } from "./views/toc.js";

/** Options of `renderReport`. */
export interface RenderReportOptions {
  /** curi-report's version, shown in the footer and the generator meta. */
  readonly version: string;
  /** Link `custom.css` after `style.css` (site copies the user's stylesheet there). */
  readonly customCss?: boolean;
  /** Relative URL of the reports index, shown as an "All reports" link; omit for a standalone report. */
  readonly indexHref?: string | null;
}

/** A rendered report: its folder name and the files to write or copy, relative to that folder. */
export interface RenderedReport {
  readonly folder: string;
  readonly files: readonly RenderedFile[];
  readonly copies: readonly CopiedFile[];
}

/** One thing to put in the report folder: a file to write, or a file to copy from the run folder. */
export type ReportOutput = RenderedFile | CopiedFile;

/** A report rendered page by page. */
export interface ReportStream {
  readonly folder: string;
  /** The text of `run_info.json` (the index reads it). */
  readonly runInfo: string;
  /** Every file of the report, made as they are asked for. */
  outputs(): Generator<ReportOutput>;
}

/** True for an output that is a file to copy from the run folder. */
export function isCopy(output: ReportOutput): output is CopiedFile {
  return "source" in output;
}

/** Renders a run's report, every file at once (tests, single-file builds). */
export async function renderReport(run: Run, options: RenderReportOptions): Promise<RenderedReport> {
  const stream = await streamReport(new RunContext(run), options);
  const files: RenderedFile[] = [];
  const copies: CopiedFile[] = [];
  for (const output of stream.outputs()) {
    if (isCopy(output)) copies.push(output);
    else files.push(output);
  }
  return { folder: stream.folder, files, copies };
}

/**
 * Lays out the run's graphs (a layout failure becomes an error box, never a failed report), then
 * returns the report as a stream of files. `ctx` is the run's one context: the caller keeps it for
 * what else it derives from the run (the comparison data).
 */
export async function streamReport(ctx: RunContext, options: RenderReportOptions): Promise<ReportStream> {
  const run = ctx.run;
  let graphs: RunGraphs | null = null;
  let graphError: unknown = null;
  try {
    graphs = await layoutRunGraphs(run, ctx.shapes, run.info.reference);
  } catch (error) {
    graphError = error;
  }
  const runInfo = runInfoJson(ctx);
  const parts: ReportParts = { ctx, options, graphs, graphError };
  return { folder: ctx.plan.folder, runInfo, outputs: () => outputs(parts, runInfo) };
}

/** What every page of one report is drawn from. */
interface ReportParts {
  readonly ctx: RunContext;
  readonly options: RenderReportOptions;
  readonly graphs: RunGraphs | null;
  readonly graphError: unknown;
}

function* outputs(parts: ReportParts, runInfo: string): Generator<ReportOutput> {
  const { ctx, graphs } = parts;
  const { run, plan } = ctx;
  yield* runPage(parts);
  yield { path: REPORT_PATHS.runInfo, content: runInfo };
  yield { path: REPORT_PATHS.results, content: factsJson(ctx.facts) };
  yield* analysisPage(parts);
  yield { path: REPORT_PATHS.mapDot, content: specDot(mapGraphSpec(run, ctx.shapes, REPORT_PATHS.mapDot).spec) };
  if (hasDagFiles(run)) {
    yield { path: REPORT_PATHS.fullDot, content: fullDot(run) };
    yield { path: REPORT_PATHS.dagJson, content: dagJson(run) };
  }
  for (let page = 0; page < plan.reportablePages; page++) yield* reportablesPage(parts, page);
  for (const view of pipelinePages(ctx)) {
    yield {
      path: view.path,
      content: renderTemplate("/pages/pipeline", {
        page: meta(view.heading, parts, view.path),
        ids: SECTION_IDS,
        reference: run.info.reference,
        pipeline: view,
      }),
    };
  }
  const error =
    parts.graphError === null
      ? null
      : parts.graphError instanceof Error
        ? parts.graphError.message
        : String(parts.graphError);
  for (const record of run.records) {
    const view = buildRecordPage(ctx, record.index, graphs, error);
    yield {
      path: view.path,
      content: renderTemplate("/pages/record", {
        page: meta(view.heading, parts, view.path),
        ids: SECTION_IDS,
        reference: run.info.reference,
        record: view,
      }),
    };
    if (graphs !== null) yield { path: recordDotPath(record.index), content: specDot(graphs.recordSpec(record.index)) };
  }
  if (run.log !== null) yield { path: REPORT_PATHS.log, source: run.log };
}

/**
 * Most records for which a report carries the whole DAG as `graphs/full.gv` and `graphs/dag.json`.
 * Past it they would be tens of megabytes nobody opens in a browser, and building them would take a
 * third of the build's memory; `curi-report dag` writes them on demand.
 */
export const MAX_RECORDS_FOR_DAG_FILES = 2000;

/** True when the report carries `graphs/full.gv` and `graphs/dag.json`. */
export function hasDagFiles(run: Run): boolean {
  return run.records.length <= MAX_RECORDS_FOR_DAG_FILES;
}

/** The run page and the files of the reportables it shows. */
function* runPage(parts: ReportParts): Generator<ReportOutput> {
  const { ctx, options, graphs, graphError } = parts;
  const { run, plan } = ctx;
  const header = buildHeaderView(ctx);
  const paged = plan.reportablePages > 0;
  const reportables = buildReportablesSection(ctx);
  const args = buildArgsView(ctx, { bounded: true });
  const failed = run.records.filter(recordFailed).length;
  const results = renderResultsSection(
    ctx,
    run.records.map((r) => recordPagePath(r.index)),
    options,
  );
  const analysis = buildRunPageAnalysis(ctx);
  const toc = buildToc({
    hasResults: results.view !== null,
    hasAnalysis: analysis !== null,
    reportableCount: plan.reportables.length,
    recordsText: counted(run.records.length, "record"),
    argsText: args.countText,
    hasArgsDiff: args.diff !== null,
    failedText: failed === 0 ? null : counted(failed, "failed record"),
  });
  const html = renderTemplate("/pages/report", {
    page: { ...meta(header.pageTitle, parts, REPORT_PATHS.page), title: header.pageTitle },
    ids: SECTION_IDS,
    indexHref: options.indexHref ?? null,
    header,
    toc,
    results: results.view,
    analysis,
    reportables: { ...reportables, count: plan.reportables.length },
    reportablesIndex: paged ? buildReportablesIndex(ctx, REPORT_PATHS.page) : null,
    map: buildMapView(graphs, graphError, ctx.shapes.shapes.length, run.records.length, hasDagFiles(run)),
    records: buildRecordsSection(ctx),
    args,
  });
  yield { path: REPORT_PATHS.page, content: html };
  yield* reportables.files;
  yield* reportables.copies;
  yield* results.files;
}

/** The sweep analysis page and its published data, for a run that has an analysis. */
function* analysisPage(parts: ReportParts): Generator<ReportOutput> {
  const { ctx } = parts;
  const view = buildAnalysisPage(ctx);
  if (view === null) return;
  const path = REPORT_PATHS.analysis;
  const html = renderTemplate("/pages/analysis", {
    page: meta(`Sweep analysis`, parts, path),
    ids: SECTION_IDS,
    reference: ctx.run.info.reference,
    analysisPage: view,
  });
  yield { path, content: html };
  yield* analysisFiles(ctx);
}

/** Page `page` of the reportables of a run with too many for the run page, titled by its groups and records. */
function* reportablesPage(parts: ReportParts, page: number): Generator<ReportOutput> {
  const { ctx } = parts;
  const { run, plan } = ctx;
  const path = reportablesPagePath(page);
  const section = buildReportablesSection(ctx, path);
  const title = reportablesPageTitle(ctx, path);
  const link = (k: number) =>
    k < 0 || k >= plan.reportablePages
      ? null
      : {
          href: relativeUrl(path, reportablesPagePath(k)),
          label: `page ${k + 1}: ${reportablesPageTitle(ctx, reportablesPagePath(k))}`,
        };
  const html = renderTemplate("/pages/reportables", {
    page: meta(`Reportables: ${title} (page ${page + 1} of ${plan.reportablePages})`, parts, path),
    ids: SECTION_IDS,
    reference: run.info.reference,
    reportHref: `${relativeUrl(path, REPORT_PATHS.page)}#${SECTION_IDS.reportables}`,
    title,
    pageLabel: `page ${page + 1} of ${plan.reportablePages}`,
    previous: link(page - 1),
    next: link(page + 1),
    reportables: section,
  });
  yield { path, content: html };
  yield* section.files;
  yield* section.copies;
}

/** The layout's metadata for a page at `path` (stylesheets and script relative to it). */
function meta(title: string, parts: ReportParts, path: string): PageMeta {
  const { options } = parts;
  const styles = [
    relativeUrl(path, REPORT_PATHS.style),
    ...(options.customCss === true ? [relativeUrl(path, REPORT_PATHS.customStyle)] : []),
  ];
  const bodyClass = path === REPORT_PATHS.page ? "report" : "report subpage";
  return pageMeta({
    title: path === REPORT_PATHS.page ? title : `${title} · ${parts.ctx.run.info.reference}`,
    version: options.version,
    styles,
    script: relativeUrl(path, REPORT_PATHS.script),
    bodyClass,
  });
}
