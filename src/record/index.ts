/**
 * The record runtime: curifactory's Record API in TypeScript. Build an experiment from stages over
 * records, cache their outputs, attach reportables, and write a run folder the report renders.
 */
export { ArtifactManager, type ArtifactManagerOptions } from "./ArtifactManager.js";
export { ArtifactRepresentation } from "./ArtifactRepresentation.js";
export { argsValues, comboHash, hashArgs, hashedFields, md5Hex, type Args, type HashArgsOptions } from "./args.js";
export { CacheAwareDict } from "./CacheAwareDict.js";
export { tracebackOf, type TracebackOptions } from "./traceback.js";
export { Cacher, exists, type CacherOptions, type CacheTarget, type JsonObject } from "./Cacher.js";
export { JsonCacher, RawCacher, TextCacher } from "./cachers.js";
export { deepCopy } from "./deepCopy.js";
export {
  describeCommandLine,
  detectGit,
  formatLogTime,
  formatTimestamp,
  nextRunNumber,
  type GitInfo,
} from "./environment.js";
export {
  CacheReadError,
  describeError,
  InvalidExperimentNameError,
  InvalidMetricError,
  MissingInputError,
  NotLoadedError,
  ReportableError,
  StageDefinitionError,
  StageOutputError,
} from "./errors.js";
export { runOptionsFromArgv, type ParsedRunFlags } from "./flags.js";
export { canonicalJson, toJsonValue } from "./jsonify.js";
export { Lazy, type LazyOptions } from "./Lazy.js";
export {
  MetricLog,
  type LogMetricOptions,
  type MetricDeclarationInput,
  type MetricGoalInput,
  type MetricInput,
  type MetricToleranceInput,
} from "./metrics.js";
export { LIVE_PARAMS, ParamsRegistry, type RegisteredArgs } from "./ParamsRegistry.js";
export { lengthOf, previewObject, PREVIEW_CHARS, shapeOf, strOf, typeNameOf } from "./preview.js";
export { Record, type PathOptions, type RecordOptions, type StageRunInfo, type TrackedPath } from "./Record.js";
export {
  CachedReportable,
  Reportable,
  type RenderedReportable,
  type ReportableFile,
  type ReportableOptions,
  type ReportablePlacement,
} from "./Reportable.js";
export {
  FigureReportable,
  HtmlReportable,
  ImageReportable,
  JsonReportable,
  LatexTableReportable,
  LinePlotReportable,
  MarkdownReportable,
  sniffFormat,
  TableReportable,
  type FigureOptions,
  type ImageFormat,
  type ImageOptions,
  type LinePlotOptions,
} from "./reportables.js";
export { LOG_FILE, REPORTABLES_DIR, writeRunFolder } from "./runFolder.js";
export { RunLog, type LogLevel } from "./RunLog.js";
export { buildRunInfo, reproduceCommand, toWireRun } from "./serialize.js";
export {
  aggregate,
  stage,
  type AggregateFunction,
  type AggregateInputs,
  type CacherSpec,
  type StageFunction,
  type StageOptions,
  type StageResult,
} from "./stage.js";
export { REPORTABLE_CACHE_NAME } from "./stageCache.js";
export {
  DEFAULT_FLOAT_PRECISION,
  escapeLatex,
  formatCell,
  inferType,
  tableToLatex,
  toTableData,
  type Cell,
  type LatexOptions,
  type TableInput,
  type TableOptions,
} from "./table.js";
