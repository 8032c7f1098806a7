/**
 * The sweep analysis on a report's pages (issue 19): the short section of the run page (after the
 * results: the best card and its headline, the primary metric's ranking, the parallel coordinates
 * that filter the results table, a link on) and the full page `analysis.html` with `analysis.json`
 * beside it. Both come from the run's one analysis (`RunContext.analysis`); a run without one (one
 * args set, one record, no record metric) gets neither.
 */
import {
  buildAnalysisSummaryView,
  buildAnalysisView,
  type AnalysisSummaryView,
  type AnalysisView,
  type RecordLink,
} from "../analysis/index.js";
import type { RunContext } from "../context.js";
import { analysisJson } from "../formats/analysis.js";
import { recordHeading } from "../facts/names.js";
import { recordPagePath, relativeUrl, REPORT_PATHS, SECTION_IDS } from "../router.js";
import type { RenderedFile } from "../types.js";

/** The run page's analysis section, and where its full page is. */
export interface RunPageAnalysis {
  readonly analysis: AnalysisSummaryView;
  readonly pageHref: string;
}

/** What `pages/analysis.eta` shows. */
export interface AnalysisPageView {
  readonly analysis: AnalysisView;
  readonly reportHref: string;
  readonly jsonHref: string;
  readonly jsonName: string;
}

/** Links to record pages from the page at `from`, named as the record's heading. */
function recordLinks(ctx: RunContext, from: string): RecordLink {
  return (index) => ({ href: relativeUrl(from, recordPagePath(index)), label: recordHeading(ctx.run, index) });
}

/** The run page's analysis section, or null when the run has no analysis. */
export function buildRunPageAnalysis(ctx: RunContext): RunPageAnalysis | null {
  const a = ctx.analysis;
  if (a === null) return null;
  const from = REPORT_PATHS.page;
  return {
    analysis: buildAnalysisSummaryView(a, recordLinks(ctx, from), SECTION_IDS.analysis),
    pageHref: relativeUrl(from, REPORT_PATHS.analysis),
  };
}

/** The full analysis page's view, or null when the run has no analysis. */
export function buildAnalysisPage(ctx: RunContext): AnalysisPageView | null {
  const a = ctx.analysis;
  if (a === null) return null;
  const from = REPORT_PATHS.analysis;
  return {
    analysis: buildAnalysisView(a, recordLinks(ctx, from), SECTION_IDS.analysis),
    reportHref: relativeUrl(from, REPORT_PATHS.page),
    jsonHref: relativeUrl(from, REPORT_PATHS.analysisJson),
    jsonName: REPORT_PATHS.analysisJson,
  };
}

/** The published `analysis.json`, or nothing when the run has no analysis. */
export function analysisFiles(ctx: RunContext): RenderedFile[] {
  const a = ctx.analysis;
  return a === null ? [] : [{ path: REPORT_PATHS.analysisJson, content: analysisJson(a) }];
}
