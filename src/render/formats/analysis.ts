/**
 * The `analysis.json` format (schema/analysis.schema.json): a sweep's analysis (issue 19) in each
 * report folder that has one, a versioned, snake_case serialization for people who post-process it.
 * It holds every computed number (importance, correlations, groups and their test, means and boxes
 * per arg value, the heat map, the best configuration) but not the thinned points and lines the
 * charts draw: those are samples, and every record's values are in the report's results.json.
 * Records are named by their index in run.json's `records`. curi-report does not read it back but
 * through `check` (and tests), with the same reader as every format (format.ts).
 */
import type { GroupRanking, Heatmap, MetricAnalysis, Slice, SweepAnalysis, Verdict } from "../analysis/model.js";
import { IMPORTANCE_NOTE, TEST_NOTE } from "../analysis/sentences.js";
import { REPORT_PATHS } from "../router/reportPaths.js";
import { readFormatText, type FormatSpec } from "./format.js";
import { analysis as validateAnalysis } from "./formatValidators.generated.js";

/** The version this code writes and reads. Keep in sync with `schema_version` in schema/analysis.schema.json. */
export const ANALYSIS_SCHEMA_VERSION = 1;

/**
 * Largest analysis.json read back. What `analyseSweep` keeps is bounded (args, metrics, categories,
 * bins, groups and records listed), which puts the file in the hundreds of KiB at any sweep size.
 */
export const MAX_ANALYSIS_BYTES = 8 * 1024 * 1024;

/** The analysis.json format, for `readFormatText`. */
export const ANALYSIS_FORMAT: FormatSpec = {
  name: REPORT_PATHS.analysisJson,
  schema: "analysis.schema.json",
  versionField: "schema_version",
  versions: [ANALYSIS_SCHEMA_VERSION],
  maxBytes: MAX_ANALYSIS_BYTES,
  remedy: "rebuild the report with this curi-report",
  validate: validateAnalysis,
};

/** A published analysis document (its shape is the schema's; typed loosely here, checked by the schema). */
export type AnalysisDocument = { readonly schema_version: typeof ANALYSIS_SCHEMA_VERSION } & Readonly<
  Record<string, unknown>
>;

/** A number JSON can hold, or null. */
function finite(v: number | null | undefined): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function verdictDoc(v: Verdict | null) {
  return v === null
    ? null
    : { margin: v.margin, se: finite(v.se), df: finite(v.df), p: finite(v.p), significant: v.significant };
}

function groupsDoc(g: GroupRanking | null) {
  if (g === null) return null;
  return {
    total: g.total,
    groups: g.groups.map((s) => ({
      args: s.args.map((a) => ({ name: a.name, value: a.value })),
      n: s.n,
      mean: s.mean,
      std: finite(s.std),
      records: [...s.records],
    })),
    verdict: verdictDoc(g.verdict),
  };
}

function importanceDoc(m: MetricAnalysis) {
  return {
    ranking: m.importance.ranking.map((r) => ({
      arg: r.arg,
      share: r.share,
      correlation:
        r.correlation === null || finite(r.correlation.value) === null
          ? null
          : { kind: r.correlation.kind, value: r.correlation.value },
    })),
    unexplained: m.importance.unexplained,
    fit_r2: finite(m.importance.fitR2),
  };
}

function sliceDoc(s: Slice) {
  return {
    arg: s.arg,
    mean_per: s.meanKind,
    means: s.means.map((x) => ({ x: x.x, mean: x.mean, n: x.n })),
    boxes: s.boxes.map((b) => ({
      x: b.x,
      n: b.n,
      min: b.min,
      q1: b.q1,
      median: b.median,
      q3: b.q3,
      max: b.max,
      mean: b.mean,
    })),
    records: s.total,
    drawn: s.points.length,
  };
}

function heatmapDoc(h: Heatmap | null) {
  if (h === null) return null;
  const cells = h.cells.map((c) => ({ x: c.x, y: c.y, mean: c.mean, n: c.n }));
  return { x: h.x, y: h.y, x_levels: [...h.xLevels], y_levels: [...h.yLevels], cells };
}

function metricDoc(m: MetricAnalysis) {
  return {
    name: m.name,
    goal: m.goal,
    count: m.count,
    missing: m.missing,
    min: m.axis.min,
    max: m.axis.max,
    importance: importanceDoc(m),
    top_records: m.top.map((r) => ({ record: r.record, value: r.value })),
    slices: m.slices.map(sliceDoc),
    heatmap: heatmapDoc(m.heatmap),
    groups: groupsDoc(m.groups),
  };
}

/** The published document of an analysis, keys in the schema's order. */
export function analysisDocument(a: SweepAnalysis): AnalysisDocument {
  return {
    schema_version: ANALYSIS_SCHEMA_VERSION,
    records: a.records,
    configurations: a.configurations,
    primary: a.primary,
    args: a.args.map((x) => ({
      name: x.name,
      kind: x.kind,
      scale: x.scale,
      integer: x.integer,
      min: x.min,
      max: x.max,
      levels: [...x.levels],
      distinct: x.distinct,
      pooled: x.pooled,
    })),
    args_left_out: [...a.argsLeftOut],
    seeds: [...a.seeds],
    grouping:
      a.grouping === null
        ? null
        : {
            by: [...a.grouping.by],
            source: a.grouping.source,
            groups: a.grouping.groups,
            smallest: a.grouping.smallest,
            largest: a.grouping.largest,
          },
    methods: { importance: IMPORTANCE_NOTE, test: TEST_NOTE },
    metrics: a.metrics.map(metricDoc),
    metrics_left_out: [...a.metricsLeftOut],
    best: {
      metric: a.best.metric,
      kind: a.best.kind,
      args: a.best.args.map((x) => ({ name: x.name, value: x.value })),
      values: a.best.values.map((v) => ({ metric: v.metric, goal: v.goal, mean: v.mean, std: finite(v.std), n: v.n })),
      records: [...a.best.records],
      verdict: verdictDoc(a.best.verdict),
    },
    limits: { points: a.limits.points, lines: a.limits.lines },
  };
}

/** The analysis file's text: the document as JSON, two-space indented, with a final newline. */
export function analysisJson(a: SweepAnalysis): string {
  return `${JSON.stringify(analysisDocument(a), null, 2)}\n`;
}

/** The analysis in `text` (the contents of `file`) as checked JSON; throws when it is refused (see format.ts). */
export function readAnalysisText(text: string, file: string): AnalysisDocument {
  return readFormatText(ANALYSIS_FORMAT, text, file) as AnalysisDocument;
}
