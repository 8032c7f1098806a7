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

/**
 * Fired on `document` by whatever selects records on a page (the analysis's parallel-coordinates
 * brushing, `source: "analysis"`), and applied by the results table as one more filter, beside its
 * own: rows of records not listed are hidden. `records` are record indexes (run.json's `records`
 * positions, the `data-record` of a results row); `null` clears that source's selection.
 */
export const FILTER_RECORDS_EVENT = "curi:filter-records";

/** The `detail` of a `FILTER_RECORDS_EVENT`. */
export interface FilterRecordsDetail {
  /** Who selected: each source's latest selection replaces its earlier one, and sources combine (AND). */
  readonly source: string;
  /** The selected record indexes, or null for "no selection from this source". */
  readonly records: readonly number[] | null;
}

/** The detail of `event` when it is a well-formed `FILTER_RECORDS_EVENT`, else null (events are untyped on the wire). */
export function filterRecordsDetail(event: Event): FilterRecordsDetail | null {
  const detail = event instanceof CustomEvent ? (event.detail as unknown) : null;
  if (detail === null || typeof detail !== "object") return null;
  const { source, records } = detail as { source?: unknown; records?: unknown };
  if (typeof source !== "string") return null;
  if (records === null) return { source, records: null };
  if (!Array.isArray(records) || !records.every((r) => Number.isInteger(r))) return null;
  return { source, records: records as number[] };
}
