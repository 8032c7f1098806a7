/**
 * Deep copies of record state for `Record.makeCopy`: the copy must not share mutable data with its
 * source, yet keep class instances (models, Lazy values) working, which `structuredClone` does not.
 */

/** Something that knows how to copy itself (used by `Lazy`). */
export interface SelfCopying {
  copyForRecord(copyValue: (value: unknown) => unknown): unknown;
}

function isSelfCopying(value: object): value is SelfCopying {
  return typeof (value as Partial<SelfCopying>).copyForRecord === "function";
}

/**
 * Copies arrays, typed arrays, buffers, Maps, Sets, Dates, RegExps and objects (keeping their
 * prototype) recursively, preserving shared references and cycles; functions are shared.
 */
export function deepCopy<T>(value: T): T {
  return copy(value, new Map()) as T;
}

function copy(value: unknown, seen: Map<object, unknown>): unknown {
  if (value === null || typeof value !== "object") return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (isSelfCopying(value)) {
    const result = value.copyForRecord((inner) => copy(inner, seen));
    seen.set(value, result);
    return result;
  }
  if (value instanceof ArrayBuffer) return remember(seen, value, value.slice(0));
  if (ArrayBuffer.isView(value)) return remember(seen, value, copyView(value));
  if (value instanceof Date) return remember(seen, value, new Date(value.getTime()));
  if (value instanceof RegExp) return remember(seen, value, new RegExp(value.source, value.flags));
  if (value instanceof Map) {
    const out = remember(seen, value, new Map());
    for (const [k, v] of value) out.set(copy(k, seen), copy(v, seen));
    return out;
  }
  if (value instanceof Set) {
    const out = remember(seen, value, new Set());
    for (const v of value) out.add(copy(v, seen));
    return out;
  }
  if (Array.isArray(value)) {
    const out = remember(seen, value, new Array<unknown>(value.length));
    value.forEach((item: unknown, i) => (out[i] = copy(item, seen)));
    return out;
  }
  return copyObject(value, seen);
}

function copyView(view: ArrayBufferView): ArrayBufferView {
  if (view instanceof DataView) return new DataView(view.buffer.slice(0), view.byteOffset, view.byteLength);
  return (view as unknown as { slice(): ArrayBufferView }).slice();
}

function copyObject(value: object, seen: Map<object, unknown>): object {
  const out = remember(seen, value, Object.create(Object.getPrototypeOf(value) as object | null) as object);
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    if ("value" in descriptor) descriptor.value = copy(descriptor.value, seen);
    Object.defineProperty(out, key, descriptor);
  }
  return out;
}

function remember<T>(seen: Map<object, unknown>, source: object, target: T): T {
  seen.set(source, target);
  return target;
}
