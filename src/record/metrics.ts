/**
 * Metrics as data: what `Record.logMetric` and `ArtifactManager.logMetric` collect, and how they
 * become run.json's `metrics` (schema v2: a number, or a series of `{ step, value }`; NaN and the
 * infinities are written as `{ "$float": "NaN" }` by the run writer).
 */
import { InvalidMetricError } from "./errors.js";

/** A metric value as callers pass it. */
export type MetricInput = number;

/** Which direction of a metric is better. */
export type MetricGoalInput = "min" | "max";

/** Options of `logMetric`. */
export interface LogMetricOptions {
  /** Step of a series (an integer ≥ 0); without it the metric is a scalar. */
  readonly step?: number;
  /** Which direction is better (default: guessed by the report from the name). */
  readonly goal?: MetricGoalInput;
}

/** How much change of a metric is noise: `|b − a| ≤ max(abs, rel × max(|a|, |b|))`; give one or both. */
export interface MetricToleranceInput {
  readonly abs?: number;
  readonly rel?: number;
}

/** What `manager.declareMetrics` takes: the primary metric, goals and tolerances by metric name. */
export interface MetricDeclarationInput {
  /** The metric that ranks records and leads comparisons. */
  readonly primary?: string;
  readonly goals?: Readonly<{ [name: string]: MetricGoalInput }>;
  readonly tolerances?: Readonly<{ [name: string]: MetricToleranceInput }>;
}

/** A tolerance checked: non-negative finite bounds, at least one; throws InvalidMetricError naming the metric. */
export function checkedTolerance(name: string, t: MetricToleranceInput): MetricToleranceInput {
  const bad = (what: string): never => {
    throw new InvalidMetricError(
      `The tolerance of metric ${JSON.stringify(name)} ${what}; give { abs } and/or { rel }, each a number ≥ 0 (e.g. { rel: 0.01 } for 1%).`,
    );
  };
  if (typeof t !== "object" || t === null) return bad("is not an object");
  const keys = Object.keys(t);
  if (keys.length === 0) bad("is empty");
  for (const key of keys) {
    if (key !== "abs" && key !== "rel") bad(`has an unknown field ${JSON.stringify(key)}`);
    const v = (t as { [k: string]: unknown })[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) bad(`has ${key} ${String(v)}`);
  }
  return { ...(t.abs === undefined ? {} : { abs: t.abs }), ...(t.rel === undefined ? {} : { rel: t.rel }) };
}

/** One `logMetric` call and the stage it was made in (null outside stages). */
export interface MetricCall {
  readonly name: string;
  readonly value: number;
  readonly step: number | undefined;
  readonly goal: MetricGoalInput | undefined;
  readonly stage: string | null;
}

/** A metric as logged: a scalar, or points by step. */
type Logged =
  { readonly kind: "scalar"; value: number } | { readonly kind: "series"; readonly points: Map<number, number> };

/** The metrics of one record or run, in the order first logged. */
export class MetricLog {
  private readonly entries = new Map<string, Logged>();

  /** Logs `value` under `name`; a scalar and a series of one name cannot mix. */
  log(name: string, value: number, options: LogMetricOptions = {}): void {
    if (typeof name !== "string" || name === "")
      throw new InvalidMetricError(`A metric needs a non-empty name, not ${JSON.stringify(name)}.`);
    if (typeof value !== "number")
      throw new InvalidMetricError(
        `Metric ${JSON.stringify(name)} must be a number, not ${typeof value}; log one number per metric (or per step).`,
      );
    const step = options.step;
    if (step !== undefined && !(Number.isInteger(step) && step >= 0)) {
      throw new InvalidMetricError(`Metric ${JSON.stringify(name)}: step ${String(step)} is not a whole number ≥ 0.`);
    }
    const current = this.entries.get(name);
    if (step === undefined) {
      if (current?.kind === "series")
        throw new InvalidMetricError(
          `Metric ${JSON.stringify(name)} is a series (logged with a step); log it with { step } again, or use another name.`,
        );
      this.entries.set(name, { kind: "scalar", value });
      return;
    }
    if (current?.kind === "scalar")
      throw new InvalidMetricError(
        `Metric ${JSON.stringify(name)} is a scalar (logged without a step); log it without { step }, or use another name.`,
      );
    const series = current ?? { kind: "series" as const, points: new Map<number, number>() };
    series.points.set(step, value);
    this.entries.set(name, series);
  }

  /** True when nothing was logged. */
  get empty(): boolean {
    return this.entries.size === 0;
  }

  /** The metrics as plain data: scalars as numbers, series as points sorted by step. */
  toJSON(): { [name: string]: number | { step: number; value: number }[] } {
    // Defined, not assigned: a metric named `__proto__` assigned into `{}` would vanish (issue 23.9).
    return Object.fromEntries(
      [...this.entries].map(([name, m]) => [
        name,
        m.kind === "scalar"
          ? m.value
          : [...m.points].sort((a, b) => a[0] - b[0]).map(([step, value]) => ({ step, value })),
      ]),
    );
  }
}
