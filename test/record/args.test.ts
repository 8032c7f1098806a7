import { describe, expect, it } from "vitest";
import { ArtifactManager, canonicalJson, comboHash, hashArgs, Record, toJsonValue } from "../../src/record/index.js";
import { stableOptions, tempRoot } from "./helpers.js";

describe("hashArgs", () => {
  it("is md5 hex of canonical JSON, pinned so caches survive releases and machines", () => {
    // md5 of '{"rate":0.5,"seed":1}': keys sorted, no whitespace, name left out.
    expect(hashArgs({ name: "baseline", seed: 1, rate: 0.5 })).toBe("69571aa88dcf376f14a217afb4da7ac9");
  });

  it("does not depend on key order, at any depth", () => {
    const a = hashArgs({ name: "a", seed: 1, model: { depth: 3, kind: "tree" } });
    const b = hashArgs({ model: { kind: "tree", depth: 3 }, seed: 1, name: "a" });
    expect(a).toBe(b);
  });

  it("leaves out name, so two names of the same settings share a cache", () => {
    expect(hashArgs({ name: "first", seed: 1 })).toBe(hashArgs({ name: "second", seed: 1 }));
    expect(hashArgs({ name: "first", seed: 1 })).not.toBe(hashArgs({ name: "first", seed: 2 }));
  });

  it("leaves out fields listed in ignoredParams (per args) or the ignore option", () => {
    const base = hashArgs({ name: "a", seed: 1 });
    expect(hashArgs({ name: "a", seed: 1, verbose: true, ignoredParams: ["verbose"] })).toBe(base);
    expect(hashArgs({ name: "a", seed: 1, verbose: true }, { ignore: ["verbose"] })).toBe(base);
    expect(hashArgs({ name: "a", seed: 1, verbose: true })).not.toBe(base);
  });

  it("hashes Maps, typed arrays and functions by value and name", () => {
    function relu(): number {
      return 0;
    }
    const a = hashArgs({ name: "a", weights: new Float64Array([1, 2]), activation: relu, table: new Map([["k", 1]]) });
    const b = hashArgs({ name: "a", weights: [1, 2], activation: "relu", table: { k: 1 } });
    expect(a).toBe(b);
  });

  it("uses the manager's ignoredParams for records", async () => {
    const manager = new ArtifactManager("exp", { ...stableOptions(await tempRoot()), ignoredParams: ["workers"] });
    const record = new Record(manager, { name: "a", seed: 1, workers: 8 });
    expect(record.argsHash).toBe(hashArgs({ name: "a", seed: 1 }));
  });
});

describe("comboHash", () => {
  it("depends on the set of input hashes, not their order", () => {
    expect(comboHash(["a", "b"])).toBe(comboHash(["b", "a"]));
    expect(comboHash(["a", "b"])).not.toBe(comboHash(["a", "c"]));
    expect(comboHash([null])).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("toJsonValue and canonicalJson", () => {
  it("converts what JSON cannot hold and sorts keys", () => {
    const value = toJsonValue({ b: new Set([1]), a: NaN, d: new Date(Date.UTC(2026, 0, 1)), c: 10n, e: undefined });
    expect(canonicalJson(value)).toBe('{"a":null,"b":[1],"c":"10","d":"2026-01-01T00:00:00.000Z"}');
  });

  it("marks cycles instead of overflowing", () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(toJsonValue(cyclic)).toEqual({ self: "[Circular]" });
  });
});
