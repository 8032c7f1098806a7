/**
 * The site's `compare.html`: compares any two (or more) of the site's runs in the browser, named
 * in its address (`compare.html?runs=a,b`), from each report's `compare-data.js` (see
 * src/browser/compareApp.ts). It lists the site's report folders, the only ones it will load.
 */
import { relativeUrl, SITE_PATHS } from "../router.js";
import { renderTemplate } from "../templates.js";
import { pageMeta } from "./page.js";

/** Renders `compare.html` for a site holding the report folders `folders`. */
export function renderCompareApp(
  folders: readonly string[],
  options: { readonly version: string; readonly style: string; readonly script: string; readonly indexPath: string },
): string {
  // report.js first: it sorts and filters the tables compare.js draws (on its `curi:rendered` event).
  const page = SITE_PATHS.compareApp;
  const scripts = [options.script, SITE_PATHS.compareAppScript].map((s) => relativeUrl(page, s));
  return renderTemplate("/pages/compare-app", {
    page: pageMeta({
      title: "Comparison of runs",
      version: options.version,
      styles: [relativeUrl(page, options.style)],
      script: scripts[0] ?? null,
      moreScripts: scripts.slice(1),
      bodyClass: "compare",
    }),
    reports: [...folders].sort().join(" "),
    indexHref: relativeUrl(page, options.indexPath),
  });
}
