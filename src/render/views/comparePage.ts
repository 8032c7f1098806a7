/**
 * The comparison page (`compare/<runs>/index.html` in a site): view data for
 * `templates/pages/compare.eta` from a `Comparison`. The sections come from compareSections.ts
 * (shared with the site's in-browser `compare.html`); here, shared reportables whose content
 * differs are shown side by side with the report's own renderers (images from the compared
 * reports' folders).
 */
import type { RunContext } from "../context.js";
import type { Reportable } from "../../run/model.js";
import { clipField } from "../../util/clip.js";
import type { Comparison } from "../compare/compare.js";
import type { CoreComparison } from "../compare/compareCore.js";
import { compareAnalyses, importanceCell } from "../compare/compareAnalysis.js";
import { comparisonSections, type SectionOptions } from "../compare/compareSections.js";
import { compactSide } from "../compare/compareSides.js";
import { renderReportable } from "../reportables/index.js";
import { relativeUrl, reportableFileBase, reportFilePath, reportFolderPath, reportPagePath } from "../router.js";
import { renderTemplate } from "../templates.js";
import { pageMeta } from "./page.js";

/** Where the page sits in the site and what it links to (site-root-relative paths). */
export interface ComparePageOptions {
  readonly version: string;
  /** Path of the page from the site root, e.g. `compare/a--b/index.html`. */
  readonly pagePath: string;
  /** Folder of run i's report in the site, or null when the site has no report of it. */
  readonly reportFolder: (i: number) => string | null;
  /** Site-root paths of the stylesheet and script. */
  readonly style: string;
  readonly script: string;
  /** Path of the site's index page. */
  readonly indexPath: string;
}

/** Renders the comparison page of `curi-report compare`: each side drawn by the report's own renderers. */
export function renderComparePage(c: Comparison, o: ComparePageOptions): string {
  const analysis = compareAnalyses(c.contexts);
  const analysisHtml =
    analysis === null ? "" : renderTemplate("/partials/analysis/compare", { analysis, cell: importanceCell });
  return renderComparison(
    c,
    o,
    (r, i, k) => {
      const ctx = c.contexts[i] as RunContext;
      return r === null
        ? `<p class="note">not in this run</p>`
        : side(ctx, r.index, i, k, o.pagePath, o.reportFolder(i));
    },
    analysisHtml,
  );
}

/**
 * Renders a comparison page from the runs' comparison data alone (a site build's pages: the other
 * run's report may be all the site has of it): images side by side, other reportables linked.
 */
export function renderDataComparePage(c: CoreComparison, o: ComparePageOptions): string {
  return renderComparison(c, o, (r, i) => {
    const folder = o.reportFolder(i);
    return folder === null
      ? `<p class="note">${r === null ? "not in this run" : "this run has no report in the site"}</p>`
      : compactSide(relativeUrl(o.pagePath, reportFolderPath(folder)), r);
  });
}

/** The page; `extra` is trusted HTML (sections of this code's own) put after the core's sections. */
function renderComparison(
  c: CoreComparison,
  o: ComparePageOptions,
  sideHtml: SectionOptions["side"],
  extra = "",
): string {
  const from = o.pagePath;
  const runHref = (i: number): string | null => {
    const folder = o.reportFolder(i);
    return folder === null ? null : relativeUrl(from, reportPagePath(folder));
  };
  const sections = comparisonSections(c, { runHref, side: sideHtml });
  const title = `Comparison: ${c.labels.map((l) => clipField(l, 80)).join(" vs ")}`;
  return renderTemplate("/pages/compare", {
    page: pageMeta({
      title,
      version: o.version,
      styles: [relativeUrl(from, o.style)],
      script: relativeUrl(from, o.script),
      bodyClass: "compare",
    }),
    c: { count: c.labels.length, sections: `${sections}${extra}`, indexHref: relativeUrl(from, o.indexPath) },
  });
}

/** One run's side of a reportable: its rendered HTML (trusted), or a note. */
function side(ctx: RunContext, index: number, i: number, k: number, from: string, folder: string | null): string {
  const r = ctx.run.reportables[index] as Reportable;
  if ((r.kind === "image" || r.kind === "figure") && folder === null)
    return `<p class="note">build this run's report into the site to see the image here</p>`;
  const plan = ctx.plan.reportables[index];
  const fileBase =
    folder === null || plan === undefined
      ? reportableFileBase(String(k))
      : relativeUrl(from, reportFilePath(folder, plan.fileBase));
  return renderReportable(r, { fileBase, idPrefix: `c${k}-${i}`, maxTableRows: 50, maxTextChars: 20_000 }).html;
}
