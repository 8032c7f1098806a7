/**
 * Numbers JSON cannot hold. Python's `json` writes `NaN` and `Infinity`, which are not JSON, so
 * run.json (version 2) carries them as `{"$float": "NaN" | "Infinity" | "-Infinity"}`. Typed
 * numeric fields (table cells, plot values, metrics) become plain JS numbers in the model; free
 * JSON (json reportables, args values) keeps the tagged object, which renderers show by
 * `nonFiniteText`.
 */
import type { JsonValue, WireNonFinite, WireNum } from "./wire.js";

const BY_TAG: Readonly<Record<WireNonFinite["$float"], number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

/** True for a `{"$float": …}` tag with a known value (and nothing else in it). */
export function isNonFiniteTag(value: unknown): value is WireNonFinite {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 1 && keys[0] === "$float" && Object.hasOwn(BY_TAG, (value as { $float: unknown }).$float as string)
  );
}

/** The JS number of a wire number (a plain number or a tag). */
export function numFromWire(value: WireNum): number {
  return typeof value === "number" ? value : BY_TAG[value.$float];
}

/** The wire form of a JS number: finite numbers stay numbers, the rest become tags. */
export function numToWire(value: number): WireNum {
  if (Number.isFinite(value)) return value;
  return { $float: Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity" };
}

/** Like `numFromWire` for a cell that may also be a string, boolean or null. */
export function cellFromWire<T>(value: T | WireNonFinite): T | number {
  return isNonFiniteTag(value) ? numFromWire(value) : value;
}

/** Like `numToWire` for a cell that may also be a string, boolean or null. */
export function cellToWire<T>(value: T | number): T | WireNum {
  return typeof value === "number" ? numToWire(value) : value;
}

/** `NaN`, `Infinity` or `-Infinity` for a tag inside free JSON, else undefined. */
export function nonFiniteText(value: JsonValue): string | undefined {
  return isNonFiniteTag(value) ? value.$float : undefined;
}
