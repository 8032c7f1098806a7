/**
 * `analyseSweep`: the one entry point that turns a run and its metrics into the bounded sweep
 * analysis model (which args matter, how each metric moves with each arg, whether the winner is
 * real or seed noise, and what the best region looks like). Pure and deterministic.
 */
import type { Run } from "../../run/model.js";
import { collectMetrics, type MetricGoal, type RunMetrics } from "../facts/metrics.js";
import { groupRows, hasRepeats, MAX_GROUP_RECORDS, rankGroups } from "./groups.js";
import { argImportance, prepareArgs, type PreparedArg } from "./importance.js";
import type { AnalysisOptions, Axis, BestConfiguration, MetricAnalysis, SweepAnalysis } from "./model.js";
import { DEFAULT_LIMITS } from "./model.js";
import { buildParallel, rankedRows } from "./parallel.js";
import { samplePositions, SEEDS } from "./random.js";
import { argAxis, buildHeatmap, buildSlice, MAX_HEAT_LEVELS, metricAxis } from "./slices.js";
import { meanOf, stdOf } from "./stats.js";
import { sweepTable, type SweepTable } from "./sweepTable.js";

/** Best records listed per metric. */
export const MAX_TOP_RECORDS = 10;

/** What every metric's analysis shares. */
interface Shared {
  readonly table: SweepTable;
  readonly axes: readonly Axis[];
  readonly groups: readonly (readonly number[])[] | null;
  readonly points: number;
  readonly prepared: readonly PreparedArg[];
}

/**
 * Analyses the sweep in `run`: null when there is nothing to analyse (no record metric, or no arg
 * that varies between the records that have one). `metrics` defaults to the run's own.
 */
export function analyseSweep(
  run: Run,
  metrics: RunMetrics = collectMetrics(run),
  options: AnalysisOptions = {},
): SweepAnalysis | null {
  const table = sweepTable(run, metrics, options);
  const named = [...table.metrics].filter(([name, y]) => table.goals.has(name) && y.some(Number.isFinite));
  if (table.rows.length < 2 || table.args.length === 0 || named.length === 0) return null;
  const limits = {
    points: options.maxPoints ?? DEFAULT_LIMITS.points,
    lines: options.maxLines ?? DEFAULT_LIMITS.lines,
  };
  const axes = table.args.map(argAxis);
  const configs = groupRows(table);
  const groups = hasRepeats(configs) ? configs : null;
  const shared: Shared = { table, axes, groups, points: limits.points, prepared: prepareArgs(table.args) };
  const goals = new Map(named.map(([name]): [string, MetricGoal] => [name, table.goals.get(name) ?? "max"]));
  const analysed = named.map(([name, y]) => analyseMetric(shared, name, y, goals.get(name) ?? "max"));
  const usable: SweepTable = { ...table, metrics: new Map(named) };
  const primary = analysed[0] as MetricAnalysis;
  const sizes = configs.map((g) => g.length);
  return {
    records: table.rows.length,
    configurations: configs.length,
    args: axes,
    argsLeftOut: table.argsLeftOut,
    seeds: table.seeds.names,
    grouping:
      shared.groups === null
        ? null
        : {
            by: table.seeds.names,
            source: table.seeds.source,
            groups: configs.length,
            smallest: Math.min(...sizes),
            largest: Math.max(...sizes),
          },
    primary: primary.name,
    metrics: analysed,
    metricsLeftOut: [...table.metricsLeftOut, ...[...table.metrics.keys()].filter((n) => !goals.has(n))],
    parallel: buildParallel(usable, axes, goals, limits.lines),
    best: bestConfiguration(usable, shared.groups, primary, goals),
    limits,
  };
}

/** The analysis of one metric (`y`: a value per table row, NaN where missing). */
function analyseMetric(s: Shared, name: string, y: Float64Array, goal: MetricGoal): MetricAnalysis {
  const ranked = rankedRows(y, goal);
  const rows = [...ranked].sort((a, b) => a - b);
  const values = Float64Array.from(rows, (r) => y[r] as number);
  const importance = argImportance(s.prepared, values, rows);
  const bestPosition = rows.indexOf(ranked[0] as number);
  const drawn = samplePositions(rows.length, s.points, SEEDS.thin, [bestPosition]);
  const slices = s.table.args.map((c, i) => buildSlice(s.axes[i] as Axis, c, rows, values, drawn, s.table.rows));
  const few = importance.ranking
    .map((r) => s.table.args.findIndex((a) => a.name === r.arg))
    .filter((i) => i >= 0 && (s.table.args[i]?.distinct ?? Infinity) <= MAX_HEAT_LEVELS);
  const [hx, hy] = few;
  const heatmap =
    hx === undefined || hy === undefined
      ? null
      : buildHeatmap(
          { axis: s.axes[hx] as Axis, column: s.table.args[hx] as SweepTable["args"][number] },
          { axis: s.axes[hy] as Axis, column: s.table.args[hy] as SweepTable["args"][number] },
          rows,
          values,
        );
  return {
    name,
    goal,
    axis: metricAxis(name, values, goal),
    count: rows.length,
    missing: y.length - rows.length,
    importance,
    top: ranked.slice(0, MAX_TOP_RECORDS).map((r) => ({ record: s.table.rows[r] as number, value: y[r] as number })),
    slices,
    heatmap,
    groups: s.groups === null ? null : rankGroups(s.table, s.groups, y, goal),
  };
}

/** The winning group (repetitions) or record of the primary metric, with every metric's value there. */
function bestConfiguration(
  table: SweepTable,
  groups: readonly (readonly number[])[] | null,
  primary: MetricAnalysis,
  goals: ReadonlyMap<string, MetricGoal>,
): BestConfiguration {
  const winner = primary.groups?.groups[0];
  const bestRecord = primary.top[0]?.record ?? (table.rows[0] as number);
  const position = table.rows.indexOf(winner?.records[0] ?? bestRecord);
  const rows = groups?.find((g) => g.includes(position)) ?? [position];
  const seeds = new Set(table.seeds.names);
  const values = [...table.metrics].flatMap(([metric, y]) => {
    const finite = rows.map((r) => y[r] as number).filter(Number.isFinite);
    return finite.length === 0
      ? []
      : [{ metric, goal: goals.get(metric) ?? "max", mean: meanOf(finite), std: stdOf(finite), n: finite.length }];
  });
  const display = table.display(position);
  if (winner === undefined)
    return { metric: primary.name, kind: "record", args: display, values, records: [bestRecord], verdict: null };
  return {
    metric: primary.name,
    kind: "group",
    args: display.filter((a) => !seeds.has(a.name)),
    values,
    records: winner.records.slice(0, MAX_GROUP_RECORDS),
    verdict: primary.groups?.verdict ?? null,
  };
}
