/**
 * Parallel-coordinates data: an axis per analysed arg and per metric, a line per record (a seeded
 * sample past the bound, the best records always kept), coloured by the primary metric. Lines
 * are in drawing order: worst first, so the best are on top.
 */
import { isBetter, type MetricGoal } from "../facts/metrics.js";
import type { Axis, ParallelCoordinates, ParallelLine } from "./model.js";
import { samplePositions, SEEDS } from "./random.js";
import { metricAxis } from "./slices.js";
import type { SweepTable } from "./sweepTable.js";

/** Best records always drawn, whatever the sample. */
const KEEP_BEST_LINES = 20;

/** Table row positions with a finite `y`, best first (ties by row). */
export function rankedRows(y: Float64Array, goal: MetricGoal): number[] {
  const rows: number[] = [];
  for (let r = 0; r < y.length; r++) if (Number.isFinite(y[r])) rows.push(r);
  return rows.sort((a, b) =>
    isBetter(y[a] as number, y[b] as number, goal) ? -1 : isBetter(y[b] as number, y[a] as number, goal) ? 1 : a - b,
  );
}

/**
 * The parallel-coordinates data of `table`: `argAxes` are the args' axes (in table order),
 * `goals` the metrics' goals; the first metric colours the lines.
 */
export function buildParallel(
  table: SweepTable,
  argAxes: readonly Axis[],
  goals: ReadonlyMap<string, MetricGoal>,
  maxLines: number,
): ParallelCoordinates {
  const metrics = [...table.metrics];
  const axes: Axis[] = [...argAxes, ...metrics.map(([name, y]) => metricAxis(name, y, goals.get(name) ?? "max"))];
  const [colourName, colour] = metrics[0] ?? ["", new Float64Array(table.rows.length)];
  const ranked = rankedRows(colour, goals.get(colourName) ?? "max");
  const positions = samplePositions(
    ranked.length,
    maxLines,
    SEEDS.thin ^ 0x11,
    Array.from({ length: KEEP_BEST_LINES }, (_, i) => i),
  );
  // Worst first, so the best lines are drawn last, on top.
  const chosen = positions.map((p) => ranked[p] as number).reverse();
  const lines = chosen.map((row): ParallelLine => ({
    record: table.rows[row] as number,
    values: [
      ...table.args.map((a) => a.values[row] as number),
      ...metrics.map(([, y]) => (Number.isFinite(y[row]) ? (y[row] as number) : null)),
    ],
  }));
  return { axes, colourAxis: argAxes.length, lines, total: ranked.length };
}
