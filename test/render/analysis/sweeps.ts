/**
 * Synthetic sweeps whose truth is known, as validated `Run` models (no run.json, no runtime), for
 * the sweep analysis tests: each record's args and metrics are given, so a test knows which args
 * matter, by how much, and where the seed noise lies.
 */
import { mulberry32 } from "../../../src/render/analysis/random.js";
import type { ArgsSet, JsonValue, MetricGoal, Run, RunRecord } from "../../../src/run/model.js";
import { RunBuilder } from "../helpers/runs.js";

/** One record of a sweep: its args (a `name` is added) and its metrics. */
export interface SweepRow {
  readonly args: Readonly<Record<string, JsonValue>>;
  readonly metrics: Readonly<Record<string, number>>;
}

/** A run with one `train` record per row, each with its own args set; `goals` are the run's declared metric goals. */
export function runOf(rows: readonly SweepRow[], goals: Readonly<Record<string, MetricGoal>> = {}): Run {
  const b = new RunBuilder({ reference: "sweep_1_2026-11-30-T120000", experimentName: "sweep" });
  for (let i = 0; i < rows.length; i++) b.stage(b.record(`r${i}`), "train", { outputs: ["model"] });
  const base = b.build();
  const args: ArgsSet[] = [];
  const records: RunRecord[] = base.records.map((r, i) => {
    const row = rows[i] as SweepRow;
    args.push({ name: `r${i}`, hash: `hash${i}`, values: { name: `r${i}`, ...row.args }, ignored: [], reprs: {} });
    return { ...r, argsHash: `hash${i}`, metrics: { ...row.metrics } };
  });
  return { ...base, schemaVersion: 2, args, records, metricGoals: goals };
}

/** A normal deviate from a seeded generator (Box–Muller), so noise is the same on every run. */
export function gaussian(seed: number): () => number {
  const random = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** The learning rates of the truth sweep: four decades. */
export const LRS = [1e-4, 1e-3, 1e-2, 1e-1];
/** Weight decays of the truth sweep. */
export const WDS = [0, 5e-4, 1e-3];
/** Batch sizes of the truth sweep (no effect at all). */
export const BATCHES = [16, 32, 64];

/**
 * The known-truth sweep: accuracy peaks at lr = 1e-2 and falls by 0.1 per decade away (strong), falls by
 * 20 × wd (weak: at most 0.02), ignores batch, and has seed noise of standard deviation `noise`; loss
 * (lower is better) is 1 − accuracy plus its own noise. Every configuration runs with `seeds` seeds.
 */
export function truthSweep(
  options: { readonly seeds?: number; readonly noise?: number; readonly seedArg?: string } = {},
): Run {
  const seeds = options.seeds ?? 5;
  const noise = options.noise ?? 0.004;
  const draw = gaussian(42);
  const rows: SweepRow[] = [];
  for (const lr of LRS) {
    for (const wd of WDS) {
      for (const batch of BATCHES) {
        for (let seed = 0; seed < seeds; seed++) {
          const accuracy = 0.9 - 0.1 * Math.abs(Math.log10(lr) + 2) - 20 * wd + noise * draw();
          const loss = 1 - accuracy + noise * draw();
          rows.push({ args: { lr, wd, batch, [options.seedArg ?? "seed"]: seed }, metrics: { accuracy, loss } });
        }
      }
    }
  }
  return runOf(rows);
}
