/**
 * The `graphs/dag.json` format (schema/dag.schema.json): a run's graph for tools that want it
 * without parsing DOT. Written by graph/dagJson.ts (`dagJson`); curi-report does not read it back, so
 * this is its version and the checker's reader (`check` validates every published file).
 */
import { REPORT_PATHS } from "../router/reportPaths.js";
import { readFormatText, type FormatSpec } from "./format.js";
import { dag as validateDag } from "./formatValidators.generated.js";

/** Version of the `graphs/dag.json` format; bump on any incompatible change. */
export const DAG_JSON_VERSION = 1;

/** The dag.json format, for `readFormatText`. */
export const DAG_FORMAT: FormatSpec = {
  name: REPORT_PATHS.dagJson,
  schema: "dag.schema.json",
  versionField: "version",
  versions: [DAG_JSON_VERSION],
  maxBytes: 64 * 1024 * 1024,
  remedy: "rebuild the report with this curi-report",
  validate: validateDag,
};

/** The graph in `text` (the contents of `file`) as checked JSON; throws when it is refused (see format.ts). */
export function readDagText(text: string, file: string): { [key: string]: unknown } {
  return readFormatText(DAG_FORMAT, text, file);
}
