/**
 * Renders one run into the files of its report folder: the page (`index.html`), `run_info.json`,
 * the graph sources, the reportables' files, and what to copy from the run folder (the log and
 * image reportables). Pure: it reads and writes nothing; site writes what this returns.
 */
import type { Run } from "../run/model.js";
import { planReport, relativeUrl, REPORT_PATHS, SECTION_IDS } from "./router.js";
import { factsJson, RESULTS_JSON } from "./runFacts.js";
import { renderTemplate } from "./templates.js";
import type { CopiedFile, RenderedFile } from "./types.js";
import { buildArgsView } from "./views/args.js";
import { buildHeaderView } from "./views/header.js";
import { buildMapSection } from "./views/map.js";
import { pageMeta } from "./views/page.js";
import { buildReportablesSection } from "./views/reportables.js";
import { renderResultsSection } from "./views/resultsPages.js";
import { runInfoJson } from "./views/runInfo.js";
import { buildStageDetailSection, type RecordPageView } from "./views/stageDetail.js";
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

/** Renders a run's report. Never fails on one bad reportable or graph: those become error boxes. */
export async function renderReport(run: Run, options: RenderReportOptions): Promise<RenderedReport> {
  const plan = planReport(run);
  const header = buildHeaderView(run, plan);
  const reportables = buildReportablesSection(run, plan);
  const map = await buildMapSection(run, plan);
  const stageDetail = await buildStageDetailSection(run, plan);
  const args = buildArgsView(run, plan);
  const results = renderResultsSection(run, plan, stageDetail.pages.map((p) => p.path), options);
  const toc = buildToc({
    hasResults: results.view !== null,
    reportableCount: reportables.count,
    recordCount: run.records.length,
    argsCount: args.sets.length,
    hasArgsDiff: args.diff !== null,
  });
  const from = REPORT_PATHS.page;
  const styles = [relativeUrl(from, REPORT_PATHS.style), ...(options.customCss ? [relativeUrl(from, REPORT_PATHS.customStyle)] : [])];
  const html = renderTemplate("/pages/report", {
    page: pageMeta({ title: header.pageTitle, version: options.version, styles, script: relativeUrl(from, REPORT_PATHS.script), bodyClass: "report" }),
    ids: SECTION_IDS,
    indexHref: options.indexHref ?? null,
    header,
    toc,
    results: results.view,
    reportables,
    map: map.view,
    stageDetail: stageDetail.view,
    args,
  });
  const files: RenderedFile[] = [
    { path: REPORT_PATHS.page, content: html },
    { path: REPORT_PATHS.runInfo, content: runInfoJson(run) },
    { path: RESULTS_JSON, content: factsJson(run) },
    ...map.files,
    ...stageDetail.files,
    ...stageDetail.pages.map((record) => ({ path: record.path, content: renderRecordPage(record, run.info.reference, options) })),
    ...reportables.files,
    ...results.files,
  ];
  const copies: CopiedFile[] = [...reportables.copies];
  if (run.log !== null) copies.push({ path: REPORT_PATHS.log, source: run.log });
  return { folder: plan.folder, files, copies };
}

/** A record's own page (paged reports): its graph, with links back to the report and to its neighbours. */
function renderRecordPage(record: RecordPageView, reference: string, options: RenderReportOptions): string {
  const from = record.path;
  const styles = [relativeUrl(from, REPORT_PATHS.style), ...(options.customCss ? [relativeUrl(from, REPORT_PATHS.customStyle)] : [])];
  return renderTemplate("/pages/record", {
    page: pageMeta({ title: `${record.heading} · ${reference}`, version: options.version, styles, script: relativeUrl(from, REPORT_PATHS.script), bodyClass: "report record-page" }),
    ids: SECTION_IDS,
    reference,
    record,
  });
}
