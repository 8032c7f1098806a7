/**
 * Verdicts a reviewer can trust (issue 21 points 1, 2, 5, 6, 7, 8, 19; issue 20.9; issue 23.9):
 * goals are declared or guessed from a well-known word, never silently assumed; float noise is
 * "same"; derived metrics only stand in for logged ones; comparisons lead with a per-metric
 * headline; shared args changes are listed once; line plots overlay; odd comparisons say so.
 */
import { describe, expect, it } from "vitest";
import { RunContext } from "../../../src/render/context.js";
import { historyOfEntries } from "../../../src/render/history/merge.js";
import type { MetricValue, Run } from "../../../src/run/model.js";
import { compareRuns } from "../../../src/render/compare/compare.js";
import { comparisonMarkdown } from "../../../src/render/compare/compareMarkdown.js";
import { renderComparePage } from "../../../src/render/views/comparePage.js";
import { collectMetrics } from "../../../src/render/facts/metrics.js";
import { judgeMetric, wellKnownGoal } from "../../../src/render/facts/metricGoals.js";
import { factsFromJson, factsToJson, runFacts } from "../../../src/render/facts/runFacts.js";
import { projectDeclarationsFromText } from "../../../src/render/formats/projectConfig.js";
import { renderSummary } from "../../../src/render/summary/summary.js";
import { buildResultsSection } from "../../../src/render/views/results.js";
import { runInfoEntry } from "../helpers/runInfo.js";
import { buildTrends } from "../../../src/render/views/trends.js";
import { json } from "../pages/make.js";
import { RunBuilder } from "../helpers/runs.js";
import { sweepRun } from "./sweep.js";

/** `run` with record i's metrics replaced by `metrics(i)` (and the run's by `runLevel`). */
function withMetrics(run: Run, metrics: (i: number) => Record<string, MetricValue>, extra: Partial<Run> = {}): Run {
  return { ...run, records: run.records.map((r, i) => ({ ...r, metrics: metrics(i) })), ...extra };
}

const second = { reference: "sweep_2_2026-11-30-T130000", runNumber: 2, timestamp: "2026-11-30-T130000" };

/** Two runs of 4 records logging `final_val`, a loss by meaning, which run 2 lowers in every record. */
function finalValRuns(extra: Partial<Run> = {}): [Run, Run] {
  const a = withMetrics(sweepRun({ n: 4 }), (i) => ({ final_val: 0.5 + i / 10 }), extra);
  const b = withMetrics(sweepRun({ n: 4, info: second }), (i) => ({ final_val: 0.4 + i / 10 }), extra);
  return [a, b];
}

describe("goals (21.1)", () => {
  it("guesses only from whole well-known words, and says nothing of other names", () => {
    expect(wellKnownGoal("val_loss")).toBe("min");
    expect(wellKnownGoal("top1Acc")).toBe("max");
    expect(wellKnownGoal("final_val")).toBeNull();
    expect(wellKnownGoal("glossary")).toBeNull(); // not the word "loss"
    expect(judgeMetric("final_val", []).source).toBe("unknown");
  });

  it("never calls a change of a metric with an unknown goal better or worse, and says how to declare one", () => {
    const md = comparisonMarkdown(compareRuns(finalValRuns()));
    expect(md).toContain("| `final_val` ? | — | 4 changed | -0.1 |");
    expect(md).not.toMatch(/\d (better|worse)\b|\) (better|worse)\b/);
    expect(md).toContain("No goal known for final\\_val");
    expect(md).toContain("Declare goals with logMetric");
  });

  it("gives no star to any record of a metric with an unknown goal, and stars the best once declared", () => {
    const [run] = finalValRuns();
    const target = () => ({ path: "index.html", anchor: null });
    const unknown = buildResultsSection(new RunContext(run), target).view;
    expect(unknown?.table?.columns.find((c) => c.label === "final_val")?.goal).toBeNull();
    expect(JSON.stringify(unknown?.table?.rows)).not.toContain('"best":true');
    const declared = buildResultsSection(new RunContext({ ...run, metricGoals: { final_val: "min" } }), target).view;
    expect(declared?.caption).toContain("sorted by final_val, lowest first");
  });

  it("judges by a declared goal: the run's, else the project file's, else the name", () => {
    const project = projectDeclarationsFromText(
      JSON.stringify({ config_version: 1, metrics: { goals: { "final_*": "min", accuracy: "min" } } }),
      "curi-report.config.json",
    );
    const [a, b] = finalValRuns();
    expect(comparisonMarkdown(compareRuns([a, b], { project }))).toContain(
      "| `final_val` ↓ (primary) | — | 4 better |",
    );
    // The run's own declaration wins over the project file.
    const own = { metricGoals: { final_val: "max" as const } };
    const [c, d] = finalValRuns(own);
    expect(comparisonMarkdown(compareRuns([c, d], { project }))).toContain("| `final_val` ↑ (primary) | — | 4 worse |");
    // The project file wins over the name: accuracy declared lower-is-better.
    expect(collectMetrics(sweepRun({ n: 2 }), project).judgements.get("accuracy")).toMatchObject({
      goal: "min",
      source: "declared",
    });
  });

  it("keeps a goal's source through results.json, and reads facts of version 1", () => {
    const [run] = finalValRuns({ metricGoals: { final_val: "min" } });
    const back = factsFromJson(JSON.parse(JSON.stringify(factsToJson(runFacts(run)))), "results.json");
    expect(back.judgements.get("final_val")).toEqual({ goal: "min", source: "declared", tolerance: null });
    const v1 = { ...factsToJson(runFacts(run)), facts_version: 1, goals: { final_val: "max", loss: "min" } };
    delete (v1 as { metric_goals?: unknown }).metric_goals;
    delete (v1 as { primary_metric?: unknown }).primary_metric;
    const old = factsFromJson(v1, "results.json");
    // Version 1 called every unknown name higher-is-better: that guess is not kept.
    expect(old.judgements.get("final_val")?.source).toBe("unknown");
    expect(old.judgements.get("loss")?.source).toBe("guessed");
  });
});

