/**
 * What the site's two browser scripts agree on: report.js (src/browser/report.ts, on every page)
 * and compare.js (src/browser/compareApp.ts, on compare.html). Both bundles import these, so a
 * value changed here changes in both at the next `npm run bundle`.
 */

/** Most runs compared at once: compare.html reads at most this many, and the index's picker offers no more. */
export const MAX_COMPARED_RUNS = 6;

/**
 * Fired on `document` by compare.js once it has drawn its tables (the event's `detail` is the
 * element holding them), so that report.js makes them sortable and filterable like the tables of
 * pages that arrive drawn.
 */
export const RENDERED_EVENT = "curi:rendered";
