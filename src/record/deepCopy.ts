/**
 * Deep copies of record state for `Record.makeCopy` (curifactory's `copy.deepcopy` of a record's
 * state): the copy must not share mutable data with its source, yet keep class instances (models,
 * `Lazy` values) working, which `structuredClone` does not (it drops prototypes and refuses
 * functions). fast-copy does the walking: arrays, typed arrays, buffers, Maps, Sets, Dates,
 * RegExps, Errors, shared references and cycles, and a depth bound instead of a stack overflow.
 * What is ours is the one thing it cannot know: a value that copies itself (`Lazy`).
 */
import { createCopier, type State } from "fast-copy";

/** Something that knows how to copy itself (used by `Lazy`). */
export interface SelfCopying {
  copyForRecord(copyValue: (value: unknown) => unknown): unknown;
}

function isSelfCopying(value: object): value is SelfCopying {
  return typeof (value as Partial<SelfCopying>).copyForRecord === "function";
}

/**
 * Objects keep their prototype and their own enumerable properties (string and symbol keys,
 * `__proto__` as a plain key); functions are shared, as Python's deepcopy shares them.
 */
function copyObject(value: Record<string | symbol, unknown>, state: State): Record<string | symbol, unknown> {
  if (isSelfCopying(value)) {
    const result = value.copyForRecord((inner) => state.copier(inner, state)) as Record<string | symbol, unknown>;
    state.cache.set(value, result);
    return result;
  }
  // Read before any nested copy: fast-copy reuses `state.prototype` for every value it visits.
  const clone = Object.create(state.prototype as object | null) as Record<string | symbol, unknown>;
  state.cache.set(value, clone);
  for (const key of Reflect.ownKeys(value)) {
    if (!Object.prototype.propertyIsEnumerable.call(value, key)) continue;
    const copied = state.copier(value[key], state);
    // Assigning `__proto__` would set the prototype; define it as the own property it was.
    if (key === "__proto__")
      Object.defineProperty(clone, key, { value: copied, enumerable: true, writable: true, configurable: true });
    else clone[key] = copied;
  }
  return clone;
}

const copier = createCopier({ methods: { object: copyObject } });

/** A deep copy of `value` (see the module comment for what is copied and what is shared). */
export function deepCopy<T>(value: T): T {
  return copier(value);
}
