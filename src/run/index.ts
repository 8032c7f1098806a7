/**
 * The run folder format: what later layers (record, render, site, cli) import from `src/run`.
 * Wire types stay inside this layer except for the record runtime, which writes them.
 */
export type * from "./model.js";
export type { WireRun } from "./wire.js";
export { CURRENT_SCHEMA_VERSION, RUN_FILE, SCHEMA_VERSIONS } from "./version.js";
export { readRun, readRunInfoOnly } from "./read.js";
export { serializeRunDocument, writeRun, writeRunDocument } from "./write.js";
export { LATEST_NAME, readLatest, resolveRunDir, writeLatest } from "./latest.js";
export { scanRuns } from "./scan.js";
export type { ScannedRuns } from "./scan.js";
export { validateRun, validateRunInfo } from "./validate.js";
export { parseRunJson } from "./jsonSyntax.js";
export { modelToWire, wireToModel } from "./convert.js";
export { runSchemaPath } from "./schema.js";
