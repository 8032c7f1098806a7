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
    const out: { [name: string]: number | { step: number; value: number }[] } = {};
    for (const [name, m] of this.entries) {
      out[name] =
        m.kind === "scalar"
          ? m.value
          : [...m.points].sort((a, b) => a[0] - b[0]).map(([step, value]) => ({ step, value }));
    }
    return out;
  }
}
