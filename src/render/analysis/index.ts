/**
 * The sweep analysis (issue 19): which args matter, how each metric moves with each arg, whether
 * the winner is real or seed noise, and what the best region looks like. One model
 * (`analyseSweep`), built once per run and handed to the views, the charts, the published JSON
 * and (later) the summary and compare.
 */
export { analyseSweep, MAX_TOP_RECORDS } from "./analyse.js";
export { heatmapSvg } from "./heatmapChart.js";
export type * from "./model.js";
export { DEFAULT_LIMITS } from "./model.js";
export { parallelSvg } from "./parallelChart.js";
export { argsText, IMPORTANCE_NOTE, TEST_NOTE, winnerSentence } from "./sentences.js";
export { sliceSvg, type SliceChartInput } from "./sliceChart.js";
export { analysedArgNames, looksLikeSeed } from "./sweepTable.js";
export {
  buildAnalysisSummaryView,
  buildAnalysisView,
  type AnalysisSummaryView,
  type AnalysisView,
  type BestCardView,
  type MetricView,
  type RecordLink,
} from "./views.js";
