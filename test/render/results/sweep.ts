/** A sweep run model with logged metrics, for results-table, comparison and summary tests. */
import type { ArgsSet, Run, RunInfo } from "../../../src/run/model.js";
import { RunBuilder } from "../helpers/runs.js";

/** What each record logs: accuracy (higher better) and a loss series (lower better). */
export interface SweepOptions {
  readonly n: number;
  readonly info?: Partial<RunInfo>;
  /** Value of `lr` for record i. */
  readonly lr?: (i: number) => number;
  readonly accuracy?: (i: number) => number;
  readonly loss?: (i: number) => number;
  /** Run-level metrics. */
  readonly runMetrics?: Record<string, number>;
}

/** N records `m<i>` with args {name, lr, seed}, a train stage, accuracy and a 3-step loss series. */
export function sweepRun(o: SweepOptions): Run {
  const b = new RunBuilder({
    reference: "sweep_1_2026-11-30-T120000",
    experimentName: "sweep",
    runNumber: 1,
    timestamp: "2026-11-30-T120000",
    ...o.info,
  });
  for (let i = 0; i < o.n; i++) {
    const r = b.record(`m${i}`);
    b.stage(r, "train", { outputs: ["model"] });
  }
  const base = b.build();
  const lr = o.lr ?? ((i: number) => 0.01 * (i + 1));
  const acc = o.accuracy ?? ((i: number) => 0.5 + i / (2 * o.n));
  const loss = o.loss ?? ((i: number) => 1 - i / o.n);
  const args: ArgsSet[] = [];
  const records = base.records.map((r, i) => {
    const hash = `h${i}-${lr(i)}`;
    args.push({ name: `m${i}`, hash, values: { name: `m${i}`, lr: lr(i), seed: 1 }, ignored: [], reprs: {} });
    const l = loss(i);
    return {
      ...r,
      argsHash: hash,
      metrics: {
        accuracy: acc(i),
        loss: [
          { step: 0, value: l + 1 },
          { step: 1, value: l + 0.5 },
          { step: 2, value: l },
        ],
      },
    };
  });
  return { ...base, args, records, metrics: o.runMetrics ?? {} };
}
