/** Test helpers: reportables and contexts with sensible defaults. */
import type { Reportable, ReportableBase, RunFile, TableData } from "../../../src/run/model.js";
import type { ReportableContext } from "../../../src/render/reportables/index.js";

/** Distributes the base fields over every member of the union, so a literal checks against its kind. */
type KindPart<R> = R extends ReportableBase ? Omit<R, keyof ReportableBase> : never;

/** A reportable of the given kind part with fixed base fields (record 0, stage `fit`). */
export function reportable(part: KindPart<Reportable>, name = "scores"): Reportable {
  return {
    qualifiedName: `baseline_fit_${name}`,
    name,
    group: null,
    record: 0,
    stage: "fit",
    files: [],
    ...part,
  } as Reportable;
}

/** A context with the given id prefix. */
export function context(overrides: Partial<ReportableContext> = {}): ReportableContext {
  return { fileBase: "reportables/baseline_fit_scores", idPrefix: "rp-3", ...overrides };
}

/** A run file as validation would produce it. */
export function runFile(relative: string): RunFile {
  return { relative, absolute: `/runs/iris_1/${relative}` };
}

/** A table with the given rows; columns int, float, string, bool, mixed. */
export function table(rows: TableData["rows"], index: string[] | null = null, floatPrecision = 4): TableData {
  return {
    columns: ["label", "score", "name", "ok", "misc"],
    columnTypes: ["int", "float", "string", "bool", "mixed"],
    index,
    rows,
    floatPrecision,
  };
}
