/**
 * The Args section of a run with more args sets than it lists names, per key, the values the key
 * takes. An ellipsis used to hide one value when a key took six (issue 21, point 20).
 */
import { describe, expect, it } from "vitest";
import { RunContext } from "../../../src/render/context.js";
import { buildArgsView, MAX_LISTED_ARGS } from "../../../src/render/views/args.js";
import type { Run } from "../../../src/run/model.js";
import { RunBuilder } from "../helpers/runs.js";

/** A run of `n` args sets whose key `k` cycles through `distinct` values. */
function sweep(n: number, distinct: number): Run {
  const b = new RunBuilder();
  for (let i = 0; i < n; i++) b.stage(b.record(`set${i}`), "train");
  const run = b.build();
  const args = Array.from({ length: n }, (_, i) => ({
    name: `set${i}`,
    hash: `hash${i}`,
    values: { name: `set${i}`, k: `v${i % distinct}` },
    ignored: [],
    reprs: {},
  }));
  return { ...run, args };
}

function keyValues(run: Run): string | undefined {
  return buildArgsView(new RunContext(run), { bounded: true }).keys.find((k) => k.key === "k")?.examples;
}

describe("Args section: the values each key takes", () => {
  it("lists all six values of a key that takes six, with no ellipsis", () => {
    expect(keyValues(sweep(MAX_LISTED_ARGS + 10, 6))).toBe('"v0", "v1", "v2", "v3", "v4", "v5"');
  });

  it("names the first five of more and says how many more", () => {
    expect(keyValues(sweep(MAX_LISTED_ARGS + 10, 9))).toBe('"v0", "v1", "v2", "v3", "v4" and 4 more');
  });
});
