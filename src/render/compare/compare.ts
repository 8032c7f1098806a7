/**
 * Comparing runs (`curi-report compare`): each run's compact comparison data (compareData.ts) goes
 * through the comparison core (compareCore.ts), the same code the site's `compare.html` runs in
 * the browser, so the command's page and the site's page agree. Run 0 is the base. Pure.
 */
import type { Run } from "../../run/model.js";
import type { MetricDeclarations } from "../facts/metricGoals.js";
import { RunContext } from "../context.js";
import { compareData, type CoreComparison } from "./compareCore.js";
import { compareDataOf, type CompareDataOptions } from "./compareData.js";

export type { DagDiff, InfoRow, ReportableDiff } from "./compareCore.js";

/** Everything a comparison shows, with the runs compared (their contexts). */
export interface Comparison extends CoreComparison {
  readonly contexts: readonly RunContext[];
}

/** Options of `compareRuns`. */
export interface CompareOptions extends Pick<CompareDataOptions, "fileDigest"> {
  /** The sweep analysis's repetition args (`--group-by`). */
  readonly groupBy?: readonly string[];
  /** The project file's metric declarations (below each run's own). */
  readonly project?: MetricDeclarations;
}

/** Compares `runs` (at least two; run 0 is the base). */
export function compareRuns(runs: readonly Run[], options: CompareOptions = {}): Comparison {
  if (runs.length < 2) throw new RangeError("compareRuns needs at least two runs");
  const contexts = runs.map((run) => new RunContext(run, options));
  return { ...compareData(contexts.map((ctx) => compareDataOf(ctx, options))), contexts };
}
