/**
 * Objects keyed by names from input (metric names, args set names, folders). Assignment into `{}`
 * with the key `__proto__` sets the object's prototype instead of adding a key, and a lookup of an
 * absent `constructor` finds Object's: objects without a prototype have neither problem.
 */

/** An object without a prototype holding `entries` (later entries win); `__proto__` and `constructor` stay plain keys. */
export function recordOf<T>(entries: Iterable<readonly [string, T]>): { [key: string]: T } {
  const out = Object.create(null) as { [key: string]: T };
  for (const [key, value] of entries) out[key] = value;
  return out;
}
