/**
 * What the site tells render about one reportable's place in the report: where its files go and
 * which id prefix it may use, plus the limits that keep a huge reportable from swamping the page.
 */

/** Placement and limits for rendering one reportable. */
export interface ReportableContext {
  /** Path stem for the reportable's files, relative to the report, e.g. `reportables/baseline_fit_scatter`; already safe and unique, no extension. */
  readonly fileBase: string;
  /** Prefix for every id the fragment emits (SVG ids, copy targets); unique per reportable. */
  readonly idPrefix: string;
  /** Rows of a table shown before it is shortened; default {@link DEFAULT_MAX_TABLE_ROWS}. */
  readonly maxTableRows?: number;
  /** Characters of JSON, LaTeX, Markdown or HTML source shown before it is shortened; default {@link DEFAULT_MAX_TEXT_CHARS}. */
  readonly maxTextChars?: number;
}

/** Default row limit of a table reportable: enough to read, small enough to keep the page fast. */
export const DEFAULT_MAX_TABLE_ROWS = 1000;

/** Default character limit of a text reportable (about 200 KB of page per reportable at most). */
export const DEFAULT_MAX_TEXT_CHARS = 200_000;
