/**
 * Graphviz (WebAssembly) state left by one layout must not break the next. Found by
 * fixtures/hostile/empty-and-blank-names: an artifact with an empty name made an HTML-like label
 * with an empty `<td></td>`; that layout succeeded, but the next graph in the same process whose
 * label starts with an empty line ("\nfrom record 0") failed with "table index is out of bounds"
 * (or "null function or function signature mismatch"), and the report showed an error box.
 */
import { describe, expect, it } from "vitest";
import { layoutJson } from "../../src/render/graph/graphviz.js";

const EMPTY_CELL = `digraph { a0 [label=<<table><tr><td></td></tr></table>>] }`;
const BLANK_FIRST_LINE = `digraph { x1 [label="\\nfrom record 0"] }`;

describe("layoutJson after a layout that corrupts Graphviz's WebAssembly state", () => {
  it("lays the next graph out in a fresh instance instead of failing", async () => {
    for (let i = 0; i < 3; i++) {
      await expect(layoutJson(EMPTY_CELL, "empty cell")).resolves.toContain('"name": "a0"');
      const json = await layoutJson(BLANK_FIRST_LINE, "blank first line");
      expect(json).toContain('"text": "from record 0"');
    }
  });

  it("still reports a real DOT error, naming the graph", async () => {
    await expect(layoutJson("digraph { a -> }", "broken")).rejects.toThrow(/Graphviz could not lay out "broken"/);
    await expect(layoutJson(BLANK_FIRST_LINE, "after")).resolves.toContain("from record 0");
  });
});
