/**
 * Turning arbitrary JavaScript values into JSON values, and JSON into canonical text. Args,
 * JSON reportables, the JSON cacher and cache metadata all need the same, predictable mapping.
 */
import type { JsonValue } from "../run/wire.js";

/**
 * Converts any value to a JSON value: Maps become objects, Sets and typed arrays become arrays,
 * Dates ISO strings, bigints strings, functions their name, non-finite numbers null (as
 * `JSON.stringify` does), `toJSON()` is honoured, and a cycle becomes the string `"[Circular]"`.
 */
export function toJsonValue(value: unknown): JsonValue {
  return convert(value, new Set());
}

function convert(value: unknown, seen: Set<object>): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "bigint":
      return value.toString();
    case "symbol":
      return value.toString();
    case "function":
      return value.name === "" ? "(anonymous function)" : value.name;
  }
  const object = value as object;
  if (seen.has(object)) return "[Circular]";
  seen.add(object);
  try {
    return convertObject(object, seen);
  } finally {
    seen.delete(object);
  }
}

function convertObject(object: object, seen: Set<object>): JsonValue {
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString();
  if (Array.isArray(object)) return object.map((item: unknown) => convert(item, seen));
  if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
    return Array.from(object as unknown as ArrayLike<number | bigint>, (item) => convert(item, seen));
  }
  if (object instanceof Set) return Array.from(object, (item: unknown) => convert(item, seen));
  if (object instanceof Map) {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of object) out[String(key)] = convert(item, seen);
    return out;
  }
  const withToJson = object as { toJSON?: unknown };
  if (typeof withToJson.toJSON === "function") return convert((withToJson.toJSON as () => unknown).call(object), seen);
  const out: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(object)) {
    if (item !== undefined) out[key] = convert(item, seen);
  }
  return out;
}

/** JSON text with object keys sorted at every level and no whitespace: equal values, equal text. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`).join(",")}}`;
}
