/**
 * Loads a run page's results data pages (`results/<p>.js`, see src/render/formats/resultsData.ts)
 * on demand, with script elements so that it works from `file://`: each page files itself under
 * its number in `window.curiResults`. A page is taken only when it is of the version this script
 * reads, names its own number and carries the digest the run page names (a page of another build
 * is refused). Loaded once per page; every caller shares the one promise.
 */
import type { DataRow, ResultsDataPage } from "../render/formats/resultsData.js";
import { RESULTS_DATA_GLOBAL } from "../render/router/reportPaths.js";

declare global {
  interface Window {
    [RESULTS_DATA_GLOBAL]?: Record<number, ResultsDataPage>;
  }
}

/** The version of the data pages this script reads. Keep in sync with RESULTS_DATA_VERSION (formats/resultsData.ts). */
const VERSION = 1;

/** Every row of the table, in its order, with the metrics whose series the rows carry. */
export interface ResultsData {
  readonly rows: readonly DataRow[];
  readonly seriesMetrics: readonly string[];
}

/** Loads one script; rejects with a message for the reader. */
function loadScript(href: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = href;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${href.split("?")[0] ?? href} could not be loaded`));
    document.head.appendChild(script);
  });
}

/** Page `p` once loaded, checked against `digest`. */
async function loadPage(href: string, p: number, digest: string): Promise<ResultsDataPage> {
  await loadScript(href);
  const page = window[RESULTS_DATA_GLOBAL]?.[p];
  const name = href.split("?")[0] ?? href;
  if (page === undefined || page.results_data_version !== VERSION || page.page !== p)
    throw new Error(`${name} is not results data page ${p} of this version; rebuild the report`);
  if (page.digest !== digest) throw new Error(`${name} is from another build of this report; reload the page`);
  return page;
}

const loads = new WeakMap<Element, Promise<ResultsData>>();

/** The data of the results section `section` (its `data-results-*` attributes name the pages); rejects with a message. */
export function resultsData(section: Element): Promise<ResultsData> {
  const known = loads.get(section);
  if (known !== undefined) return known;
  const hrefs = (section.getAttribute("data-results-data") ?? "").split(" ").filter((h) => h !== "");
  const digest = section.getAttribute("data-results-digest") ?? "";
  const load = (async () => {
    const rows: DataRow[] = [];
    let seriesMetrics: readonly string[] = [];
    // One after another: a site with 50,000 records has a few dozen pages, and order matters.
    for (const [i, href] of hrefs.entries()) {
      const page = await loadPage(href, i + 1, digest);
      if (page.pages !== hrefs.length) throw new Error(`the results data has ${page.pages} pages, not ${hrefs.length}`);
      rows.push(...page.rows);
      seriesMetrics = page.series_metrics ?? [];
    }
    return { rows, seriesMetrics };
  })();
  loads.set(section, load);
  return load;
}
