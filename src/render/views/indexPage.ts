/**
 * Renders the site's shared pages: the reports index (`index.html`), a real "latest" page
 * (`latest/index.html`, a meta refresh plus a plain link, so it survives zips and static hosts
 * where curifactory's `_latest` symlink does not), `latest.json` saying which run is newest, and
 * `compare.html`, the in-browser comparison of any two runs.
 */
import { clipField, groupDigits } from "../../util/clip.js";
import { renderCompareApp } from "./compareAppPage.js";
import { relativeUrl, reportPagePath, runsListPagePath, SITE_PATHS } from "../router.js";
import { renderTemplate } from "../templates.js";
import type { RenderedFile } from "../types.js";
import type { IndexView, RunLines, RunLineView } from "./indexView.js";
import { buildIndexView } from "./indexView.js";
import { pageMeta } from "./page.js";
import { fittingLines, renderRunsList, RUN_LIST_BOUNDS, type LineBound } from "./runsList.js";
import { latestJsonText, type LatestJson } from "../formats/latest.js";
import type { IndexEntry } from "../formats/runInfo.js";
import type { History } from "../formats/history.js";

export type { IndexEntry } from "../formats/runInfo.js";
export { indexEntryFromRunInfo } from "../formats/runInfo.js";

/** The site's own files, relative to its root: the router's `SITE_PATHS`, under the name earlier versions exported. */
export { SITE_PATHS as INDEX_PATHS } from "../router.js";

/** Options of `renderIndex`. */
export interface RenderIndexOptions {
  /** curi-report's version, shown in the footer. */
  readonly version: string;
  /** Names of the comparison pages in the site's `compare/` folder. */
  readonly comparisons?: readonly string[];
  /** The newest run's facts (its report's results.json), embedded in latest.json for `summary --base`. */
  readonly latestFacts?: unknown;
  /** The site's history (merged with its reports), which the trends are drawn from; default: the entries alone. */
  readonly history?: History;
}

export type { LatestJson } from "../formats/latest.js";

/**
 * Renders `index.html`, `latest/index.html`, `latest.json`, `compare.html` and the pages of the list
 * of every run (`runs/<p>.html`) from the runs' index entries and the names of folders without run
 * info. The newest run is the first by timestamp, run number, reference.
 */
export function renderIndex(
  entries: readonly IndexEntry[],
  informal: readonly string[],
  options: RenderIndexOptions,
): RenderedFile[] {
  const index = buildIndexView(
    entries,
    informal,
    SITE_PATHS.index,
    options.comparisons ?? [],
    ...(options.history === undefined ? [] : [options.history]),
  );
  const { newestFirst, previous } = index;
  const runsList = renderRunsList(newestFirst, options.version, previous);
  const indexHtml = renderTemplate("/pages/index", {
    lists: renderRunLists(index),
    runsList: {
      href: relativeUrl(SITE_PATHS.index, runsListPagePath(1)),
      pages: runsList.length === 1 ? "one page" : `${groupDigits(runsList.length)} pages`,
    },
    page: pageMeta({
      title: "Reports",
      version: options.version,
      styles: [relativeUrl(SITE_PATHS.index, SITE_PATHS.style)],
      script: relativeUrl(SITE_PATHS.index, SITE_PATHS.script),
      bodyClass: "index",
    }),
    index,
  });
  const newest = newestFirst[0];
  const latest: LatestJson =
    newest === undefined
      ? { reference: null, path: null, timestamp: null, facts: null }
      : {
          reference: newest.reference,
          path: reportPagePath(newest.folder),
          timestamp: newest.timestamp,
          facts: options.latestFacts ?? null,
        };
  return [
    { path: SITE_PATHS.index, content: indexHtml },
    { path: SITE_PATHS.latestPage, content: renderLatestPage(latest, options.version) },
    { path: SITE_PATHS.latestJson, content: latestJsonText(latest) },
    {
      path: SITE_PATHS.compareApp,
      content: renderCompareApp(
        entries.map((e) => e.folder),
        {
          version: options.version,
          style: SITE_PATHS.style,
          script: SITE_PATHS.script,
          indexPath: SITE_PATHS.index,
        },
      ),
    },
    ...runsList,
  ];
}

/** A run list as the index shows it: the newest lines that fit its bound, and a note when some are left out. */
export interface ShownRuns {
  readonly html: string;
  /** `Showing the newest 200 of 1,500 runs`, when the list leaves runs out (the page links the runs list after it); else null. */
  readonly cutNote: string | null;
}

/**
 * Renders each run's line at most once and joins the newest that fit per list: every run may appear
 * twice (its experiment and all runs), and an Eta `include` per line inside the page template costs
 * several times more (about 2 s instead of 0.4 s at 10,000 runs). Every run is on the runs list's
 * pages (runsList.ts); the index shows the newest, so it stays one bounded page at any history.
 */
function renderRunLists(index: IndexView): { experiments: ShownRuns[]; allRuns: ShownRuns; trends: string[][] } {
  const html = new Map<RunLineView, string>();
  const line = (r: RunLineView): string => {
    let text = html.get(r);
    if (text === undefined) {
      text = renderTemplate("/partials/index/runLine", r);
      html.set(r, text);
    }
    return text;
  };
  const shown = (runs: RunLines, bound: LineBound): ShownRuns => {
    const kept = fittingLines(runs.length, (i) => line(runs.at(i)), bound);
    return {
      html: kept.join(""),
      cutNote:
        kept.length < runs.length
          ? `Showing the newest ${groupDigits(kept.length)} of ${groupDigits(runs.length)} runs`
          : null,
    };
  };
  // With one experiment its list is the index's list of all runs, and bound as such.
  const perExperiment = index.experiments.length > 1 ? RUN_LIST_BOUNDS.experiment : RUN_LIST_BOUNDS.index;
  return {
    experiments: index.experiments.map((x) => shown(x.runs, perExperiment)),
    allRuns: shown(index.allRuns, RUN_LIST_BOUNDS.index),
    trends: index.experiments.map((x) =>
      x.trends.branches.map((b) => renderTemplate("/partials/index/trends", b.trends)),
    ),
  };
}

/** The latest page: leads to the newest report with a meta refresh (works with JS off) and a link. */
function renderLatestPage(latest: LatestJson, version: string): string {
  const from = SITE_PATHS.latestPage;
  const href = latest.path === null ? null : relativeUrl(from, latest.path);
  return renderTemplate("/pages/latest", {
    page: pageMeta({
      title: latest.reference === null ? "Latest report" : `Latest report: ${clipField(latest.reference, 200)}`,
      version,
      styles: [relativeUrl(from, SITE_PATHS.style)],
      refresh: href === null ? null : `0; url=${href}`,
      bodyClass: "latest",
    }),
    latest: {
      href,
      reference: latest.reference === null ? null : clipField(latest.reference),
      indexHref: relativeUrl(from, SITE_PATHS.index),
    },
  });
}
