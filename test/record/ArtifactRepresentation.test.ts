import { describe, expect, it } from "vitest";
import {
  ArtifactManager,
  ArtifactRepresentation,
  JsonCacher,
  Lazy,
  previewObject,
  Record,
} from "../../src/record/index.js";
import { stableOptions, tempRoot } from "./helpers.js";

async function aRecord(): Promise<Record> {
  return new Record(new ArtifactManager("exp", stableOptions(await tempRoot())), { name: "a" });
}

describe("ArtifactRepresentation.string", () => {
  it("shows type, the first 30 characters with ... and the length of a typed array", async () => {
    const values = Float64Array.from({ length: 112 }, (_, i) => i / 10);
    const rep = new ArtifactRepresentation(await aRecord(), "x", values);
    expect(rep.string).toBe("(Float64Array) [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0... len: 112");
  });

  it("gives nested rectangular arrays a Python-style shape instead of a length", () => {
    const rows = Array.from({ length: 112 }, () => [1, 2, 3, 4]);
    expect(previewObject(rows)).toBe("(Array) [[1, 2, 3, 4], [1, 2, 3, 4], [... shape: (112, 4)");
    expect(previewObject([[1, 2], [3]])).toBe("(Array) [[1, 2], [3]] len: 2");
    const cube = [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ];
    expect(previewObject(cube)).toBe("(Array) [[[1, 2], [3, 4]], [[5, 6], [7... shape: (2, 2, 2)");
  });

  it("uses a declared shape (tensors, frames)", () => {
    class Tensor {
      readonly shape = [3];
      toString(): string {
        return "Tensor(3)";
      }
    }
    expect(previewObject(new Tensor())).toBe("(Tensor) Tensor(3) shape: (3,)");
  });

  it("shows strings raw with len, short values whole, and no length for plain objects or numbers", () => {
    expect(previewObject("hello")).toBe("(string) hello len: 5");
    expect(previewObject(234)).toBe("(number) 234");
    expect(previewObject({ accuracy: 0.97, n: 2 })).toBe("(Object) {accuracy: 0.97, n: 2}");
    expect(previewObject(null)).toBe("(null) null");
  });

  it("gives Maps and Sets their size", () => {
    expect(previewObject(new Map([["a", 1]]))).toBe('(Map) {"a" => 1} len: 1');
    expect(previewObject(new Set([1, 2]))).toBe("(Set) {1, 2} len: 2");
  });

  it("names class instances without a toString by class", () => {
    class Model {
      depth = 3;
    }
    expect(previewObject(new Model())).toBe("(Model) Model {depth: 3}");
  });

  it("cuts at 30 characters, not half an emoji", () => {
    const text = "😀".repeat(40);
    expect(previewObject(text)).toBe(`(string) ${"😀".repeat(30)}... len: 80`);
  });

  it("formats a huge array without walking it all", () => {
    const big = new Array(5_000_000).fill(1);
    expect(previewObject(big)).toBe("(Array) [1, 1, 1, 1, 1, 1, 1, 1, 1, 1,... len: 5000000");
  });

  it("takes an unloaded Lazy's preview from its cache metadata", async () => {
    const record = await aRecord();
    const lazy = new Lazy("model").bind(new JsonCacher(), { record, stage: "train", name: "model" });
    expect(new ArtifactRepresentation(record, "model", lazy, { preview: "(Model) Model {depth: 3}" }).string).toBe(
      "(Model) Model {depth: 3}",
    );
    expect(new ArtifactRepresentation(record, "model", lazy).string).toBe("(Lazy) model");
  });
});

describe("ArtifactRepresentation.htmlSafe", () => {
  it("escapes & first, so nothing is double-escaped (curifactory's B4)", async () => {
    const rep = new ArtifactRepresentation(await aRecord(), "x", "x<y & 'z'");
    expect(rep.string).toBe("(string) x<y & 'z' len: 9");
    expect(rep.htmlSafe()).toBe("(string) x&lt;y &amp; &#39;z&#39; len: 9");
  });
});