describe("tolerance (21.2)", () => {
  it("calls float noise the same, and a change within a declared tolerance within noise", () => {
    const base = withMetrics(sweepRun({ n: 1 }), () => ({}), { metrics: { val_loss: 0.16614, loss_b: 1 } });
    const noisy = withMetrics(sweepRun({ n: 1, info: second }), () => ({}), {
      metrics: { val_loss: 0.16614 - 1.832e-15, loss_b: 1.004 },
    });
    const md = comparisonMarkdown(compareRuns([base, noisy]));
    expect(md).toContain("| `val_loss` ↓ | 0.16614 | — | — | — |");
    expect(md).toContain("| `loss_b` ↓ | 1 → 1.004 \\(\\+0.004\\), worse |");
    const tolerant = { ...noisy, metricTolerances: { loss_b: { rel: 0.01 } } };
    expect(comparisonMarkdown(compareRuns([base, tolerant]))).toContain("1 → 1.004 \\(\\+0.004\\), within noise");
  });
});

describe("derived metrics (21.5, 20.9)", () => {
  it("are not made for a run that logs metrics", () => {
    const run = { ...sweepRun({ n: 2 }), reportables: [json("agg_scores", 1, null, { m0: 0.9, m1: 0.8 })] };
    const m = collectMetrics(run);
    expect([...m.runLevel.keys()]).toEqual([]);
    expect(m.recordNames).toEqual(["accuracy", "loss"]);
  });

  it("give an aggregate's score dictionary a record scope, not run metrics named after args sets", () => {
    const plain = withMetrics(sweepRun({ n: 3 }), () => ({}));
    const run = { ...plain, reportables: [json("scores", 2, null, { m0: 0.9, m1: 0.8 })] };
    // Record 2 of sweepRun becomes the aggregate of the other two.
    const agg = {
      ...run,
      records: run.records.map((r, i) => (i === 2 ? { ...r, isAggregate: true, argsName: null, argsHash: null } : r)),
    };
    const m = collectMetrics(agg);
    expect([...m.runLevel.keys()]).toEqual([]);
    expect(m.perRecord.get(0)?.get("scores")?.value).toBe(0.9);
  });
});

describe("metric names from input are keys (23.9)", () => {
  it("keep the goal of a metric named __proto__ in a comparison, so its regression is called worse", () => {
    const goals = JSON.parse('{"__proto__": "min"}') as Record<string, "min">;
    const a = withMetrics(sweepRun({ n: 1 }), () => ({}), {
      metrics: JSON.parse('{"__proto__": 1}'),
      metricGoals: goals,
    });
    const b = withMetrics(sweepRun({ n: 1, info: second }), () => ({}), {
      metrics: JSON.parse('{"__proto__": 2}'),
      metricGoals: goals,
    });
    const md = comparisonMarkdown(compareRuns([a, b]));
    expect(md).toContain("| `__proto__` ↓ | 1 → 2 \\(\\+1\\), worse |");
    expect(renderSummary(b, { base: runFacts(a) }).markdown).toContain("1 → 2 \\(\\+1\\), worse");
  });
});

