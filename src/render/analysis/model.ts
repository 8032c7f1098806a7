/**
 * The sweep analysis model: what `analyseSweep` finds in a run, bounded in size at any number of
 * records (points and lines are thinned, groups and records listed up to a limit, and every cut
 * says how much it left out). Views, charts and the published JSON are all built from this one
 * model; none of them reads the run again.
 */
import type { MetricGoal } from "../facts/metrics.js";
import type { ArgValue, GroupRanking, Verdict } from "./groups.js";
import type { ImportanceResult } from "./importance.js";
import type { BoxStats } from "./stats.js";

export type { ArgValue, GroupRanking, GroupStat, Verdict } from "./groups.js";
export type { ArgImportance, ImportanceResult } from "./importance.js";
export type { BoxStats } from "./stats.js";

/** What `analyseSweep` may be told. */
export interface AnalysisOptions {
  /** The args that are repetitions (seeds), instead of guessing from their names; `[]` groups nothing. */
  readonly groupBy?: readonly string[];
  /** The metrics to analyse, in order (default: every record metric); the first is the primary one. */
  readonly metrics?: readonly string[];
  /** Most points per slice chart (default `DEFAULT_LIMITS.points`). */
  readonly maxPoints?: number;
  /** Most lines in the parallel-coordinates chart (default `DEFAULT_LIMITS.lines`). */
  readonly maxLines?: number;
}

/** Default bounds: a slice chart of 400 points is about 8 KB of SVG, 300 parallel-coordinates lines about 60 KB. */
export const DEFAULT_LIMITS = { points: 400, lines: 300 } as const;

/** An axis of a chart: an arg or a metric, numeric (linear or log) or categorical. */
export interface Axis {
  readonly name: string;
  readonly role: "arg" | "metric";
  readonly kind: "numeric" | "categorical";
  /** `log` when a numeric axis's positive values span two decades or more. */
  readonly scale: "linear" | "log" | "band";
  /** True when every value is a whole number (ticks then are whole numbers too). */
  readonly integer: boolean;
  /** Smallest and largest value (numeric); 0 and levels − 1 (categorical). */
  readonly min: number;
  readonly max: number;
  /** Category labels (categorical; the last one pools the rarest values when `pooled > 0`); `[]` for numeric. */
  readonly levels: readonly string[];
  /** How many distinct values the axis's data takes. */
  readonly distinct: number;
  /** Distinct values pooled into the last level. */
  readonly pooled: number;
  /** Which way is better (metric axes); null for args. */
  readonly goal: MetricGoal | null;
}

/** A record drawn in a chart. */
export interface SlicePoint {
  /** The arg's value (numeric) or level index (categorical). */
  readonly x: number;
  readonly y: number;
  readonly record: number;
}

/** The metric's mean at one value (or bin) of the arg. */
export interface SliceMean {
  readonly x: number;
  readonly mean: number;
  readonly n: number;
}

/** The metric against one arg. */
export interface Slice {
  readonly arg: string;
  /** Points drawn: every record, or a sample of `DEFAULT_LIMITS.points` (the best record always kept). */
  readonly points: readonly SlicePoint[];
  /** Records with the metric (points before thinning). */
  readonly total: number;
  /** Mean per value, or per bin of the axis when a numeric arg takes many values. */
  readonly means: readonly SliceMean[];
  readonly meanKind: "value" | "bin";
  /** Box statistics per category (categorical args); `[]` for numeric. */
  readonly boxes: readonly (BoxStats & { readonly x: number })[];
}

/** One cell of a two-arg heat map. */
export interface HeatCell {
  readonly x: number;
  readonly y: number;
  readonly mean: number;
  readonly n: number;
}

/** The metric's mean over the two most important args (both with few values). */
export interface Heatmap {
  readonly x: string;
  readonly y: string;
  readonly xLevels: readonly string[];
  readonly yLevels: readonly string[];
  /** Cells that have records; a combination never run has none. */
  readonly cells: readonly HeatCell[];
}

/** A record and its value of a metric. */
export interface RecordValue {
  readonly record: number;
  readonly value: number;
}

/** Everything found for one metric. */
export interface MetricAnalysis {
  readonly name: string;
  readonly goal: MetricGoal;
  /** The metric's axis: its range over every record with a value. */
  readonly axis: Axis;
  /** Records with a finite value. */
  readonly count: number;
  /** Analysed records without one. */
  readonly missing: number;
  readonly importance: ImportanceResult;
  /** The best records, best first (at most `MAX_TOP_RECORDS`). */
  readonly top: readonly RecordValue[];
  /** One per analysed arg, in the order of `SweepAnalysis.args`. */
  readonly slices: readonly Slice[];
  readonly heatmap: Heatmap | null;
  /** Groups of repetitions, ranked; null when no configuration was repeated. */
  readonly groups: GroupRanking | null;
}

/** A line of the parallel-coordinates chart. */
export interface ParallelLine {
  readonly record: number;
  /** One value per axis (level index on categorical axes); null where the record has no value. */
  readonly values: readonly (number | null)[];
}

/** Parallel coordinates over the args and the metrics, coloured by one metric. */
export interface ParallelCoordinates {
  readonly axes: readonly Axis[];
  /** Index in `axes` of the metric that colours the lines. */
  readonly colourAxis: number;
  /** Lines drawn: every record, or a sample (the best kept). */
  readonly lines: readonly ParallelLine[];
  /** Records with the colouring metric (lines before thinning). */
  readonly total: number;
}

/** A metric's value for the best configuration. */
export interface BestValue {
  readonly metric: string;
  readonly goal: MetricGoal;
  /** The value (a record) or the mean over the repetitions (a group). */
  readonly mean: number;
  readonly std: number | null;
  readonly n: number;
}

/** The winning configuration of the primary metric. */
export interface BestConfiguration {
  readonly metric: string;
  /** A group of repetitions, or a single record when nothing was repeated. */
  readonly kind: "group" | "record";
  readonly args: readonly ArgValue[];
  readonly values: readonly BestValue[];
  /** Its records, best first (at most `MAX_GROUP_RECORDS`); the first is the one to link to. */
  readonly records: readonly number[];
  /** The winner against the runner-up (groups only). */
  readonly verdict: Verdict | null;
}

/** How records were grouped into repetitions. */
export interface Grouping {
  /** The args that vary within a group (may be empty: identical args run more than once). */
  readonly by: readonly string[];
  /** Named by the user, or recognised by name. */
  readonly source: "names" | "hint";
  readonly groups: number;
  readonly smallest: number;
  readonly largest: number;
}

/** The whole analysis of a sweep. */
export interface SweepAnalysis {
  /** Records analysed (non-aggregate, with args and at least one metric). */
  readonly records: number;
  /** Distinct configurations (args but seeds). */
  readonly configurations: number;
  /** The args that vary (seeds excluded), at most `MAX_ARGS`. */
  readonly args: readonly Axis[];
  readonly argsLeftOut: readonly string[];
  /** Seed-like args that vary (not analysed as settings). */
  readonly seeds: readonly string[];
  readonly grouping: Grouping | null;
  /** The first analysed metric: the best configuration, parallel coordinates' colour. */
  readonly primary: string;
  readonly metrics: readonly MetricAnalysis[];
  readonly metricsLeftOut: readonly string[];
  readonly parallel: ParallelCoordinates;
  readonly best: BestConfiguration;
  /** The bounds used for thinning. */
  readonly limits: { readonly points: number; readonly lines: number };
}
