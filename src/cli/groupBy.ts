/**
 * `--group-by <arg,...>` (build, summary, compare): the args the sweep analysis treats as
 * repetitions of a configuration, instead of the ones whose names look like seeds.
 */
import { analysedArgNames } from "../render/analysis/index.js";
import type { Run } from "../run/model.js";
import { UsageError } from "../util/errors.js";
import { warn, type CliIo } from "./io.js";

/** Longest list accepted: more names than any sweep has args is a mistake, not a hint. */
const MAX_NAMES = 100;

/**
 * The arg names in a `--group-by` value (undefined when not given): comma-separated, trimmed,
 * empty entries dropped, so `--group-by ""` says "no arg is a repetition".
 */
export function groupByOption(value: string | undefined): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const names = [
    ...new Set(
      value
        .split(",")
        .map((n) => n.trim())
        .filter((n) => n !== ""),
    ),
  ];
  if (names.length > MAX_NAMES)
    throw new UsageError(`--group-by names ${names.length} args; name at most ${MAX_NAMES}, separated by commas.`);
  return names;
}

/** Warns about names of `groupBy` that no args set of `runs` has: most likely a typo, which would group nothing. */
export function warnUnknownGroupBy(io: CliIo, groupBy: readonly string[] | undefined, runs: readonly Run[]): void {
  if (groupBy === undefined || groupBy.length === 0) return;
  const known = new Set(runs.flatMap((run) => [...analysedArgNames(run)]));
  const unknown = groupBy.filter((n) => !known.has(n));
  if (unknown.length > 0)
    warn(
      io,
      `curi-report: warning: --group-by names ${unknown.map((n) => JSON.stringify(n)).join(", ")}, which no args set has; check the spelling (nested args are named with dots, like model.seed).`,
    );
}
