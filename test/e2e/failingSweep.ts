/**
 * A sweep written through the TypeScript record API in which one record's stage throws: every
 * record is tried (the sweep catches each record's error and goes on), then the run itself fails
 * with the first error, as a script that wants a red run would. Record `m<FAILING>` raises in
 * `train` after logging part of its loss series; the others log accuracy and a loss series.
 */
import path from "node:path";
import { ArtifactManager, Record, stage } from "../../src/record/index.js";

/** The record whose stage throws. */
export const FAILING = 7;

/** Runs a sweep of `n` records into `<root>/runs`; returns the run folder. */
export async function runFailingSweep(root: string, n: number): Promise<string> {
  let tick = Date.UTC(2026, 11, 1, 9, 0, 0);
  const manager = new ArtifactManager("failsweep", {
    root,
    clock: () => new Date((tick += 1000)),
    utc: true,
    hostname: "ci",
    git: { commit: "abc123", dirty: false },
    cli: "node failsweep.js",
    log: false,
  });
  const train = stage({ name: "train", outputs: ["model"] }, (record) => {
    const i = Number(String(record.args?.name).slice(1));
    for (let step = 0; step < 6; step++) record.logMetric("loss", 2 / (step + 1) - i / (10 * n), { step });
    if (i === FAILING) throw new RangeError(`diverged at lr ${String(record.args?.lr)}`);
    // Accuracy grows with i, so the best records are the last ones and m0 is the worst.
    record.logMetric("accuracy", 0.5 + i / (2 * n));
    return { model: { i } };
  });
  let failure: unknown = null;
  const dir = await manager
    .run(async () => {
      for (let i = 0; i < n; i++) {
        try {
          await train(new Record(manager, { name: `m${i}`, lr: 0.001 * (i + 1), seed: 1 }));
        } catch (error) {
          failure ??= error;
        }
      }
      if (failure !== null) throw failure;
    })
    .catch((error: unknown) => {
      if (error !== failure) throw error;
      return manager.runDir;
    });
  return path.resolve(dir);
}
