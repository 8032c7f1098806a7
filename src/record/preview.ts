/**
 * The short preview of an artifact shown in stage maps: `(<TypeName>) <text cut at 30>...` plus
 * ` shape: (r, c)` or ` len: n`. Formatting stops early, so a million-element array costs no more
 * than a short one.
 */

/** Characters of the value's text kept in a preview. Keep in sync with the `...` rule below. */
export const PREVIEW_CHARS = 30;

/** The preview string of any value, e.g. `(Float64Array) [0.1, 0.2, 0.3... len: 112`. */
export function previewObject(value: unknown): string {
  // Budget in UTF-16 units: twice the characters, so astral characters still show 30 of them.
  const text = strOf(value, 2 * (PREVIEW_CHARS + 1));
  const head = firstCodePoints(text, PREVIEW_CHARS + 1);
  const cut = head.length > PREVIEW_CHARS ? `${head.slice(0, PREVIEW_CHARS).join("")}...` : text;
  const shape = shapeOf(value);
  if (shape !== null) return `(${typeNameOf(value)}) ${cut} shape: ${formatShape(shape)}`;
  const length = lengthOf(value);
  return length === null ? `(${typeNameOf(value)}) ${cut}` : `(${typeNameOf(value)}) ${cut} len: ${length}`;
}

/** The first `n` code points of a text (never half a surrogate pair), without splitting all of it. */
function firstCodePoints(text: string, n: number): string[] {
  const out: string[] = [];
  for (const char of text) {
    if (out.length === n) break;
    out.push(char);
  }
  return out;
}

/** The name shown in parentheses: the class name of objects, `typeof` of primitives, `null`. */
export function typeNameOf(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name === undefined || name === "" ? "Object" : name;
}

/** Python-style shape text: `(112,)` for one dimension, `(112, 4)` for more. */
function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/**
 * Shape of a nested rectangular array (two or more dimensions), or of an object with a numeric
 * `shape` array (tensors, data frames); null otherwise.
 */
export function shapeOf(value: unknown): number[] | null {
  if (value === null || typeof value !== "object") return null;
  const declared = (value as { shape?: unknown }).shape;
  if (Array.isArray(declared) && declared.length > 0 && declared.every((n) => Number.isInteger(n)))
    return declared as number[];
  if (!Array.isArray(value) || value.length === 0) return null;
  const width = arrayLengthOf(value[0]);
  if (width === null) return null;
  for (const row of value) if (arrayLengthOf(row) !== width) return null;
  const deeper = Array.isArray(value[0]) ? shapeOf(value[0]) : null;
  const key = deeper?.join();
  if (deeper !== null && value.every((row: unknown) => Array.isArray(row) && shapeOf(row)?.join() === key))
    return [value.length, ...deeper];
  return [value.length, width];
}

function arrayLengthOf(value: unknown): number | null {
  if (Array.isArray(value)) return value.length;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return (value as unknown as ArrayLike<unknown>).length;
  return null;
}

/** Length of arrays, typed arrays and strings, size of Maps and Sets; null for anything else. */
export function lengthOf(value: unknown): number | null {
  if (typeof value === "string") return value.length;
  const arrayLength = arrayLengthOf(value);
  if (arrayLength !== null) return arrayLength;
  if (value instanceof Map || value instanceof Set) return value.size;
  return null;
}

/**
 * Text of a value like Python's `str()`: strings as they are, containers in a compact literal
 * form with quoted strings inside. Stops once `limit` characters are produced.
 */
export function strOf(value: unknown, limit = Number.POSITIVE_INFINITY): string {
  if (typeof value === "string") return value;
  const out = new Budget(limit);
  writeValue(value, out, new Set());
  return out.text;
}

/** A string builder that refuses to grow past its limit, so formatting can stop early. */
class Budget {
  text = "";
  constructor(private readonly limit: number) {}
  get full(): boolean {
    return this.text.length >= this.limit;
  }
  push(part: string): void {
    if (!this.full) this.text += part.slice(0, this.limit - this.text.length + 1);
  }
}

function writeValue(value: unknown, out: Budget, seen: Set<object>): void {
  if (typeof value === "string") return out.push(JSON.stringify(value));
  if (typeof value === "bigint") return out.push(`${value}n`);
  if (typeof value === "function") return out.push(`[Function ${value.name === "" ? "(anonymous)" : value.name}]`);
  if (value === null || typeof value !== "object") return out.push(String(value));
  if (seen.has(value)) return out.push("[Circular]");
  seen.add(value);
  writeObject(value, out, seen);
  seen.delete(value);
}

function writeObject(value: object, out: Budget, seen: Set<object>): void {
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    return writeItems("[", Array.from(value as ArrayLike<unknown>), "]", out, seen);
  }
  if (value instanceof Set) return writeItems("{", Array.from(value), "}", out, seen);
  if (value instanceof Map) return writeEntries(Array.from(value), " => ", out, seen, true);
  if (value instanceof Date) return out.push(Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString());
  if (value instanceof Error) return out.push(`${value.name}: ${value.message}`);
  const own = (value as { toString?: unknown }).toString;
  if (typeof own === "function" && own !== Object.prototype.toString) return out.push(String(value));
  const name = typeNameOf(value);
  if (name !== "Object") out.push(`${name} `);
  writeEntries(Object.entries(value), ": ", out, seen, false);
}

function writeItems(open: string, items: readonly unknown[], close: string, out: Budget, seen: Set<object>): void {
  out.push(open);
  for (let i = 0; i < items.length && !out.full; i++) {
    if (i > 0) out.push(", ");
    writeValue(items[i], out, seen);
  }
  out.push(close);
}

function writeEntries(
  entries: readonly [unknown, unknown][],
  separator: string,
  out: Budget,
  seen: Set<object>,
  quoteKeys: boolean,
): void {
  out.push("{");
  for (let i = 0; i < entries.length && !out.full; i++) {
    const [key, item] = entries[i] as [unknown, unknown];
    if (i > 0) out.push(", ");
    if (quoteKeys || typeof key !== "string" || !/^[A-Za-z_$][\w$]*$/.test(key)) writeValue(key, out, seen);
    else out.push(key);
    out.push(separator);
    writeValue(item, out, seen);
  }
  out.push("}");
}
