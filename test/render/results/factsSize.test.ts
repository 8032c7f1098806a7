/**
 * results.json and latest.json stay within check's per-file budget at any sweep size: past
 * MAX_ARGS_SETS args sets, facts keep the first sets by name and a digest of the rest.
 */
import { describe, expect, it } from "vitest";
import { factsJson, MAX_ARGS_SETS, runFacts } from "../../../src/render/facts/runFacts.js";
import type { ArgsSet, Run } from "../../../src/run/model.js";
import { DEFAULT_MAX_FILE_BYTES } from "../../../src/site/check.js";
import { RunBuilder } from "../helpers/runs.js";

/** A run with `n` args sets `s<i>` (zero-padded, so name order is index order); `changed` gets another hash. */
function runWithArgs(n: number, changed = -1): Run {
  const b = new RunBuilder();
  b.record("s0");
  const args: ArgsSet[] = Array.from({ length: n }, (_, i) => {
    const name = `s${String(i).padStart(6, "0")}`;
    return {
      name,
      hash: `${i === changed ? "x" : "h"}${i}`,
      values: { name, seed: i, rate: 0.01, depth: 3 },
      ignored: [],
      reprs: {},
    };
  });
  return { ...b.build(), args };
}

describe("facts of a big sweep", () => {
  it("keep every args set up to the limit", () => {
    expect(Object.keys(runFacts(runWithArgs(MAX_ARGS_SETS)).args)).toHaveLength(MAX_ARGS_SETS);
  });

  it("keep the first sets by name past it, and one digest of the rest that changes when one of them does", () => {
    const n = 5 * MAX_ARGS_SETS;
    const facts = runFacts(runWithArgs(n));
    const names = Object.keys(facts.args);
    expect(names).toHaveLength(MAX_ARGS_SETS + 1);
    expect(names.slice(0, 2)).toEqual(["s000000", "s000001"]);
    const last = `… ${(n - MAX_ARGS_SETS).toLocaleString("en-US")} more args sets (digest)`;
    expect(names.at(-1)).toBe(last);
    expect(facts.args[last]?.values).toEqual({});
    expect(runFacts(runWithArgs(n, n - 1)).args[last]?.hash).not.toBe(facts.args[last]?.hash);
    expect(runFacts(runWithArgs(n, 0)).args[last]?.hash).toBe(facts.args[last]?.hash);
    expect(Buffer.byteLength(factsJson(runFacts(runWithArgs(n))))).toBeLessThan(DEFAULT_MAX_FILE_BYTES / 2);
  });
});
