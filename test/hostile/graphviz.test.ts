/**
 * Graphviz (WebAssembly) state left by one layout must not break the next. Found by
 * fixtures/hostile/empty-and-blank-names: an artifact with an empty name made an HTML-like label
 * with an empty `<td></td>`; that layout succeeded, but the next graph in the same process whose
 * label starts with an empty line ("\nfrom record 0") failed with "table index is out of bounds"
 * (or "null function or function signature mismatch"), and the report showed an error box.
 */
import { describe, expect, it } from "vitest";
import { layoutSvg } from "../../src/render/graph/graphviz.js";

const EMPTY_CELL = `digraph { a0 [label=<<table><tr><td></td></tr></table>>] }`;
const BLANK_FIRST_LINE = `digraph { x1 [label="\\nfrom record 0"] }`;

describe("layoutSvg after a layout that corrupts Graphviz's WebAssembly state", () => {
  it("lays the next graph out in a fresh instance instead of failing", async () => {
    for (let i = 0; i < 3; i++) {
      await expect(layoutSvg(EMPTY_CELL, { idPrefix: "g-", title: "empty cell" })).resolves.toContain("<svg");
      const svg = await layoutSvg(BLANK_FIRST_LINE, { idPrefix: "g-", title: "blank first line" });
      expect(svg).toContain(">from record 0</text>");
    }
  });

  it("still reports a real DOT error, naming the graph", async () => {
    await expect(layoutSvg("digraph { a -> }", { idPrefix: "g-", title: "broken" })).rejects.toThrow(
      /Graphviz could not lay out "broken"/,
    );
    await expect(layoutSvg(BLANK_FIRST_LINE, { idPrefix: "g-", title: "after" })).resolves.toContain("from record 0");
  });
});
