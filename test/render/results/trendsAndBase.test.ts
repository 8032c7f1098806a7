import { describe, expect, it } from "vitest";
import { indexEntryFromRunInfo, renderIndex } from "../../../src/render/views/indexPage.js";
import { factsFromJson, factsToJson, runFacts } from "../../../src/render/facts/runFacts.js";
import { renderSummary } from "../../../src/render/summary/summary.js";
import { buildTrends } from "../../../src/render/views/trends.js";
import { historyOfEntries } from "../../../src/render/history/merge.js";
import { runInfoEntry } from "../helpers/runInfo.js";
import { json } from "../pages/make.js";
import { pageProblems } from "../pages/pageCheck.js";
import { sweepRun } from "./sweep.js";

/** A run_info.json of run `n` of experiment `x` with run-level metrics and args values. */
function entry(
  n: number,
  metrics: Record<string, unknown>,
  args: Record<string, string[]>,
  extra: Record<string, unknown> = {},
) {
  return runInfoEntry(n, { metrics, metric_goals: { loss: "min" }, args_summary: args, ...extra });
}

const RUNS = [
  entry(1, { acc: 0.5, loss: 2 }, { lr: ["0.1"], seed: ["1"] }),
  entry(2, { acc: 0.7, loss: 1 }, { lr: ["0.2"], seed: ["1"] }),
  entry(
    3,
    { acc: { $float: "NaN" }, loss: 3 },
    { lr: ["0.2", "0.3"], seed: ["1"] },
    { status: "error", error: "E - x" },
  ),
];

describe("trends of an experiment", () => {
  it("has a runs table, newest first, with the changed args, run-level metrics, the best marked, and links to existing comparisons", () => {
    const t = buildTrends(
      "exp-0",
      historyOfEntries(RUNS).runs,
      new Set(["x_1_2026-11-01-T120000--x_2_2026-11-02-T120000"]),
      "index.html",
    );
    expect(t.columns.map((c) => c.label)).toEqual(["lr", "acc", "loss"]);
    expect(
      t.rows.map((r) => [r.label, r.status.label, ...r.cells.map((c) => `${c.text}${c.best ? "*" : ""}`)]),
    ).toEqual([
      ["#3", "ERROR", "0.2, 0.3", "NaN", "3"],
      ["#2", "COMPLETE", "0.2", "0.7*", "1*"],
      ["#1", "COMPLETE", "0.1", "0.5", "2"],
    ]);
    expect(t.rows.map((r) => r.previousHref)).toEqual([
      null,
      "compare/x_1_2026-11-01-T120000--x_2_2026-11-02-T120000/index.html",
      null,
    ]);
    expect(t.plots).toHaveLength(2);
    expect(t.plots[0]).toContain("<svg");
  });

  it("renders into a sound index page listing the comparisons", () => {
    const files = renderIndex(RUNS, [], {
      version: "1",
      comparisons: ["x_1_2026-11-01-T120000--x_2_2026-11-02-T120000"],
    });
    const html = String(files.find((f) => f.path === "index.html")?.content);
    expect(pageProblems(html)).toEqual([]);
    expect(html).toContain('<table class="trends-table"');
    expect(html).toContain(
      '<a href="compare/x_1_2026-11-01-T120000--x_2_2026-11-02-T120000/index.html"><bdi>x_1_2026-11-01-T120000 vs x_2_2026-11-02-T120000</bdi></a>',
    );
  });

  it("reads run_info.json of older reports (no metrics) without problems", () => {
    const e = indexEntryFromRunInfo(
      {
        reference: "r",
        experiment_name: "x",
        run_number: 1,
        timestamp: "t",
        commit: "",
        workdir_dirty: false,
        params: {},
        full_store: false,
        status: "complete",
        cli: "",
        hostname: "",
      },
      "r",
    );
    expect([e.metrics, e.args_summary, e.problems]).toEqual([{}, {}, []]);
  });
});

describe("summary with a base", () => {
  const base = sweepRun({ n: 3, runMetrics: { mean: 0.5 } });
  const run = sweepRun({
    n: 3,
    info: { reference: "sweep_2_x" },
    lr: (i) => 0.05 * (i + 1),
    accuracy: () => 0.1,
    runMetrics: { mean: 0.4 },
  });

  it("round-trips facts through JSON (NaN included) and names the JSON pointer of a defect", () => {
    const facts = runFacts({ ...base, metrics: { odd: Number.NaN } });
    const back = factsFromJson(JSON.parse(JSON.stringify(factsToJson(facts))), "latest.json");
    expect(back.runMetrics.odd).toBeNaN();
    expect(back.recordMetrics).toEqual(facts.recordMetrics);
    expect(() => factsFromJson({ ...factsToJson(facts), run_metrics: { a: "x" } }, "latest.json")).toThrow(
      "latest.json/run_metrics/a: expected a number",
    );
  });

  it("leads with the metric deltas, then the changed args, then failed stages with their errors", () => {
    const failing = {
      ...run,
      records: run.records.map((r, i) =>
        i === 1
          ? { ...r, stageInfo: [{ durationMs: 1, cached: false, error: "ValueError - boom", traceback: null }] }
          : r,
      ),
    };
    const md = renderSummary(failing, { base: runFacts(base) }).markdown;
    const sections = [...md.matchAll(/^### (.*)$/gm)].map((m) => m[1]);
    expect(sections.slice(0, 3)).toEqual([
      "Metrics vs base `sweep_1_2026-11-30-T120000`",
      "Args changed since the base",
      "Failed stages",
    ]);
    // `mean` has no well-known word and no declared goal: its change is shown, never judged.
    expect(md).toContain("| run | `mean` ? | 0.5 | 0.4 \\(-0.1\\) changed |");
    expect(md).toContain("| ❌ Record 1 \\(m1\\) | `train` | `ValueError - boom` |");
  });

  it("lists aggregate records' results before per-record ones", () => {
    const withAgg = {
      ...base,
      records: [
        ...base.records,
        {
          ...base.records[0]!,
          index: 3,
          name: "Record 3 (None)",
          argsName: null,
          argsHash: null,
          isAggregate: true,
          metrics: {},
        },
      ],
      reportables: [json("per_record", 0, null, { a: "x" }), json("leaderboard", 3, null, { b: "y" })],
    };
    const md = renderSummary(withAgg).markdown;
    expect(md.indexOf("`leaderboard`")).toBeGreaterThan(-1);
    expect(md.indexOf("`leaderboard`")).toBeLessThan(md.indexOf("`per_record`"));
  });
});
