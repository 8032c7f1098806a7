/**
 * One copy of each small JSON value that repeats across a run's elements. Every artifact of a
 * curifactory run carries cache metadata in which most of the values repeat: the manager's run
 * info (the same object in every artifact), empty lists and objects, record names, timestamps.
 * Kept as read, a sweep of 50,000 records held 400,000 copies of each: a third of the model's
 * heap. The model is read-only, so equal values can be one object.
 */
import type { JsonValue } from "./wire.js";

/** Longest string worth sharing: past it, values rarely repeat. */
const MAX_STRING_LENGTH = 512;
/** Most strings remembered before starting again (bounds the memory of the table itself). */
const MAX_STRINGS = 65_536;
/** Values compared with each member of a container: a member takes few distinct small values. */
const CANDIDATES = 8;
/** Most values (strings, numbers, containers) a shared container may hold: bigger ones rarely repeat. */
const MAX_CONTAINER_SIZE = 64;

/** Equal JSON values read with a member name: the last few distinct small ones. */
interface Candidates {
  readonly values: JsonValue[];
  /** Where the next new value goes once `values` is full (the oldest is replaced). */
  next: number;
}

/**
 * Shares the members of JSON objects equal to a member of the same name seen before (one level
 * down: that is where metadata repeats). One per run read, so nothing outlives the read.
 */
export class JsonShare {
  private readonly strings = new Map<string, string>();
  private readonly members = new Map<string, Candidates>();

  /** An object equal to `object` whose members are the copies first seen; `object` is not changed. */
  shareMembers<T extends { readonly [key: string]: JsonValue }>(object: T): T {
    // A spread copies own properties as data, as JSON.parse made them: a key "__proto__" stays data,
    // and assigning to it below sets that own property.
    const copy: { [key: string]: JsonValue } = { ...object };
    for (const key in copy) {
      const value = copy[key] as JsonValue;
      const shared = typeof value === "string" ? this.string(value) : this.container(key, value);
      if (shared !== value) copy[key] = shared;
    }
    return copy as T;
  }

  private string(value: string): string {
    if (value.length > MAX_STRING_LENGTH) return value;
    const found = this.strings.get(value);
    if (found !== undefined) return found;
    if (this.strings.size >= MAX_STRINGS) this.strings.clear();
    this.strings.set(value, value);
    return value;
  }

  private container(member: string, value: JsonValue): JsonValue {
    if (value === null || typeof value !== "object") return value;
    let seen = this.members.get(member);
    if (seen === undefined) this.members.set(member, (seen = { values: [], next: 0 }));
    for (const candidate of seen.values) if (jsonEqual(candidate, value)) return candidate;
    if (size(value, MAX_CONTAINER_SIZE) > MAX_CONTAINER_SIZE) return value;
    if (seen.values.length < CANDIDATES) seen.values.push(value);
    else {
      seen.values[seen.next] = value;
      seen.next = (seen.next + 1) % CANDIDATES;
    }
    return value;
  }
}

/** True when `a` and `b` are the same JSON: same keys in the same order (it is kept when written), same values. */
function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i] as JsonValue, b[i] as JsonValue)) return false;
    return true;
  }
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key !== other[i] || !jsonEqual(a[key] as JsonValue, b[key] as JsonValue)) return false;
  }
  return true;
}

/** How many values `value` holds, itself included, counted up to just past `limit`. */
function size(value: JsonValue, limit: number): number {
  if (value === null || typeof value !== "object") return 1;
  let count = 1;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    count += size(child, limit - count);
    if (count > limit) break;
  }
  return count;
}
