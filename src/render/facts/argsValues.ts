/**
 * An args set's values as the pages show them. Two things run.json keeps that plain JSON loses:
 * the fields left out of the args hash (`ignored`: curifactory's IGNORED_PARAMS, or a
 * `hash_representations` entry set to None), which are shown apart so that a `num_gpus` that
 * differs does not look like a different experiment; and the producer's string form of a value
 * JSON cannot hold (`reprs`), shown instead of its JSON stand-in, so a tuple `(100,)` reads
 * `(100,)` and not `[100]`.
 */
import { canonicalJson } from "../../record/jsonify.js";
import type { ArgsSet, JsonValue } from "../../run/model.js";

/**
 * The string form of field `key` of `a`, if it has one. Read as an own property: a field named
 * `constructor` or `toString` must not find Object.prototype's function (hostile case prototype-keys).
 */
export function reprOf(a: ArgsSet, key: string): string | undefined {
  return Object.hasOwn(a.reprs, key) ? a.reprs[key] : undefined;
}

/** The fields of `a` in its hash, in its order (every field not named in `ignored`). */
export function hashedKeys(a: ArgsSet): string[] {
  const ignored = new Set(a.ignored);
  return Object.keys(a.values).filter((k) => !ignored.has(k));
}

/** The fields of `a` left out of its hash that it has values for, in its order. */
export function ignoredKeys(a: ArgsSet): string[] {
  const ignored = new Set(a.ignored);
  return Object.keys(a.values).filter((k) => ignored.has(k));
}

/**
 * `keys` of `a` as pretty JSON, except that a field with a string form shows that form, unquoted
 * (`"shape": (1, 2)`). Without string forms this is exactly `JSON.stringify(values, null, 2)`.
 */
export function argsValuesText(a: ArgsSet, keys: readonly string[]): string {
  if (keys.length === 0) return "{}";
  const lines = keys.map((k) => {
    const repr = reprOf(a, k);
    const value = repr ?? JSON.stringify(valueOf(a, k), null, 2).replace(/\n/g, "\n  ");
    return `  ${JSON.stringify(k)}: ${value}`;
  });
  return `{\n${lines.join(",\n")}\n}`;
}

/** One field of `a` as a table cell shows it: its string form when it has one, else canonical JSON. */
export function argValueText(a: ArgsSet, key: string): string {
  return reprOf(a, key) ?? canonicalJson(valueOf(a, key));
}

/**
 * The fields of `a` that are in its hash, each a field with a string form replaced by that form
 * (a string): what a table of records compares and shows, one column per field.
 */
export function hashedValues(a: ArgsSet): Record<string, JsonValue> {
  // Defined, not assigned: a field named `__proto__` assigned into `{}` would vanish.
  return Object.fromEntries(hashedKeys(a).map((k) => [k, reprOf(a, k) ?? valueOf(a, k)]));
}

/** The value of field `key` of `a` (null when absent), read as an own property. */
function valueOf(a: ArgsSet, key: string): JsonValue {
  return Object.hasOwn(a.values, key) ? (a.values[key] ?? null) : null;
}
