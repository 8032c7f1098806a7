/**
 * The comparison data formats (schema/compare-data.schema.json, compare-data-chunk.schema.json):
 * the JSON inside each report folder's `compare-data.js` and its chunks `compare-data-<k>.js`,
 * written and unwrapped by compare/compareDataFiles.ts. Only data is accepted: the exact
 * `JSON.parse('…')` script the writer makes, holding JSON that fits the schema.
 */
import { compareChunkFile, REPORT_PATHS } from "../router/reportPaths.js";
import { COMPARE_DATA_VERSIONS } from "./compareDataVersion.js";
import { checkFormatDocument, type FormatSpec } from "./format.js";
import {
  compareData as validateCompareData,
  compareDataChunk as validateCompareChunk,
} from "./formatValidators.generated.js";

export { COMPARE_DATA_VERSION } from "./compareDataVersion.js";

/** Largest comparison data file read back (written ones are 2 MiB but for one outsized record or reportable). */
export const MAX_COMPARE_DATA_BYTES = 32 * 1024 * 1024;

const remedy = "rebuild the report with this curi-report";

/** The main file's format (version 1 and 2 reports of a site are still read). */
export const COMPARE_DATA_FORMAT: FormatSpec = {
  name: REPORT_PATHS.compareData,
  schema: "compare-data.schema.json",
  versionField: "version",
  versions: COMPARE_DATA_VERSIONS,
  maxBytes: MAX_COMPARE_DATA_BYTES,
  remedy,
  validate: validateCompareData,
};

/** A chunk file's format. */
export const COMPARE_CHUNK_FORMAT: FormatSpec = {
  name: compareChunkFile("<k>"),
  schema: "compare-data-chunk.schema.json",
  versionField: "version",
  versions: COMPARE_DATA_VERSIONS.filter((v) => v >= 2),
  maxBytes: MAX_COMPARE_DATA_BYTES,
  remedy,
  validate: validateCompareChunk,
};

/** `doc`, the JSON of a main file `file`, when it fits its schema; throws otherwise (see format.ts). */
export function checkCompareData(doc: unknown, file: string): { [key: string]: unknown } {
  return checkFormatDocument(COMPARE_DATA_FORMAT, doc, file);
}

/** `doc`, the JSON of a chunk file `file`, when it fits its schema; throws otherwise. */
export function checkCompareChunk(doc: unknown, file: string): { [key: string]: unknown } {
  return checkFormatDocument(COMPARE_CHUNK_FORMAT, doc, file);
}
