/**
 * The published analysis file (`analysis.json`): a versioned, snake_case serialization of the
 * sweep analysis for people who post-process it, described by `schema/analysis.schema.json`, and
 * read back through that schema. It holds every computed number (importance, correlations, groups
 * and their test, means and boxes per arg value, the heat map, the best configuration) but not the
 * thinned points and lines the charts draw: those are samples, and every record's values are in
 * the report's results.json. Records are named by their index in run.json's `records`.
 * Self-contained so it can move under src/render/formats/ with the other published formats.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as AjvModule from "ajv";
import type { ValidateFunction } from "ajv";
import { CuriError, formatDiagnostic, type Diagnostic } from "../../util/errors.js";
import type { GroupRanking, Heatmap, MetricAnalysis, Slice, SweepAnalysis, Verdict } from "./model.js";
import { IMPORTANCE_NOTE, TEST_NOTE } from "./sentences.js";

/** The version this code writes and reads. Keep in sync with `schema_version` in schema/analysis.schema.json. */
export const ANALYSIS_SCHEMA_VERSION = 1;

/** A published analysis document (its shape is the schema's; typed loosely here, checked by the schema). */
export type AnalysisDocument = { readonly schema_version: typeof ANALYSIS_SCHEMA_VERSION } & Readonly<
  Record<string, unknown>
>;

/** An analysis file that is not valid JSON or breaks the schema; carries every problem. Exit 4, like an invalid run. */
export class InvalidAnalysisError extends CuriError {
  override readonly exitCode = 4;
  readonly diagnostics: readonly Diagnostic[];
  constructor(file: string, diagnostics: readonly Diagnostic[]) {
    const shown = diagnostics.slice(0, 20).map((d) => `  ${formatDiagnostic(d)}`);
    super(
      `${file} is not a valid analysis file (${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"}); rebuild the report to write it again:\n${shown.join("\n")}`,
    );
    this.diagnostics = diagnostics;
  }
}

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

// The source lives in src/render/analysis/ and the compiled file in dist/src/render/analysis/; schema/ is at the package root.
const CANDIDATES = ["../../../schema/analysis.schema.json", "../../../../schema/analysis.schema.json"];

/** Absolute path of `schema/analysis.schema.json`, found relative to this module in source and in dist. */
export function analysisSchemaPath(): string {
  for (const candidate of CANDIDATES) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new CuriError(
    `curi-report's schema/analysis.schema.json is missing (looked beside ${fileURLToPath(import.meta.url)}); reinstall curi-report.`,
  );
}

let validator: ValidateFunction | undefined;

/** The schema's compiled validator (ajv, once per process; only readers of published files need it). */
function analysisValidator(): ValidateFunction {
  if (validator === undefined) {
    const { Ajv } = createRequire(import.meta.url)("ajv") as typeof AjvModule;
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    validator = ajv.compile(JSON.parse(readFileSync(analysisSchemaPath(), "utf8")) as object);
  }
  return validator;
}

/** Reads a published analysis file's text back; throws InvalidAnalysisError naming `file` and each JSON pointer. */
export function readAnalysisJson(text: string, file: string): AnalysisDocument {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidAnalysisError(file, [{ file, pointer: "", message: `not JSON: ${(error as Error).message}` }]);
  }
  const version =
    data !== null && typeof data === "object" && !Array.isArray(data)
      ? (data as { schema_version?: unknown }).schema_version
      : undefined;
  if (version !== ANALYSIS_SCHEMA_VERSION) {
    const message = `schema_version ${JSON.stringify(version ?? null)} is not one this curi-report reads (${ANALYSIS_SCHEMA_VERSION}); use the curi-report that wrote it, or rebuild the report`;
    throw new InvalidAnalysisError(file, [{ file, pointer: "/schema_version", message }]);
  }
  const validate = analysisValidator();
  if (!validate(data)) {
    const diagnostics = (validate.errors ?? []).map((e) => ({
      file,
      pointer: e.instancePath,
      message: e.message ?? "does not fit the schema",
    }));
    throw new InvalidAnalysisError(file, diagnostics);
  }
  return data as AnalysisDocument;
}
