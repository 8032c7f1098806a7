import { describe, expect, it } from "vitest";
import { analyseSweep } from "../../../src/render/analysis/analyse.js";
import type { MetricAnalysis, SweepAnalysis } from "../../../src/render/analysis/model.js";
import { looksLikeSeed } from "../../../src/render/analysis/sweepTable.js";
import { gaussian, LRS, runOf, truthSweep, type SweepRow } from "./sweeps.js";

/** The analysis, which must exist. */
function analyse(...args: Parameters<typeof analyseSweep>): SweepAnalysis {
  const a = analyseSweep(...args);
  if (a === null) throw new Error("expected an analysis");
  return a;
}

/** A metric's analysis by name. */
function metric(a: SweepAnalysis, name: string): MetricAnalysis {
  const m = a.metrics.find((x) => x.name === name);
  if (m === undefined) throw new Error(`no metric ${name}`);
  return m;
}

/** `score` has no well-known word, so the runs that use it declare its goal (higher is better). */
const SCORE_MAX = { score: "max" } as const;

/**
 * Two configurations (a = 1 and a = 2), five seeds each, whose means are exactly `gap` apart and whose
 * seeds spread by `spread` × (−2, −1, 0, 1, 2) in a different order for each: the truth is exact, not drawn.
 */
function twoConfigs(gap: number, spread: number): SweepRow[] {
  const offsets = { 1: [-2, -1, 0, 1, 2], 2: [1, -2, 2, 0, -1] };
  return ([1, 2] as const).flatMap((a) =>
    offsets[a].map((o, seed) => ({ args: { a, seed }, metrics: { score: 0.9 + (a === 2 ? gap : 0) + spread * o } })),
  );
}

describe("a sweep whose truth is known: strong lr, weak wd, no batch, seed noise", () => {
  const a = analyse(truthSweep());

  it("ranks lr first, wd second and batch last for both metrics, and says batch explains almost nothing", () => {
    for (const name of ["accuracy", "loss"]) {
      const ranking = metric(a, name).importance.ranking;
      expect(ranking.map((r) => r.arg)).toEqual(["lr", "wd", "batch"]);
      expect(ranking[0]?.share).toBeGreaterThan(0.8);
      expect(ranking[2]?.share).toBeLessThan(0.01);
    }
  });

  it("sets Spearman's rho beside each numeric arg: negative for wd on accuracy, near zero for batch", () => {
    const ranking = metric(a, "accuracy").importance.ranking;
    expect(ranking.every((r) => r.correlation?.kind === "spearman")).toBe(true);
    expect(ranking.find((r) => r.arg === "wd")?.correlation?.value).toBeLessThan(-0.2);
    expect(Math.abs(ranking.find((r) => r.arg === "batch")?.correlation?.value ?? 1)).toBeLessThan(0.1);
  });

  it("finds the seeds by name and groups the repetitions: 36 configurations of 5", () => {
    expect(a.seeds).toEqual(["seed"]);
    expect(a.args.map((x) => x.name)).toEqual(["lr", "wd", "batch"]);
    expect(a.grouping).toEqual({ by: ["seed"], source: "names", groups: 36, smallest: 5, largest: 5 });
    const groups = metric(a, "accuracy").groups;
    expect(groups?.total).toBe(36);
    expect(groups?.groups[0]?.n).toBe(5);
    expect(groups?.groups[0]?.args.map((x) => x.name)).toEqual(["lr", "wd", "batch"]);
  });

  it("puts the winner at lr = 0.01, wd = 0, and a batch choice that is not significant (batch has no effect)", () => {
    expect(a.best.kind).toBe("group");
    const args = Object.fromEntries(a.best.args.map((x) => [x.name, x.value]));
    expect(args).toMatchObject({ lr: "0.01", wd: "0" });
    expect(a.best.verdict?.significant).toBe(false);
    expect(a.best.records).toHaveLength(5);
  });

  it("chooses a log axis for lr (four decades) and linear ones for wd and batch, integer for batch", () => {
    const [lr, wd, batch] = a.args;
    expect(lr?.scale).toBe("log");
    expect(wd?.scale).toBe("linear");
    expect(batch).toMatchObject({ scale: "linear", integer: true });
  });

  it("draws a heat map over lr and wd, the two most important args", () => {
    const heat = metric(a, "accuracy").heatmap;
    expect([heat?.x, heat?.y]).toEqual(["lr", "wd"]);
    expect(heat?.cells).toHaveLength(12);
    expect(heat?.cells.every((c) => c.n === 15)).toBe(true);
  });

  it("respects goals: loss (lower is better) has its best record lowest and its groups ascending", () => {
    const loss = metric(a, "loss");
    expect(loss.goal).toBe("min");
    const lowest = Math.min(...loss.slices[0]!.points.map((p) => p.y));
    expect(loss.top[0]?.value).toBe(lowest);
    const means = loss.groups?.groups.map((g) => g.mean) ?? [];
    expect(means).toEqual([...means].sort((x, y) => x - y));
    const acc = metric(a, "accuracy").groups?.groups.map((g) => g.mean) ?? [];
    expect(acc).toEqual([...acc].sort((x, y) => y - x));
  });

  it("gives the same analysis for the same run", () => {
    expect(analyse(truthSweep())).toEqual(a);
  });
});

