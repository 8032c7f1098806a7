import { describe, expect, it } from "vitest";
import { deepCopy, type SelfCopying } from "../../src/record/deepCopy.js";

class Model {
  constructor(public weights: number[]) {}
  predict(): number {
    return this.weights.length;
  }
}

/** A value that copies itself, as `Lazy` does: its payload through the copier it is given. */
class Box implements SelfCopying {
  copies = 0;
  constructor(public payload: { items: number[] }) {}
  copyForRecord(copyValue: (value: unknown) => unknown): Box {
    this.copies++;
    return new Box(copyValue(this.payload) as { items: number[] });
  }
}

describe("deepCopy", () => {
  it("copies nested data so the copy shares nothing mutable, keeping class instances working", () => {
    const source = {
      model: new Model([1, 2]),
      rows: [{ a: 1 }],
      when: new Date(5),
      pattern: /x+/gi,
      bytes: new Float64Array([1.5]),
      raw: new Uint8Array([1]).buffer,
      map: new Map([["k", { v: 1 }]]),
      set: new Set([[1]]),
    };
    const copy = deepCopy(source);
    expect(copy).toEqual(source);
    expect(copy.model).toBeInstanceOf(Model);
    expect(copy.model.predict()).toBe(2);
    for (const key of Object.keys(source) as (keyof typeof source)[]) expect(copy[key], key).not.toBe(source[key]);
    copy.rows[0]!.a = 2;
    copy.map.get("k")!.v = 2;
    copy.bytes[0] = 9;
    expect([source.rows[0]!.a, source.map.get("k")!.v, source.bytes[0]]).toEqual([1, 1, 1.5]);
    expect([copy.pattern.source, copy.pattern.flags, copy.when.getTime()]).toEqual(["x+", "gi", 5]);
  });

  it("keeps shared references shared and cycles closed, and shares functions", () => {
    const shared = { n: 1 };
    const fn = () => 1;
    const source: { a: object; b: object; self?: unknown; fn: () => number } = { a: shared, b: shared, fn };
    source.self = source;
    const copy = deepCopy(source);
    expect(copy.a).toBe(copy.b);
    expect(copy.a).not.toBe(shared);
    expect(copy.self).toBe(copy);
    expect(copy.fn).toBe(fn);
  });

  it("lets a self-copying value copy itself, with nested values going through the same copy", () => {
    const payload = { items: [1] };
    const box = new Box(payload);
    const copy = deepCopy({ box, again: box, payload });
    expect(copy.box).toBeInstanceOf(Box);
    expect(box.copies).toBe(1);
    expect(copy.again).toBe(copy.box);
    expect(copy.box.payload).not.toBe(payload);
    expect(copy.box.payload).toBe(copy.payload);
  });

  it("keeps symbol keys, and a __proto__ key as plain data", () => {
    const key = Symbol("k");
    const source = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string | symbol, unknown>;
    source[key] = { v: 1 };
    const copy = deepCopy(source);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__"]);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(copy[key]).toEqual({ v: 1 });
    expect(copy[key]).not.toBe(source[key]);
  });
});
