/**
 * Renders one run into the files of its report folder: the run page (`index.html`), a page per
 * record (`records/<i>.html`), the record lists of each pipeline, the reportable pages of a big
 * run, `run_info.json`, graph sources, reportables' files, and what to copy from the run folder.
 * Pure: it reads and writes nothing. Pages come out one at a time (`streamReport`), so a site
 * writer holds one page at a time however many records the run has.
 */
import type { Run } from "../run/model.js";
import { dagJson } from "./graph/dagJson.js";
import { fullDot } from "./graph/dagExport.js";
import { recordFailed } from "./facts/failures.js";
import { specDot } from "./graph/dot.js";
import { layoutRunGraphs, type RunGraphs } from "./graph/graphs.js";
import { mapGraphSpec } from "./graph/mapGraph.js";
import { counted, runShapes } from "./facts/recordShapes.js";
import {
  planReport,
  recordDotPath,
  recordPagePath,
  relativeUrl,
  REPORT_PATHS,
  reportablesPagePath,
  SECTION_IDS,
  type ReportPlan,
} from "./router.js";
import { factsJson, RESULTS_JSON } from "./facts/runFacts.js";
import { renderTemplate } from "./templates.js";
import type { CopiedFile, RenderedFile } from "./types.js";
import { buildArgsView } from "./views/args.js";
import { buildHeaderView } from "./views/header.js";
import { buildMapView } from "./views/map.js";
import { pageMeta, type PageMeta } from "./views/page.js";
import { pipelinePages, buildRecordsSection } from "./views/pipelines.js";
import { buildRecordPage } from "./views/recordPage.js";
import { buildReportablesIndex, buildReportablesSection } from "./views/reportables.js";
import { renderResultsSection } from "./views/resultsPages.js";
import { runInfoJson } from "./views/runInfo.js";
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
  const stream = await streamReport(run, options);
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
 * returns the report as a stream of files.
 */
export async function streamReport(run: Run, options: RenderReportOptions): Promise<ReportStream> {
  const plan = planReport(run);
  let graphs: RunGraphs | null = null;
  let graphError: unknown = null;
  try {
    graphs = await layoutRunGraphs(run, runShapes(run), run.info.reference);
  } catch (error) {
    graphError = error;
  }
  const runInfo = runInfoJson(run);
  return { folder: plan.folder, runInfo, outputs: () => outputs(run, plan, options, graphs, graphError, runInfo) };
}

function* outputs(
  run: Run,
  plan: ReportPlan,
  options: RenderReportOptions,
  graphs: RunGraphs | null,
  graphError: unknown,
  runInfo: string,
): Generator<ReportOutput> {
  yield* runPage(run, plan, options, graphs, graphError);
  yield { path: REPORT_PATHS.runInfo, content: runInfo };
  yield { path: RESULTS_JSON, content: factsJson(run) };
  yield { path: REPORT_PATHS.mapDot, content: specDot(mapGraphSpec(run, runShapes(run), REPORT_PATHS.mapDot).spec) };
  if (hasDagFiles(run)) {
    yield { path: REPORT_PATHS.fullDot, content: fullDot(run) };
    yield { path: REPORT_PATHS.dagJson, content: dagJson(run) };
  }
  for (let page = 0; page < plan.reportablePages; page++) yield* reportablesPage(run, plan, options, page);
  for (const view of pipelinePages(run)) {
    yield {
      path: view.path,
      content: renderTemplate("/pages/pipeline", {
        page: meta(view.heading, run, options, view.path),
        ids: SECTION_IDS,
        reference: run.info.reference,
        pipeline: view,
      }),
    };
  }
  const error = graphError === null ? null : graphError instanceof Error ? graphError.message : String(graphError);
  for (const record of run.records) {
    const view = buildRecordPage(run, plan, record.index, graphs, error);
    yield {
      path: view.path,
      content: renderTemplate("/pages/record", {
        page: meta(view.heading, run, options, view.path),
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
function* runPage(
  run: Run,
  plan: ReportPlan,
  options: RenderReportOptions,
  graphs: RunGraphs | null,
  graphError: unknown,
): Generator<ReportOutput> {
  const header = buildHeaderView(run, plan);
  const paged = plan.reportablePages > 0;
  const reportables = buildReportablesSection(run, plan);
  const args = buildArgsView(run, plan, { bounded: true });
  const failed = run.records.filter(recordFailed).length;
  const results = renderResultsSection(
    run,
    plan,
    run.records.map((r) => recordPagePath(r.index)),
    options,
  );
  const toc = buildToc({
    hasResults: results.view !== null,
    reportableCount: plan.reportables.length,
    recordsText: counted(run.records.length, "record"),
    argsText: args.countText,
    hasArgsDiff: args.diff !== null,
    failedText: failed === 0 ? null : counted(failed, "failed record"),
  });
  const html = renderTemplate("/pages/report", {
    page: { ...meta(header.pageTitle, run, options, REPORT_PATHS.page), title: header.pageTitle },
    ids: SECTION_IDS,
    indexHref: options.indexHref ?? null,
    header,
    toc,
    results: results.view,
    reportables: { ...reportables, count: plan.reportables.length },
    reportablesIndex: paged ? buildReportablesIndex(plan, REPORT_PATHS.page) : null,
    map: buildMapView(graphs, graphError, runShapes(run).shapes.length, run.records.length, hasDagFiles(run)),
    records: buildRecordsSection(run),
    args,
  });
  yield { path: REPORT_PATHS.page, content: html };
  yield* reportables.files;
  yield* reportables.copies;
  yield* results.files;
}

/** Page `page` of the reportables of a run with too many for the run page. */
function* reportablesPage(
  run: Run,
  plan: ReportPlan,
  options: RenderReportOptions,
  page: number,
): Generator<ReportOutput> {
  const path = reportablesPagePath(page);
  const section = buildReportablesSection(run, plan, path);
  const link = (k: number) =>
    k < 0 || k >= plan.reportablePages
      ? null
      : { href: relativeUrl(path, reportablesPagePath(k)), label: `page ${k + 1}` };
  const html = renderTemplate("/pages/reportables", {
    page: meta(`Reportables ${page + 1} of ${plan.reportablePages} · ${run.info.reference}`, run, options, path),
    ids: SECTION_IDS,
    reference: run.info.reference,
    reportHref: `${relativeUrl(path, REPORT_PATHS.page)}#${SECTION_IDS.reportables}`,
    pageLabel: `${page + 1} of ${plan.reportablePages}`,
    previous: link(page - 1),
    next: link(page + 1),
    reportables: section,
  });
  yield { path, content: html };
  yield* section.files;
  yield* section.copies;
}

/** The layout's metadata for a page at `path` (stylesheets and script relative to it). */
function meta(title: string, run: Run, options: RenderReportOptions, path: string): PageMeta {
  const styles = [
    relativeUrl(path, REPORT_PATHS.style),
    ...(options.customCss === true ? [relativeUrl(path, REPORT_PATHS.customStyle)] : []),
  ];
  const bodyClass = path === REPORT_PATHS.page ? "report" : "report subpage";
  return pageMeta({
    title: path === REPORT_PATHS.page ? title : `${title} · ${run.info.reference}`,
    version: options.version,
    styles,
    script: relativeUrl(path, REPORT_PATHS.script),
    bodyClass,
  });
}
