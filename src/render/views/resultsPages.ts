/**
 * Renders the results section for a report: finds where each record's row links (its own page
 * `records/<i>.html` when the report has one, else its block on the report page), builds the view,
 * and renders the pages of a split table (`results/<p>.html`) and the table as data (`results/<p>.js`).
 */
import type { RunContext } from "../context.js";
import { recordPagePath, relativeUrl, REPORT_PATHS, SECTION_IDS } from "../router.js";
import { renderTemplate } from "../templates.js";
import type { RenderedFile } from "../types.js";
import { pageMeta } from "./page.js";
import { buildResultsSection, type RecordTarget, type ResultsView } from "./results.js";

/** The section's view (null without metrics) and the files of its pages. */
export interface RenderedResults {
  readonly view: ResultsView | null;
  readonly files: readonly RenderedFile[];
}

/** Renders the results section; `recordPages` are the record pages the report writes. */
export function renderResultsSection(
  ctx: RunContext,
  recordPages: readonly string[],
  options: { version: string; customCss?: boolean },
): RenderedResults {
  const { run, plan } = ctx;
  const pages = new Set(recordPages);
  const target = (i: number): RecordTarget =>
    pages.has(recordPagePath(i))
      ? { path: recordPagePath(i), anchor: null }
      : { path: REPORT_PATHS.page, anchor: plan.records[i]?.anchor ?? `record-${i}` };
  const section = buildResultsSection(ctx, target);
  const files = section.pages.map((p): RenderedFile => {
    const styles = [
      relativeUrl(p.path, REPORT_PATHS.style),
      ...(options.customCss === true ? [relativeUrl(p.path, REPORT_PATHS.customStyle)] : []),
    ];
    const html = renderTemplate("/pages/results", {
      page: pageMeta({
        title: `Results ${p.number}/${p.count} · ${run.info.reference}`,
        version: options.version,
        styles,
        script: relativeUrl(p.path, REPORT_PATHS.script),
        bodyClass: "report results-page",
      }),
      ids: SECTION_IDS,
      reference: run.info.reference,
      resultsPage: p,
    });
    return { path: p.path, content: html };
  });
  return { view: section.view, files: [...files, ...section.dataFiles] };
}
