/**
 * Args (curifactory's parameter sets): plain objects with a `name`, hashed so that cache paths
 * stay valid across runs, machines and key orders.
 */
import { createHash } from "node:crypto";
import type { JsonValue } from "../run/wire.js";
import { canonicalJson, toJsonValue } from "./jsonify.js";

/**
 * One args set. `name` labels it and is not part of the hash. `ignoredParams` lists further
 * fields left out of the hash (e.g. a verbosity flag that must not invalidate the cache).
 */
export interface Args {
  readonly name: string;
  readonly ignoredParams?: readonly string[];
  readonly [key: string]: unknown;
}

/** Options of `hashArgs`. */
export interface HashArgsOptions {
  /** Extra field names to leave out of the hash, on top of `name`, `ignoredParams` and its list. */
  readonly ignore?: readonly string[];
}

/** Field names never hashed. */
const ALWAYS_IGNORED = ["name", "ignoredParams"];

/** md5 of canonical JSON, 32 hex characters (curifactory's param hashes are 32 or 33; ours always 32). */
export function md5Hex(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex");
}

/**
 * The hash of an args set: md5 of the canonical JSON of every field but `name` and the ignored
 * ones. Key order does not matter; values go through `toJsonValue` (functions hash by name).
 */
export function hashArgs(args: Args, options: HashArgsOptions = {}): string {
  return md5Hex(canonicalJson(hashedFields(args, options)));
}

/** The fields that `hashArgs` hashes, as a JSON object. */
export function hashedFields(args: Args, options: HashArgsOptions = {}): { [key: string]: JsonValue } {
  const ignored = new Set([...ALWAYS_IGNORED, ...(args.ignoredParams ?? []), ...(options.ignore ?? [])]);
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(args)) {
    if (!ignored.has(key) && value !== undefined) out[key] = toJsonValue(value);
  }
  return out;
}

/** Every field of an args set, `name` included, as JSON (what run.json's `args[].values` shows). */
export function argsValues(args: Args): { [key: string]: JsonValue } {
  const value = toJsonValue(args);
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : { name: args.name };
}

/**
 * The combo hash of an aggregate: md5 of the sorted hashes of its input records (`"None"` for a
 * record without one), so the same inputs in another order reuse the same cache.
 */
export function comboHash(hashes: readonly (string | null)[]): string {
  return md5Hex(canonicalJson([...hashes.map((hash) => hash ?? "None")].sort()));
}
