import { describe, expect, it } from "vitest";
import { compareRuns } from "../../../src/render/compare/compare.js";
import { comparisonMarkdown } from "../../../src/render/compare/compareMarkdown.js";
import { renderComparePage } from "../../../src/render/views/comparePage.js";
import { json } from "../pages/make.js";
import { sweepRun } from "./sweep.js";

const base = sweepRun({ n: 4, runMetrics: { mean_accuracy: 0.7 } });
const changed = sweepRun({
  n: 4,
  info: { reference: "sweep_2_2026-11-30-T130000", runNumber: 2, timestamp: "2026-11-30-T130000" },
  lr: (i) => 0.02 * (i + 1),
  accuracy: (i) => 0.6 + i / 8,
  runMetrics: { mean_accuracy: 0.8 },
});

describe("compareRuns", () => {
  it("lists exactly the changed args and metrics, with deltas and verdicts", () => {
    const c = compareRuns([base, changed]);
    expect(c.facts.args.map((a) => [a.set, a.key, ...a.values])).toEqual(
      [0, 1, 2, 3].map((i) => [`m${i}`, "lr", String(0.01 * (i + 1)), String(0.02 * (i + 1))]),
    );
    expect(c.facts.metrics.map((m) => [m.record, m.name, m.verdicts[1]])).toEqual([
      [null, "mean_accuracy", "better"],
      ...[0, 1, 2, 3].map((i) => [`m${i}`, "accuracy", "better"]),
    ]);
    expect(c.facts.metrics[0]?.deltas[1]).toBe("+0.1");
    expect(c.facts.sameMetrics).toBe(4); // the loss series end at the same value
    expect(c.reportables).toEqual([]);
    expect(c.dag).toEqual([]);
    expect(c.info.filter((r) => r.differs).map((r) => r.label)).toEqual(["Reference", "Run number", "Timestamp"]);
  });

  it("finds reportables whose content differs, and DAG changes", () => {
    const a = { ...base, reportables: [json("scores", 0, null, { f1: 0.5 }), json("same", 0, null, { x: 1 })] };
    const b = {
      ...base,
      reportables: [json("scores", 0, null, { f1: 0.6 }), json("same", 0, null, { x: 1 })],
      records: base.records.map((r, i) => (i === 1 ? { ...r, stages: [...r.stages, "evaluate"] } : r)),
    };
    const c = compareRuns([a, b]);
    expect(c.reportables.map((r) => r.qualifiedName)).toEqual(["scores"]);
    expect(c.sameReportables).toBe(1);
    expect(c.dag).toEqual([{ record: "m1", run: 1, change: "stage added", stage: "evaluate", details: [] }]);
    const html = renderComparePage(c, {
      version: "t",
      pagePath: "compare/x/index.html",
      reportFolder: () => null,
      style: "assets/style.css",
      script: "assets/report.js",
      indexPath: "index.html",
    });
    expect(html).toContain("<del>");
    expect(html).toContain("stage added");
  });

  it("says which cells and columns of a shared table changed", () => {
    const table = (rows: (string | number)[][], columns: string[]) => ({
      ...json("t", 0),
      kind: "table" as const,
      table: { columns, columnTypes: columns.map(() => "mixed" as const), index: null, rows, floatPrecision: 3 },
    });
    const a = {
      ...base,
      reportables: [
        table(
          [
            ["a", 1],
            ["b", 2],
          ],
          ["k", "v"],
        ),
      ],
    };
    const b = {
      ...base,
      reportables: [
        table(
          [
            ["a", 1],
            ["b", 3],
            ["c", 4],
          ],
          ["k", "v"],
        ),
      ],
    };
    const html = renderComparePage(compareRuns([a, b]), {
      version: "t",
      pagePath: "compare/x/index.html",
      reportFolder: () => null,
      style: "s.css",
      script: "r.js",
      indexPath: "index.html",
    });
    expect(html).toContain("run 2 against the base: 1 changed cell, 1 row added.");
    // The changed cell shows both values, labelled in words; the added row says so.
    expect(html).toContain(
      '<td class="cell-changed"><span class="visually-hidden">changed: </span><del>2</del> <ins>3</ins></td>',
    );
    expect(html).toMatch(
      /<tr class="row-added"><th scope="row">3 <span class="presence">\(added\)<\/span><\/th><td>c<\/td><td>4<\/td><\/tr>/,
    );
  });

  it("prints Markdown with only the differences", () => {
    const md = comparisonMarkdown(compareRuns([base, changed]));
    expect(md).toContain("| m2 | `lr` | `0.03` | `0.06` |");
    expect(md).toContain("| m0 | `accuracy` ↑ | 0.5 | 0.6 \\(\\+0.1\\) better |");
    expect(md).not.toContain("worse");
    expect(md).toContain("No shared reportable differs.");
  });
});
