/**
 * The site's `compare.html`: compares any two (or more) of the site's runs in the browser, named
 * in its address (`compare.html?runs=a,b`), from each report's `compare-data.js` (see
 * src/browser/compareApp.ts). It lists the site's report folders, the only ones it will load.
 */
import { relativeUrl } from "../router.js";
import { renderTemplate } from "../templates.js";
import { pageMeta } from "../views/page.js";

/** Path of the page from the site root. Keep in sync with RESERVED_NAMES in src/site/buildIndex.ts. */
export const COMPARE_APP_PAGE = "compare.html";

/** Path of its script from the site root (bundled by scripts/bundle-browser.mjs). */
export const COMPARE_APP_SCRIPT = "assets/compare.js";

/** The URL of the in-browser comparison of report folders `folders` (base first), relative to `fromPage`. */
export function compareAppHref(fromPage: string, folders: readonly string[]): string {
  return `${relativeUrl(fromPage, COMPARE_APP_PAGE)}?runs=${folders.map(encodeURIComponent).join(",")}`;
}

/** Renders `compare.html` for a site holding the report folders `folders`. */
export function renderCompareApp(
  folders: readonly string[],
  options: { readonly version: string; readonly style: string; readonly script: string; readonly indexPath: string },
): string {
  // report.js first: it sorts and filters the tables compare.js draws (on its `curi:rendered` event).
  const scripts = [options.script, COMPARE_APP_SCRIPT].map((s) => relativeUrl(COMPARE_APP_PAGE, s));
  return renderTemplate("/pages/compare-app", {
    page: pageMeta({
      title: "Comparison of runs",
      version: options.version,
      styles: [relativeUrl(COMPARE_APP_PAGE, options.style)],
      script: scripts[0] ?? null,
      moreScripts: scripts.slice(1),
      bodyClass: "compare",
    }),
    reports: [...folders].sort().join(" "),
    indexHref: relativeUrl(COMPARE_APP_PAGE, options.indexPath),
  });
}
