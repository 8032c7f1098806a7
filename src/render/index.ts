/**
 * The render layer's public face: run model in, file contents out (HTML pages, DOT, SVG, JSON,
 * Markdown). Nothing here writes files; site does.
 */
export { renderReport, streamReport, isCopy } from "./report.js";
export type { RenderedReport, RenderReportOptions, ReportStream, ReportOutput } from "./report.js";
export { renderIndex, indexEntryFromRunInfo, INDEX_PATHS } from "./views/indexPage.js";
export type { IndexEntry, LatestJson, RenderIndexOptions } from "./views/indexPage.js";
export {
  isReservedName,
  planReport,
  relativeUrl,
  reportFolderFiles,
  reportFolderName,
  REPORT_PATHS,
  RESERVED_NAMES,
  SECTION_IDS,
  sitePageList,
  SITE_PATHS,
} from "./router.js";
export type { ReportPlan, ReportablePlan, RecordPlan, ReportRoute, SiteRoutes } from "./router.js";
export { ASSETS_DIR, TEMPLATES_DIR, CSP } from "./templates.js";
export { runInfoJson } from "./formats/runInfo.js";
export type { CopiedFile, RenderedFile, RenderedFragment } from "./types.js";
export { RECORD_COLOURS, recordColour } from "./colours.js";
export { renderReportable, errorBox } from "./reportables/index.js";
export type { ReportableContext } from "./reportables/index.js";
export { renderMarkdown } from "./markup/markdown.js";
export { GraphLayoutError } from "./graph/graphviz.js";
export { specDot } from "./graph/dot.js";
export { drawGraph } from "./graph/graphDraw.js";
export { layoutGraph } from "./graph/graphLayout.js";
export type { GraphSpec } from "./graph/graphSpec.js";
export { buildDag } from "./graph/dag.js";
export type { Dag } from "./graph/dag.js";
export { dagJson, dagJsonDocument } from "./graph/dagJson.js";
export type { DagJsonDocument } from "./graph/dagJson.js";
export { exportDag, fullDot, DAG_FORMATS } from "./graph/dagExport.js";
export type { DagFormat, DagExportOptions } from "./graph/dagExport.js";
export { dagMermaid, specMermaid } from "./graph/mermaid.js";
export { renderSummary, SUMMARY_MARKER } from "./summary/summary.js";
export type { Summary, SummaryOptions } from "./summary/summary.js";
export { lineplotSvg } from "./plot/lineplot.js";
