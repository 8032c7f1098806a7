/**
 * The `results.json` format (schema/results.schema.json): a run's facts, in each report folder,
 * embedded in latest.json and in the comparison data. The facts themselves and their conversion
 * are in facts/ (runFacts.ts builds them, factsWire.ts converts); this module reads a file back.
 */
import { REPORT_PATHS } from "../router/reportPaths.js";
import { FACTS_VERSIONS, factsFromJson, type RunFacts } from "../facts/factsWire.js";
import { checkFormatDocument, readFormatText, type FormatSpec } from "./format.js";
import { results as validateResults } from "./formatValidators.generated.js";

export { FACTS_VERSION, factsToJson, type RunFacts } from "../facts/factsWire.js";

/** Largest results.json read back (what runFacts writes is bounded far below it). */
export const MAX_RESULTS_BYTES = 8 * 1024 * 1024;

/** The results.json format, for `readFormatText`. */
export const RESULTS_FORMAT: FormatSpec = {
  name: REPORT_PATHS.results,
  schema: "results.schema.json",
  versionField: "facts_version",
  versions: FACTS_VERSIONS,
  maxBytes: MAX_RESULTS_BYTES,
  remedy: "rebuild the report with this curi-report, or pass a run folder",
  validate: validateResults,
};

/** The facts in `text` (the contents of `file`); throws when it is refused (see format.ts). */
export function readResultsText(text: string, file: string): RunFacts {
  return factsFromJson(readFormatText(RESULTS_FORMAT, text, file), file);
}

/** Facts already parsed (embedded in another file, at `file`, e.g. `latest.json#/facts`), checked and converted. */
export function resultsFromDocument(doc: unknown, file: string): RunFacts {
  return factsFromJson(checkFormatDocument(RESULTS_FORMAT, doc, file), file);
}