describe("the headline of a comparison (21.6, 21.7, 21.19)", () => {
  const a = sweepRun({ n: 24, accuracy: () => 0.5, runMetrics: { best_val_loss: 0.2 } });
  const b = sweepRun({
    n: 24,
    info: second,
    accuracy: (i) => (i < 20 ? 0.6 : 0.2),
    runMetrics: { best_val_loss: 0.2 },
  });

  it("counts records per metric, gives the median change and biggest movers, and shows an unchanged headline metric", () => {
    const md = comparisonMarkdown(compareRuns([a, b]));
    expect(md).toContain("| `accuracy` ↑ (primary) | — | 20 better, 4 worse | \\+0.1 | m20 -0.3, m21 -0.3, m22 -0.3 |");
    expect(md).toContain("| `best_val_loss` ↓ | 0.2 | — | — | — |");
    expect(md).toContain("<details><summary>Every changed value, per record (24)</summary>");
  });

  it("lists a change every args set shares once", () => {
    const lr = (x: Run, f: number): Run => ({
      ...x,
      args: x.args.map((s) => ({ ...s, hash: `${s.hash}-${f}`, values: { ...s.values, epochs: 25 * f } })),
    });
    const md = comparisonMarkdown(compareRuns([lr(a, 1), lr(a, 1.2)]));
    expect(md).toContain("- all 24 args sets: `epochs` `25` → `30`");
    expect(md.match(/epochs/g)).toHaveLength(1);
  });

  it("says so when the runs are of different experiments, or a run is compared with itself", () => {
    const other = sweepRun({ n: 2, info: { ...second, experimentName: "other" } });
    expect(comparisonMarkdown(compareRuns([a, other]))).toContain("> These runs are of different experiments");
    expect(comparisonMarkdown(compareRuns([a, a]))).toContain("is compared with itself");
  });
});

describe("line plots in a comparison (21.8)", () => {
  it("draws both runs' series on one set of axes", () => {
    const plot = (ys: number[]) => ({
      qualifiedName: "curve",
      name: "curve",
      group: null,
      record: 0,
      stage: "train",
      files: [],
      kind: "lineplot" as const,
      plot: {
        title: "loss",
        xLabel: "step",
        yLabel: "loss",
        series: [{ name: "train", x: null, y: ys, marker: null, linestyle: null }],
      },
    });
    const a = { ...sweepRun({ n: 1 }), reportables: [plot([12, 9, 6])] } as Run;
    const b = { ...sweepRun({ n: 1, info: second }), reportables: [plot([8, 6, 4])] } as Run;
    const html = renderComparePage(compareRuns([a, b]), {
      version: "t",
      pagePath: "compare/a--b/index.html",
      reportFolder: () => null,
      style: "assets/style.css",
      script: "assets/report.js",
      indexPath: "index.html",
    });
    const figure = html.slice(
      html.indexOf('class="lineplot compare-overlay"'),
      html.indexOf("</figure>", html.indexOf("compare-overlay")),
    );
    expect(figure.match(/<svg/g)).toHaveLength(1);
    expect(figure).toContain("base #1: train");
    expect(figure).toContain("#2: train");
  });
});

describe("trends (21.1, 23.9)", () => {
  /** A run_info.json of run `n` with `metrics` and `goals` as parsed from JSON (own `__proto__` keys). */
  const entry = (n: number, metrics: string, goals: string) =>
    runInfoEntry(n, {
      metrics: JSON.parse(metrics) as object,
      metric_goals: JSON.parse(goals) as object,
      args_summary: {},
    });

  it("keep a metric named __proto__ with its goal, and mark no best of a metric whose goal is unknown", () => {
    const runs = [
      entry(1, '{"__proto__": 2, "final_val": 0.5}', '{"__proto__": "min"}'),
      entry(2, '{"__proto__": 1, "final_val": 0.4}', '{"__proto__": "min"}'),
    ];
    const t = buildTrends("x", historyOfEntries(runs).runs, new Set(), "index.html");
    expect(t.columns.map((c) => [c.label, c.goal])).toEqual([
      ["__proto__", "min"],
      ["final_val", null],
    ]);
    expect(t.rows.map((r) => r.cells.map((c) => `${c.text}${c.best ? "*" : ""}`))).toEqual([
      ["1*", "0.4"],
      ["2", "0.5"],
    ]);
  });
});

describe("the summary's reasons (21.9)", () => {
  it("blames a folded DAG on readability, not on GitHub's size limit, when the text is far below it", () => {
    const b = new RunBuilder();
    for (let r = 0; r < 10; r++) {
      const record = b.record(`r${r}`);
      for (const step of ["a", "b", "c"]) b.stage(record, `s${r}_${step}`, { outputs: ["x", "y"] });
    }
    const summary = renderSummary(b.build());
    expect(summary.dag).toBe("collapsed");
    expect(summary.markdown.length).toBeLessThan(20_000);
    expect(summary.markdown).not.toContain("Shortened to fit");
    expect(summary.markdown).toContain("To stay readable, the stage DAG shows one box per pipeline.");
  });

  it("names the budget it shortened for", () => {
    const run = sweepRun({ n: 30 });
    expect(renderSummary(run, { maxLength: 1500 }).markdown).toContain(
      "Shortened to fit the --max-chars budget of 1,500 characters",
    );
  });
});
