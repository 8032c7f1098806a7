/**
 * Failed records in comparisons (issue 21 points 3 and 4): the run info of `compare`'s page and
 * Markdown, and of the site's compare.html (which reads the same data from each report's
 * compare-data.js), names the records whose stage raised, so a run that started failing shows it.
 */
import { describe, expect, it } from "vitest";
import { compareRuns } from "../../../src/render/compare/compare.js";
import { compareDataOf } from "../../../src/render/compare/compareData.js";
import { comparisonMarkdown } from "../../../src/render/compare/compareMarkdown.js";
import { renderComparePage } from "../../../src/render/views/comparePage.js";
import { RunContext } from "../../../src/render/context.js";
import type { Run } from "../../../src/run/model.js";
import { sweepRun } from "./sweep.js";

const base = sweepRun({ n: 4 });
/** The same sweep, in which m2's train stage raised. */
const failing: Run = {
  ...base,
  info: { ...base.info, reference: "sweep_2_2026-11-30-T130000", runNumber: 2, status: "error" },
  records: base.records.map((r) =>
    r.index === 2
      ? { ...r, stageInfo: [{ durationMs: 1, cached: false, error: "ValueError - nan", traceback: null }] }
      : r,
  ),
};

describe("a comparison of a run with a failed record", () => {
  it("names the failed record and its stage in the run info, as a row that differs", () => {
    const c = compareRuns([base, failing]);
    const row = c.info.find((r) => r.label === "Failed records");
    expect(row).toEqual({ label: "Failed records", values: ["none", "1: m2 (failed in train)"], differs: true });
    expect(comparisonMarkdown(c)).toContain("| Failed records | none | 1: m2 \\(failed in train\\) |");
    const html = renderComparePage(c, {
      version: "t",
      pagePath: "compare/x/index.html",
      reportFolder: () => null,
      style: "assets/style.css",
      script: "assets/report.js",
      indexPath: "index.html",
    });
    expect(html).toContain(
      '<tr class="differs"><th scope="row">Failed records</th><td><bdi>none</bdi></td><td><bdi>1: m2 (failed in train)</bdi></td></tr>',
    );
  });

  it("keeps the line bounded: the first five named, the rest counted", () => {
    const many: Run = {
      ...base,
      records: sweepRun({ n: 40 }).records.map((r) => ({
        ...r,
        stageInfo: [{ durationMs: 1, cached: false, error: "E - x", traceback: null }],
      })),
    };
    const info = compareDataOf(new RunContext(many)).info;
    expect(info.find(([label]) => label === "Failed records")?.[1]).toBe(
      "40: m0 (failed in train), m1 (failed in train), m2 (failed in train), m3 (failed in train), m4 (failed in train), and 35 more",
    );
  });
});
