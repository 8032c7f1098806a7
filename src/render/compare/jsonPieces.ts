/**
 * `JSON.stringify`'s text of a big value, in pieces: a 50,000-record run's comparison data is
 * 70-110 MB of JSON, which a build only measured and hashed, yet held whole (with its quoted copy)
 * on top of the heap the pages had left, the build's peak memory. Measured or hashed piece by
 * piece, no piece is bigger than one record.
 */

/** True for what `JSON.stringify` leaves out of an object (and writes as null in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/**
 * Pieces whose concatenation is exactly `JSON.stringify(value)` (nothing for a value it leaves
 * out): arrays and plain objects are opened `depth` levels down, element by element and member by
 * member; below that, and for values with a `toJSON`, each piece is `JSON.stringify` of the value.
 */
export function* jsonPieces(value: unknown, depth: number): Generator<string> {
  if (depth <= 0 || typeof value !== "object" || value === null || "toJSON" in value) {
    const text = JSON.stringify(value) as string | undefined;
    if (text !== undefined) yield text;
    return;
  }
  if (Array.isArray(value)) {
    yield "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ",";
      const item: unknown = value[i];
      if (omitted(item)) yield "null";
      else yield* jsonPieces(item, depth - 1);
    }
    yield "]";
    return;
  }
  yield "{";
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (omitted(member)) continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(member, depth - 1);
  }
  yield "}";
}

/**
 * The UTF-8 bytes of `JSON.stringify(value)`, counted piece by piece; once past `maxBytes` the
 * count stops, and is then some number above it.
 */
export function jsonBytes(value: unknown, maxBytes: number, depth = 3): number {
  let size = 0;
  for (const piece of jsonPieces(value, depth)) {
    size += Buffer.byteLength(piece, "utf8");
    if (size > maxBytes) break;
  }
  return size;
}