describe("is the winner real or seed noise", () => {
  it("flags a winner whose margin is inside the seed spread as not significant", () => {
    const a = analyse(runOf(twoConfigs(0.001, 0.01), SCORE_MAX));
    expect(a.best.verdict?.significant).toBe(false);
    expect(a.best.verdict?.p).toBeGreaterThan(0.05);
    expect(a.best.verdict?.margin).toBeCloseTo(0.001, 9);
    // Both sides spread by 0.01 × std(−2…2) = 0.0158; the margin's standard error is that × √(2/5).
    expect(a.best.verdict?.se).toBeCloseTo(0.01 * Math.sqrt(2.5) * Math.sqrt(2 / 5), 9);
  });

  it("calls a margin far beyond the spread significant", () => {
    const a = analyse(runOf(twoConfigs(0.05, 0.002), SCORE_MAX));
    expect(a.best.verdict?.significant).toBe(true);
    expect(a.best.verdict?.p).toBeLessThan(0.001);
    expect(a.best.args).toEqual([{ name: "a", value: "2" }]);
    expect(a.best.verdict?.margin).toBeCloseTo(0.05, 2);
  });

  it("groups by the args the user names, instead of by name", () => {
    const rows = twoConfigs(0.05, 0.002).map((r) => ({
      args: { a: r.args.a ?? null, replica_id: r.args.seed ?? null },
      metrics: r.metrics,
    }));
    expect(analyse(runOf(rows, SCORE_MAX)).grouping).toBeNull();
    const hinted = analyse(runOf(rows, SCORE_MAX), undefined, { groupBy: ["replica_id"] });
    expect(hinted.grouping).toMatchObject({ by: ["replica_id"], source: "hint", groups: 2 });
  });

  it("ranks single records when nothing is repeated, with no test", () => {
    const rows = LRS.map((lr, i) => ({ args: { lr }, metrics: { accuracy: 0.5 + i / 10 } }));
    const a = analyse(runOf(rows));
    expect(a.grouping).toBeNull();
    expect(a.best).toMatchObject({ kind: "record", records: [3], verdict: null });
    expect(metric(a, "accuracy").groups).toBeNull();
  });
});

describe("categorical args and names that look like seeds", () => {
  it("treats strings as categories with a box each and eta squared beside the importance", () => {
    const draw = gaussian(5);
    const rows = Array.from({ length: 60 }, (_, i) => ({
      args: { optimizer: ["adam", "sgd", "lion"][i % 3] as string, seed: Math.floor(i / 3) },
      metrics: { loss: [0.3, 0.5, 0.4][i % 3]! + 0.01 * draw() },
    }));
    const a = analyse(runOf(rows));
    expect(a.args[0]).toMatchObject({
      name: "optimizer",
      kind: "categorical",
      scale: "band",
      levels: ["adam", "lion", "sgd"],
    });
    const loss = metric(a, "loss");
    expect(loss.slices[0]?.boxes.map((b) => b.x)).toEqual([0, 1, 2]);
    expect(loss.slices[0]?.boxes[0]?.median).toBeCloseTo(0.3, 1);
    expect(loss.importance.ranking[0]?.correlation?.kind).toBe("eta2");
    expect(loss.importance.ranking[0]?.correlation?.value).toBeGreaterThan(0.9);
    expect(a.best.args).toEqual([{ name: "optimizer", value: "adam" }]);
  });

  it("pools rare categories past the bound into one 'other' level", () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ args: { model: `m${i % 30}` }, metrics: { score: i } }));
    const arg = analyse(runOf(rows, SCORE_MAX)).args[0];
    expect(arg?.levels).toHaveLength(20);
    expect(arg?.levels[19]).toBe("other (11 values)");
    expect(arg).toMatchObject({ distinct: 30, pooled: 11 });
  });

  it("recognises seed and repetition names, and not settings", () => {
    for (const name of [
      "seed",
      "data_seed",
      "randomSeed",
      "random_state",
      "rng",
      "trial",
      "rep",
      "replicate",
      "run",
      "fold",
      "cfg.seed",
    ])
      expect(looksLikeSeed(name), name).toBe(true);
    for (const name of ["lr", "batch_size", "runs_per_epoch", "seedling_count", "num_trials", "representation"])
      expect(looksLikeSeed(name), name).toBe(false);
  });

  it("flattens nested args into dotted names", () => {
    const rows = LRS.map((lr, i) => ({ args: { optimizer: { lr, kind: "adam" } }, metrics: { score: i } }));
    expect(analyse(runOf(rows, SCORE_MAX)).args.map((x) => [x.name, x.scale])).toEqual([["optimizer.lr", "log"]]);
  });
});

