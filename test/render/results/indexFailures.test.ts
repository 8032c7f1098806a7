/**
 * Failed records on the index (issue 21 points 3 and 4): the runs list and the trends table say
 * how many records of a run failed, in words beside the run's status, not by colour alone.
 */
import { describe, expect, it } from "vitest";
import { historyOfEntries } from "../../../src/render/history/merge.js";
import { renderIndex } from "../../../src/render/views/indexPage.js";
import { buildTrends } from "../../../src/render/views/trends.js";
import { runInfoEntry } from "../helpers/runInfo.js";

/** run_info.json of run `n` of experiment `x`, with `failed` failed records. */
function entry(n: number, failed: number) {
  return runInfoEntry(n, {
    status: failed > 0 ? "error" : "complete",
    metrics: { loss: 0.5 - n / 10 },
    metric_goals: { loss: "min" },
    record_count: 30,
    failed_record_count: failed,
  });
}

const RUNS = [entry(1, 0), entry(2, 3), entry(3, 1)];

describe("failed records on the index", () => {
  it("are counted in each run's trends row beside its status (newest first)", () => {
    const t = buildTrends("exp-0", historyOfEntries(RUNS).runs, new Set(), "index.html");
    expect(t.rows.map((r) => [r.label, r.status.label, r.failed])).toEqual([
      ["#3", "ERROR", "1 failed record"],
      ["#2", "ERROR", "3 failed records"],
      ["#1", "COMPLETE", null],
    ]);
  });

  it("are written in the trends table and the runs list of the page", () => {
    const html = String(renderIndex(RUNS, [], { version: "1" }).find((f) => f.path === "index.html")?.content);
    const row = /<tr>(?:(?!<\/tr>).)*x_2_2026-11-02-T120000(?:(?!<\/tr>).)*<\/tr>/.exec(html)?.[0] ?? "";
    expect(row).toMatch(/>ERROR<\/span> <span class="error-text failed-records">3 failed records<\/span>/);
    expect(html).toContain('<span class="error-text failed-records">1 failed record</span>');
  });
});
