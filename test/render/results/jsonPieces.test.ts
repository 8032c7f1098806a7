/**
 * The comparison data is measured and hashed piece by piece (a 50,000-record run's is 110 MB of
 * JSON): the pieces must be exactly JSON.stringify's text, for any value the data can hold, and the
 * measure exact at the bound.
 */
import { describe, expect, it } from "vitest";
import { jsonFits, jsonPieces } from "../../../src/render/compare/jsonPieces.js";

const ODD: unknown[] = [
  null,
  0,
  -0,
  Number.NaN,
  "plain",
  'quote " backslash \\ line\u2028sep é 😀 lone \ud800',
  [],
  {},
  [1, undefined, () => 1, Symbol("s"), null, [[[]]]],
  { a: undefined, b: () => 1, c: 1, d: { e: [{ f: "g" }], h: {} } },
  JSON.parse('{"__proto__": {"x": 1}, "10": "integer-like", "k": [1, 2]}') as unknown,
  { when: new Date(Date.UTC(2026, 0, 15)), nested: { toJSON: () => "custom" } },
  { records: Array.from({ length: 50 }, (_, i) => ({ key: `r${i}`, stages: [["s1", ["a = 1"]]] })) },
];

describe("jsonPieces", () => {
  it.each(ODD.map((v) => [v]))("joins to JSON.stringify's text at every depth: %o", (value) => {
    for (const depth of [0, 1, 2, 3, 8]) expect([...jsonPieces(value, depth)].join("")).toBe(JSON.stringify(value));
  });

  it("gives nothing for a value JSON.stringify leaves out", () => {
    expect([...jsonPieces(undefined, 3)]).toEqual([]);
  });

  it("opens big lists element by element, so no piece holds the whole", () => {
    const data = { records: Array.from({ length: 1000 }, (_, i) => ({ key: `record ${i}` })) };
    const longest = Math.max(...[...jsonPieces(data, 3)].map((p) => p.length));
    expect(longest).toBeLessThan(50);
  });
});

describe("jsonFits", () => {
  it("measures UTF-8 bytes exactly at the bound", () => {
    const value = { text: "é😀", list: [1, 2, 3] };
    const size = Buffer.byteLength(JSON.stringify(value), "utf8");
    expect(jsonFits(value, size)).toBe(true);
    expect(jsonFits(value, size - 1)).toBe(false);
  });
});