describe("metrics whose goal is unknown", () => {
  /** Four records whose lr varies, with one metric per kind of goal: guessed, declared, unknown. */
  const rows = LRS.map((lr, i) => ({
    args: { lr },
    metrics: { val_accuracy: 0.5 + i / 10, quality: 4 - i, score: i * i },
  }));

  it("leaves a metric with no declared or well-known goal out, and names it as left out", () => {
    const a = analyse(runOf(rows, { quality: "min" }));
    expect(a.metrics.map((m) => [m.name, m.goal])).toEqual([
      ["val_accuracy", "max"],
      ["quality", "min"],
    ]);
    expect(a.metricsLeftOut).toEqual(["score"]);
    expect(a.parallel.axes.filter((x) => x.role === "metric").map((x) => x.name)).toEqual(["val_accuracy", "quality"]);
    expect(a.best.values.map((v) => v.metric)).toEqual(["val_accuracy", "quality"]);
    // The declared goal is followed: lower quality is better, so the last record (quality 1) leads.
    expect(metric(a, "quality").top.map((r) => r.value)).toEqual([1, 2, 3, 4]);
  });

  it("makes no analysis of a run whose only metric has an unknown goal, and one once its goal is declared", () => {
    const only = rows.map((r) => ({ args: r.args, metrics: { score: r.metrics.score } }));
    expect(analyseSweep(runOf(only))).toBeNull();
    const declared = analyse(runOf(only, { score: "min" }));
    expect(declared.metrics.map((m) => m.name)).toEqual(["score"]);
    expect(declared.best).toMatchObject({ kind: "record", records: [0] });
  });
});

describe("args as the run shows them (issue 20.1)", () => {
  it("takes a value's string form as its level and leaves fields out of the hash out of the args", () => {
    const shapes = [[8], [16, 8]];
    const base = runOf(
      LRS.map((lr, i) => ({ args: { lr, hidden: shapes[i % 2] ?? [], gpus: i }, metrics: { accuracy: 0.5 + i / 10 } })),
    );
    // As the Python exporter writes a tuple and a param left out of the hash.
    const args = base.args.map((a, i) => ({
      ...a,
      ignored: ["gpus"],
      reprs: { hidden: i % 2 === 0 ? "(8,)" : "(16, 8)" },
    }));
    const a = analyse({ ...base, args });
    expect(a.args.map((x) => x.name).sort()).toEqual(["hidden", "lr"]);
    expect([...(a.args.find((x) => x.name === "hidden")?.levels ?? [])].sort()).toEqual(["(16, 8)", "(8,)"]);
  });
});

describe("what is not a sweep, and bounds", () => {
  it("has no analysis without metrics, with one record, or when no arg varies", () => {
    expect(
      analyseSweep(
        runOf([
          { args: { lr: 1 }, metrics: {} },
          { args: { lr: 2 }, metrics: {} },
        ]),
      ),
    ).toBeNull();
    expect(analyseSweep(runOf([{ args: { lr: 1 }, metrics: { score: 1 } }], SCORE_MAX))).toBeNull();
    expect(
      analyseSweep(
        runOf(
          [
            { args: { lr: 1, seed: 1 }, metrics: { score: 1 } },
            { args: { lr: 1, seed: 2 }, metrics: { score: 2 } },
          ],
          SCORE_MAX,
        ),
      ),
    ).toBeNull();
  });

  it("thins points and lines past the bounds, keeps the best, and says how many there were", () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => ({
      args: { lr: 10 ** (-4 + (3 * i) / 3_000), wd: i % 7 },
      metrics: { score: (i * 7919) % 3_001 },
    }));
    const a = analyse(runOf(rows, SCORE_MAX), undefined, { maxPoints: 100, maxLines: 50 });
    const score = metric(a, "score");
    for (const slice of score.slices) {
      expect(slice.points).toHaveLength(100);
      expect(slice.total).toBe(3_000);
      expect(slice.points.some((p) => p.record === score.top[0]?.record)).toBe(true);
    }
    expect(a.parallel.lines).toHaveLength(50);
    expect(a.parallel.total).toBe(3_000);
    expect(a.parallel.lines.at(-1)?.record).toBe(score.top[0]?.record);
    expect(score.slices[0]?.meanKind).toBe("bin");
  });

  it("skips non-finite values of a metric and counts them as missing", () => {
    const rows = [1, 2, 3, 4].map((lr) => ({
      args: { lr },
      metrics: { score: lr === 2 ? Number.NaN : lr, other: lr },
    }));
    const m = metric(analyse(runOf(rows, { score: "max", other: "max" })), "score");
    expect(m).toMatchObject({ count: 3, missing: 1 });
    expect(m.top.map((r) => r.value)).toEqual([4, 3, 1]);
  });
});
