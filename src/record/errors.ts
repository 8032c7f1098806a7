/**
 * Errors of the record runtime, named by what the experiment author can fix. They extend
 * `CuriError` so the CLI (and anyone catching) treats them like every other fixable failure.
 */
import { CuriError } from "../util/errors.js";

/** A stage or aggregate was declared inconsistently (no name, cachers not matching outputs). */
export class StageDefinitionError extends CuriError {}

/** A stage asked for an input that no earlier stage put into the record's state. */
export class MissingInputError extends CuriError {}

/** A stage function did not return every output it declared. */
export class StageOutputError extends CuriError {}

/** A `Lazy` value was read synchronously before it was loaded from its cache. */
export class NotLoadedError extends CuriError {}

/** A reportable was given data it cannot show (bad table, unknown image format, reported twice). */
export class ReportableError extends CuriError {}

/** A cache file exists but cannot be read back (corrupt, or written by an incompatible cacher). */
export class CacheReadError extends CuriError {}

/** A metric logged with a bad name, value or step, or as both a scalar and a series. */
export class InvalidMetricError extends CuriError {}

/** An experiment name that cannot be part of a run folder name. */
export class InvalidExperimentNameError extends CuriError {}

/** `"<ErrorName> - <message>"` (run_info's `error`), the name being the class name when `name` was left as "Error". */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `Error - ${String(error)}`;
  const name = error.name !== "Error" ? error.name : error.constructor.name;
  return `${name} - ${error.message}`;
}
