/**
 * Chart data of the sweep analysis that reads one metric against args: axes (with the log-scale
 * rule), slices (the metric against each arg, with means per value and boxes per category) and
 * the two-arg heat map.
 */
import { formatMetric, type MetricGoal } from "../facts/metrics.js";
import type { Axis, Heatmap, Slice, SliceMean } from "./model.js";
import { boxStats, meanOf } from "./stats.js";
import type { ArgColumn } from "./sweepTable.js";

/** A numeric axis is logarithmic when its values are positive and the largest is at least this many times the smallest. */
export const LOG_SPAN = 100;
/** Above this many distinct values, a numeric arg's means are taken per bin, not per value. */
export const MAX_MEAN_VALUES = 24;
/** Bins of a numeric arg's means when it takes many values. */
const MEAN_BINS = 12;
/** Most values each arg of the heat map may take. */
export const MAX_HEAT_LEVELS = 12;

/** Range and kind of numeric values, for an axis. */
function numericAxis(name: string, role: Axis["role"], values: ArrayLike<number>, goal: MetricGoal | null): Axis {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integer = true;
  const distinct = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (!Number.isInteger(v)) integer = false;
    if (distinct.size <= MAX_MEAN_VALUES) distinct.add(v);
  }
  if (min > max) [min, max] = [0, 0];
  const scale = role === "arg" && min > 0 && max / min >= LOG_SPAN ? "log" : "linear";
  return {
    name,
    role,
    kind: "numeric",
    scale,
    integer,
    min,
    max,
    levels: [],
    distinct: distinct.size,
    pooled: 0,
    goal,
  };
}

/** The axis of an arg column. */
export function argAxis(column: ArgColumn): Axis {
  if (column.kind === "numeric")
    return { ...numericAxis(column.name, "arg", column.values, null), distinct: column.distinct };
  return {
    name: column.name,
    role: "arg",
    kind: "categorical",
    scale: "band",
    integer: true,
    min: 0,
    max: column.labels.length - 1,
    levels: column.labels,
    distinct: column.distinct,
    pooled: column.pooled,
    goal: null,
  };
}

/** The axis of a metric's values (non-finite values skipped). */
export function metricAxis(name: string, values: ArrayLike<number>, goal: MetricGoal): Axis {
  return numericAxis(name, "metric", values, goal);
}

/** Means of `y` per distinct x, or per bin of the axis when x takes many values. */
function meansOf(
  axis: Axis,
  xs: readonly number[],
  ys: readonly number[],
): { means: SliceMean[]; kind: Slice["meanKind"] } {
  const byValue = axis.kind === "categorical" || axis.distinct <= MAX_MEAN_VALUES;
  const toT = (v: number): number => (axis.scale === "log" ? Math.log10(v) : v);
  const t0 = toT(axis.min);
  const width = (toT(axis.max) - t0) / MEAN_BINS;
  const keyOf = (x: number): number =>
    byValue || !(width > 0) ? x : Math.min(MEAN_BINS - 1, Math.floor((toT(x) - t0) / width));
  const groups = new Map<number, number[]>();
  xs.forEach((x, i) => {
    const k = keyOf(x);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [ys[i] as number]);
    else g.push(ys[i] as number);
  });
  const centre = (k: number): number => {
    if (byValue || !(width > 0)) return k;
    const t = t0 + (k + 0.5) * width;
    return axis.scale === "log" ? 10 ** t : t;
  };
  const means = [...groups]
    .map(([k, values]) => ({ x: centre(k), mean: meanOf(values), n: values.length }))
    .sort((a, b) => a.x - b.x);
  return { means, kind: byValue ? "value" : "bin" };
}

/**
 * The slice of metric `y` against arg `column`: `rows` are the table rows with a finite value (y
 * in the same order), `drawn` the positions in `rows` to draw, `records` the record index per table row.
 */
export function buildSlice(
  axis: Axis,
  column: ArgColumn,
  rows: readonly number[],
  y: Float64Array,
  drawn: readonly number[],
  records: readonly number[],
): Slice {
  const xs = rows.map((r) => column.values[r] as number);
  const ys = Array.from(y);
  const { means, kind } = meansOf(axis, xs, ys);
  const boxes =
    axis.kind === "categorical"
      ? axis.levels.flatMap((_, level) => {
          const values = ys.filter((_, i) => xs[i] === level);
          return values.length === 0 ? [] : [{ x: level, ...boxStats(values) }];
        })
      : [];
  const points = drawn.map((p) => ({
    x: xs[p] as number,
    y: ys[p] as number,
    record: records[rows[p] as number] as number,
  }));
  return { arg: column.name, points, total: rows.length, means, meanKind: kind, boxes };
}

/** Level labels and per-row level of an arg with few values (numbers formatted for people). */
function levelsOf(axis: Axis, column: ArgColumn, rows: readonly number[]): { labels: string[]; codes: number[] } {
  if (axis.kind === "categorical")
    return { labels: [...axis.levels], codes: rows.map((r) => column.values[r] as number) };
  const values = [...new Set(Array.from(column.values))].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  return { labels: values.map(formatMetric), codes: rows.map((r) => index.get(column.values[r] as number) ?? 0) };
}

/** The heat map of `y` over two args (x across, y down), or null when either takes more than MAX_HEAT_LEVELS values. */
export function buildHeatmap(
  x: { readonly axis: Axis; readonly column: ArgColumn },
  yArg: { readonly axis: Axis; readonly column: ArgColumn },
  rows: readonly number[],
  y: Float64Array,
): Heatmap | null {
  if (x.column.distinct > MAX_HEAT_LEVELS || yArg.column.distinct > MAX_HEAT_LEVELS) return null;
  const a = levelsOf(x.axis, x.column, rows);
  const b = levelsOf(yArg.axis, yArg.column, rows);
  const cells = new Map<number, { x: number; y: number; sum: number; n: number }>();
  rows.forEach((_, i) => {
    const cx = a.codes[i] as number;
    const cy = b.codes[i] as number;
    const key = cy * a.labels.length + cx;
    const cell = cells.get(key) ?? { x: cx, y: cy, sum: 0, n: 0 };
    cell.sum += y[i] as number;
    cell.n += 1;
    cells.set(key, cell);
  });
  return {
    x: x.column.name,
    y: yArg.column.name,
    xLevels: a.labels,
    yLevels: b.labels,
    cells: [...cells.entries()]
      .sort((p, q) => p[0] - q[0])
      .map(([, c]) => ({ x: c.x, y: c.y, mean: c.sum / c.n, n: c.n })),
  };
}
