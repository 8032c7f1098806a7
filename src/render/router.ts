/**
 * The router: owns every path, URL and element id of a site, and decides them before anything
 * renders (TypeDoc's `output/router.ts` idea). Views, templates and the site layer link and write
 * only through it, and only with relative URLs, so a site works from `file://`, from a zip and
 * under any sub-path of a static host. A new page or file gets its path here first.
 *
 * - router/reportPaths.ts: every path inside a report folder, and the assets each folder gets;
 * - router/sitePaths.ts: the top of a site (index, latest, compare, assets), reserved names;
 * - router/plan.ts: one report's plan (folder, anchors, reportable file names, pages);
 * - router/urls.ts: relative URLs between those paths;
 * - router/pageList.ts: every path a site build writes;
 * - router/workNames.ts: the hidden names a build uses in a site while it works;
 * - router/sitePages.ts: which paths of a site are pages a build writes.
 *
 * urls.ts, reportPaths.ts and sitePaths.ts import nothing from outside the router, so the site's
 * browser bundle may import them.
 */
export * from "./router/urls.js";
export * from "./router/reportPaths.js";
export * from "./router/sitePaths.js";
export * from "./router/plan.js";
export * from "./router/pageList.js";
export * from "./router/workNames.js";
export * from "./router/sitePages.js";
