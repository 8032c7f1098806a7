import { describe, expect, it } from "vitest";
import { depthProblems, MAX_JSON_DEPTH } from "../../src/run/depth.js";

/** `value` wrapped in `levels` arrays. */
function nest(levels: number, value: unknown): unknown {
  let out = value;
  for (let i = 0; i < levels; i++) out = [out];
  return out;
}

describe("depthProblems", () => {
  it("accepts a document nested exactly to the limit, and names the first container past it", () => {
    expect(depthProblems({ a: nest(3, 1) }, "run.json", 4)).toEqual([]);
    const [problem, ...more] = depthProblems({ a: nest(4, 1) }, "run.json", 4);
    expect(more).toEqual([]);
    expect(problem).toEqual({
      file: "run.json",
      pointer: "/a/0/0/0",
      message: expect.stringContaining("nested more than 4 levels deep"),
    });
  });

  it("reports the first place in document order, with escaped keys and array indices", () => {
    const doc = { shallow: [1, { x: 2 }], "a/b~c": [{ ok: 1 }, { deep: nest(5, "x") }], later: nest(50, 0) };
    expect(depthProblems(doc, "f.json", 5).map((p) => p.pointer)).toEqual(["/a~1b~0c/1/deep/0/0"]);
  });

  it("walks past prototype-like keys as plain data and ignores scalars", () => {
    const doc = JSON.parse(`{"__proto__": {"constructor": ${JSON.stringify(nest(3, null))}}}`) as unknown;
    expect(depthProblems(doc, "f.json", 3).map((p) => p.pointer)).toEqual(["/__proto__/constructor/0"]);
    expect(depthProblems("text", "f.json", 0)).toEqual([]);
    expect(depthProblems(null, "f.json", 0)).toEqual([]);
  });

  it("limits real documents at MAX_JSON_DEPTH and does not overflow on a far deeper one", () => {
    expect(depthProblems(nest(MAX_JSON_DEPTH, 1), "run.json")).toEqual([]);
    const [problem] = depthProblems(nest(100_000, 1), "run.json");
    expect(problem?.pointer).toBe("/0".repeat(MAX_JSON_DEPTH));
  });
});
