/**
 * curi-report's package root: the public API of each layer. `record` is curifactory's Record
 * runtime (run experiments, write run folders), `run` the run folder format (read, validate,
 * write), `render` run → HTML/DOT/SVG strings, `site` the writers of report sites.
 */
export * from "./record/index.js";
export * from "./run/index.js";
export * from "./render/index.js";
export * from "./site/index.js";
export * from "./util/errors.js";
// Both record (the runtime class) and run (the validated model type) name a `Reportable`; the
// class keeps the name, as in curifactory, and the model type is exported as `RunReportable`.
export { Reportable } from "./record/index.js";
export type { Reportable as RunReportable } from "./run/index.js";
