/**
 * The render layer's public face: run model in, file contents out (HTML pages, DOT, SVG, JSON,
 * Markdown). Nothing here writes files; site does.
 */
export { renderReport, streamReport, isCopy } from "./report.js";
export type { RenderedReport, RenderReportOptions, ReportStream, ReportOutput } from "./report.js";
export { renderIndex, indexEntryFromRunInfo, INDEX_PATHS } from "./indexPage.js";
export type { IndexEntry, LatestJson, RenderIndexOptions } from "./indexPage.js";
export { planReport, relativeUrl, reportFolderName, REPORT_PATHS, SECTION_IDS } from "./router.js";
export type { ReportPlan, ReportablePlan, RecordPlan } from "./router.js";
export { ASSETS_DIR, TEMPLATES_DIR, CSP } from "./templates.js";
export { runInfoJson } from "./views/runInfo.js";
export type { CopiedFile, RenderedFile, RenderedFragment } from "./types.js";
export { RECORD_COLOURS, recordColour } from "./colours.js";
export { renderReportable, errorBox } from "./reportables/index.js";
export type { ReportableContext } from "./reportables/index.js";
export { renderMarkdown } from "./markdown.js";
export { layoutSvg, GraphLayoutError } from "./graphviz.js";
export { fullDot, shouldCollapse } from "./dot.js";
export { recordDot, specDot } from "./graphDot.js";
export { drawGraph } from "./graphDraw.js";
export { layoutGraph } from "./graphLayout.js";
export type { GraphSpec } from "./graphSpec.js";
export { buildDag, dagJson } from "./dag.js";
export type { Dag } from "./dag.js";
export { exportDag, DAG_FORMATS } from "./dagExport.js";
export type { DagFormat, DagExportOptions } from "./dagExport.js";
export { dagMermaid } from "./mermaid.js";
export { renderSummary, SUMMARY_MARKER } from "./summary.js";
export type { Summary, SummaryOptions } from "./summary.js";
export { lineplotSvg } from "./lineplot.js";
