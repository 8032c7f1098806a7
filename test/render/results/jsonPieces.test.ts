/**
 * The comparison data is measured and hashed piece by piece (a 50,000-record run's is 110 MB of
 * JSON): the pieces must be exactly JSON.stringify's text, for any value the data can hold, and the
 * measure exact at the bound.
 */
import { describe, expect, it } from "vitest";
import { compareDataOf, SITE_LIMITS } from "../../../src/render/compare/compareData.js";
import { jsonBytes, jsonPieces } from "../../../src/render/compare/jsonPieces.js";
import { RunContext } from "../../../src/render/context.js";
import { sweepRun } from "./sweep.js";

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

describe("jsonBytes", () => {
  it("measures UTF-8 bytes exactly at the bound", () => {
    const value = { text: "é😀", list: [1, 2, 3] };
    const size = Buffer.byteLength(JSON.stringify(value), "utf8");
    expect(jsonBytes(value, size)).toBe(size);
    expect(jsonBytes(value, size - 1)).toBeGreaterThan(size - 1);
  });
});

describe("compareDataOf's bound, measured record by record", () => {
  const ctx = new RunContext(sweepRun({ n: 30 }));
  const at = (maxBytes: number) => compareDataOf(ctx, { limits: { ...SITE_LIMITS, maxBytes } });
  const listed = at(Number.POSITIVE_INFINITY);
  const size = Buffer.byteLength(JSON.stringify(listed), "utf8");

  it("lists every stage's outputs when the data fits exactly", () => {
    expect(at(size)).toEqual(listed);
  });

  it("keeps digests one byte past the bound", () => {
    const cut = at(size - 1);
    expect(cut.cut).toHaveLength(1);
    expect(cut.records.map((r) => r.key)).toEqual(listed.records.map((r) => r.key));
    expect(cut.records.every((r) => r.stages.every(([, outputs]) => typeof outputs === "string"))).toBe(true);
  });
});
