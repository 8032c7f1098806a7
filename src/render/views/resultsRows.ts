/**
 * The rows of the results table: records in the order the table shows them (best first by the
 * first metric, failed records after the others), the best value of each metric column (never a
 * failed record's), and each row's cells as text, sort value and marks.
 */
import type { Run } from "../../run/model.js";
import type { RunContext } from "../context.js";
import { clipField, ellipsize } from "../../util/clip.js";
import { failedStages, recordFailed } from "../facts/failures.js";
import { formatMetric, isBetter, knownGoal, scalarOf, type MetricEntry, type RunMetrics } from "../facts/metrics.js";
import { relativeUrl } from "../router.js";
import { sparklineSvg } from "../plot/sparkline.js";
import { canonicalJson } from "../../record/jsonify.js";
import { argsOf, type ResultsColumns } from "./resultsColumns.js";

/** Longest args cell text. */
const MAX_CELL = 80;

/** Where a record's row links: a page inside the report folder, with an optional anchor. */
export interface RecordTarget {
  readonly path: string;
  readonly anchor: string | null;
}

/** A cell: text, the value scripts sort by, and marks. */
export interface ResultsCell {
  readonly text: string;
  /** A number as text for metric cells (`""` when missing), the text itself for args and status. */
  readonly sort: string;
  readonly best: boolean;
  readonly missing: boolean;
  /** True for the status cell of a failed record. */
  readonly failed: boolean;
  /** Trusted sparkline SVG for a series, or null. */
  readonly spark: string | null;
}

/** A row: one record. */
export interface ResultsRow {
  readonly index: number;
  readonly name: string;
  readonly href: string;
  readonly colour: string;
  /** True for a record not in the manager's records (made with add_to_manager=False). */
  readonly outsideManager: boolean;
  /** True when a stage of the record raised. */
  readonly failed: boolean;
  readonly cells: readonly ResultsCell[];
}

/** A record with its metrics, before formatting. */
export interface RowData {
  readonly index: number;
  readonly failed: boolean;
  readonly metrics: ReadonlyMap<string, MetricEntry>;
}

/**
 * Non-aggregate records in the table's order: records that ran to the end before failed ones,
 * each group by the first metric (best first; missing and NaN last), then by index.
 */
export function sortedRows(run: Run, metrics: RunMetrics): RowData[] {
  const rows = run.records
    .filter((r) => !r.isAggregate)
    .map((r) => ({
      index: r.index,
      failed: recordFailed(r),
      metrics: metrics.perRecord.get(r.index) ?? new Map<string, MetricEntry>(),
    }));
  // The primary metric ranks the rows when its goal is known; else they keep record order (issue 21.1).
  const first = metrics.primary;
  const goal = first === null ? null : knownGoal(metrics, first);
  const key = (r: RowData): number => {
    const e = first === null ? undefined : r.metrics.get(first);
    return e === undefined ? Number.NaN : scalarOf(e.value);
  };
  const order = (a: number, b: number): number =>
    goal === null ? 0 : isBetter(a, b, goal) ? -1 : isBetter(b, a, goal) ? 1 : 0;
  return rows
    .map((r) => ({ r, k: key(r) }))
    .sort((a, b) => Number(a.r.failed) - Number(b.r.failed) || order(a.k, b.k) || a.r.index - b.r.index)
    .map((x) => x.r);
}

/** The best headline value of each metric column among records that did not fail (none when all are equal). */
export function bestValues(
  rows: readonly RowData[],
  names: readonly string[],
  metrics: RunMetrics,
): Map<string, number> {
  const best = new Map<string, number>();
  for (const name of names) {
    const goal = knownGoal(metrics, name);
    if (goal === null) continue; // an unknown goal has no best (issue 21.1)
    let b = Number.NaN;
    const seen = new Set<number>();
    for (const r of rows) {
      const e = r.metrics.get(name);
      if (e === undefined || r.failed) continue;
      seen.add(scalarOf(e.value));
      if (isBetter(scalarOf(e.value), b, goal)) b = scalarOf(e.value);
    }
    // A column where every record has the same value has no best.
    if (!Number.isNaN(b) && seen.size > 1) best.set(name, b);
  }
  return best;
}

const MISSING: ResultsCell = { text: "—", sort: "", best: false, missing: true, failed: false, spark: null };

/** The status cell: which stages raised, or `ok`. */
function statusCell(run: Run, r: RowData): ResultsCell {
  const record = run.records[r.index];
  if (!r.failed || record === undefined)
    return { text: "ok", sort: "ok", best: false, missing: false, failed: false, spark: null };
  const text = ellipsize(`failed in ${failedStages(record).join(", ")}`, MAX_CELL);
  return { text, sort: "failed", best: false, missing: false, failed: true, spark: null };
}

/** The cells of row `r` under `cols`; `sparks` draws series as sparklines (the data pages need none). */
function rowCells(
  ctx: RunContext,
  r: RowData,
  cols: ResultsColumns,
  best: ReadonlyMap<string, number>,
  sparks: boolean,
): ResultsCell[] {
  const args = argsOf(ctx, r.index);
  const cells: ResultsCell[] = cols.columns[0]?.kind === "status" ? [statusCell(ctx.run, r)] : [];
  for (const k of cols.argKeys) {
    if (args === null || !Object.hasOwn(args, k)) {
      cells.push(MISSING);
      continue;
    }
    const v = args[k] ?? null;
    const text = ellipsize(typeof v === "string" ? v : canonicalJson(v), MAX_CELL);
    cells.push({
      text,
      sort: typeof v === "number" ? String(v) : text,
      best: false,
      missing: false,
      failed: false,
      spark: null,
    });
  }
  for (const name of cols.metricNames) {
    const e = r.metrics.get(name);
    if (e === undefined) {
      cells.push(MISSING);
      continue;
    }
    const v = scalarOf(e.value);
    cells.push({
      text: formatMetric(v),
      sort: Number.isFinite(v) ? String(v) : "",
      best: !r.failed && best.get(name) === v,
      missing: false,
      failed: false,
      spark: !sparks || typeof e.value === "number" ? null : sparklineSvg(e.value, `${name} by step`),
    });
  }
  return cells;
}

/** Row `r` as drawn on the page at `from`; `target(i)` says where record i's row links. */
export function buildRow(
  ctx: RunContext,
  r: RowData,
  cols: ResultsColumns,
  best: ReadonlyMap<string, number>,
  target: (i: number) => RecordTarget,
  from: string,
  sparks = true,
): ResultsRow {
  const record = ctx.run.records[r.index];
  const t = target(r.index);
  return {
    index: r.index,
    name: clipField(record?.argsName ?? record?.name ?? `record ${r.index}`, 200),
    href:
      t.path === from && t.anchor !== null
        ? `#${t.anchor}`
        : relativeUrl(from, t.path) + (t.anchor === null ? "" : `#${t.anchor}`),
    colour: `rec-${r.index % 9}`,
    outsideManager: record?.inManager === false,
    failed: r.failed,
    cells: rowCells(ctx, r, cols, best, sparks),
  };
}
