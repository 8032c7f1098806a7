/**
 * The results data format (schema/results-data.schema.json): a run's results table as data, in
 * pages `results/<p>.js` of at most `RESULTS_DATA_PAGE_BYTES`, which the run page loads on demand
 * (with script elements, so it works from `file://`) to filter and sort every record, not only
 * the rows it shows, and to chart any record's series. Each page is a `JSON.parse('…')` data
 * script filed under its number in `window.curiResults`; every page of one build carries the
 * same digest, which the run page names too, so a page of another build is refused.
 */
import { createHash } from "node:crypto";
import { RESULTS_DATA_GLOBAL, resultsDataPath } from "../router/reportPaths.js";
import type { MetricGoal } from "../facts/metrics.js";
import { dataScript, dataScriptJson, quoteJson } from "./dataScript.js";
import { checkFormatDocument, type FormatSpec } from "./format.js";
import { resultsData as validateResultsData } from "./formatValidators.generated.js";

/** Version of the format. */
export const RESULTS_DATA_VERSION = 1;
/** Most bytes a page is written with (one row bigger than that gets a page of its own). */
export const RESULTS_DATA_PAGE_BYTES = 512 * 1024;
/** Largest page read back (and what `check` allows). */
export const MAX_RESULTS_DATA_BYTES = 1024 * 1024;
/** Most points of a series a row carries (evenly picked from a longer one, the last kept). */
export const MAX_DATA_SERIES_POINTS = 100;

/** A cell's mark: none, best in its column, missing, the status of a failed record. */
export type CellMark = 0 | 1 | 2 | 3;

/** A column as the data names it. */
export interface DataColumn {
  readonly label: string;
  readonly kind: "status" | "args" | "metric";
  readonly goal: MetricGoal | null;
}

/** A row as the data holds it: cells are [text, sort value, mark]; series follow `seriesMetrics`. */
export interface DataRow {
  readonly index: number;
  readonly name: string;
  readonly href: string;
  readonly failed: boolean;
  readonly cells: readonly (readonly [string, string, CellMark])[];
  readonly series?: readonly (readonly (readonly [number, number | null])[] | null)[];
}

/** One page as its JSON holds it. */
export interface ResultsDataPage {
  readonly results_data_version: number;
  readonly page: number;
  readonly pages: number;
  readonly total: number;
  readonly digest: string;
  readonly columns: readonly DataColumn[];
  readonly series_metrics?: readonly string[];
  readonly rows: readonly DataRow[];
}

/** The format, for `checkFormatDocument`. */
export const RESULTS_DATA_FORMAT: FormatSpec = {
  name: resultsDataPath("<p>"),
  schema: "results-data.schema.json",
  versionField: "results_data_version",
  versions: [RESULTS_DATA_VERSION],
  maxBytes: MAX_RESULTS_DATA_BYTES,
  remedy: "rebuild the report with this curi-report",
  validate: validateResultsData,
};

/** What comes before the JSON in page `p`. */
function pageHead(p: number): string {
  return `(window.${RESULTS_DATA_GLOBAL} = window.${RESULTS_DATA_GLOBAL} || {})[${p}] = `;
}

/** The written pages: their paths and texts, and the digest they share. */
export interface ResultsDataFiles {
  readonly files: readonly { readonly path: string; readonly content: string }[];
  readonly digest: string;
}

const bytes = (text: string): number => Buffer.byteLength(text, "utf8");

/**
 * The table as data pages, each at most `RESULTS_DATA_PAGE_BYTES` (but for a single row bigger
 * than that). Rows are stringified once and packed in order; the digest is of every row and
 * column, so it changes with anything the pages hold.
 */
export function resultsDataFiles(
  columns: readonly DataColumn[],
  seriesMetrics: readonly string[],
  rows: readonly DataRow[],
): ResultsDataFiles {
  const items = rows.map((r) => JSON.stringify(r));
  const hash = createHash("sha256").update(JSON.stringify([columns, seriesMetrics]));
  for (const item of items) hash.update(item).update("\n");
  const digest = hash.digest("hex").slice(0, 16);
  const fixed = (p: number, pages: number) =>
    `{"results_data_version":${RESULTS_DATA_VERSION},"page":${p},"pages":${pages},"total":${rows.length},"digest":"${digest}","columns":${JSON.stringify(columns)},"series_metrics":${JSON.stringify(seriesMetrics)},"rows":[`;
  const budget = RESULTS_DATA_PAGE_BYTES - bytes(pageHead(99_999)) - bytes(quoteJson(fixed(99_999, 99_999))) - 16;
  const packed: string[][] = [[]];
  let size = 0;
  for (const item of items) {
    const cost = bytes(quoteJson(item)) + 1;
    const current = packed[packed.length - 1] as string[];
    if (current.length > 0 && size + cost > budget) {
      packed.push([item]);
      size = cost;
    } else {
      current.push(item);
      size += cost;
    }
  }
  const files = packed.map((page, i) => ({
    path: resultsDataPath(i + 1),
    content: dataScript(pageHead(i + 1), `${fixed(i + 1, packed.length)}${page.join(",")}]}`),
  }));
  return { files, digest };
}

/** Series points for a data row: at most `MAX_DATA_SERIES_POINTS`, evenly picked, the last kept; NaN and infinities as null. */
export function dataSeries(points: readonly { step: number; value: number }[]): [number, number | null][] {
  const n = points.length;
  const keep =
    n <= MAX_DATA_SERIES_POINTS
      ? points
      : Array.from(
          { length: MAX_DATA_SERIES_POINTS },
          (_, i) => points[Math.round((i * (n - 1)) / (MAX_DATA_SERIES_POINTS - 1))] as { step: number; value: number },
        );
  return keep.map((p) => [p.step, Number.isFinite(p.value) ? p.value : null]);
}

/**
 * Page `p` read back from its text (`file` names it): the exact data script this curi-report
 * writes, holding JSON that fits the schema and names page `p`. Throws a message naming the file
 * and what to do otherwise (see format.ts).
 */
export function readResultsDataScript(text: string, file: string, p: number): ResultsDataPage {
  if (bytes(text) > MAX_RESULTS_DATA_BYTES)
    throw new Error(
      `${file} is over the ${MAX_RESULTS_DATA_BYTES}-byte bound of a results data page; ${RESULTS_DATA_FORMAT.remedy}.`,
    );
  const json = dataScriptJson(text, pageHead(p));
  if (json === null)
    throw new Error(
      `${file} is not a results data page (expected ${pageHead(p)}JSON.parse('…');); ${RESULTS_DATA_FORMAT.remedy}.`,
    );
  const doc = checkFormatDocument(RESULTS_DATA_FORMAT, JSON.parse(json) as unknown, file) as unknown as ResultsDataPage;
  if (doc.page !== p) throw new Error(`${file} holds page ${doc.page}, not ${p}; ${RESULTS_DATA_FORMAT.remedy}.`);
  return doc;
}
