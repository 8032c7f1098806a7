/**
 * The issue-10 scenario, written through the record API: two runs of a 30-record sweep. The second
 * changes one arg (`lr`) of every record; accuracy gets better and latency worse, per record and
 * run-level. Everything else (stages, representations, the loss series, the reportables) is equal.
 */
import path from "node:path";
import { aggregate, ArtifactManager, JsonReportable, Record, stage } from "../../src/record/index.js";

/** Records in the sweep. */
export const SWEEP_SIZE = 30;

/** Runs the sweep once into `<root>/runs`; `second` is the changed run. Returns the run folder. */
export async function runSweep(root: string, second: boolean): Promise<string> {
  let tick = Date.UTC(2026, 10, 30, second ? 11 : 10, 0, 0);
  const manager = new ArtifactManager("sweep", {
    root,
    clock: () => new Date((tick += 1000)),
    utc: true,
    hostname: "ci",
    git: { commit: "abc123", dirty: false },
    cli: "node sweep.js",
    log: false,
  });
  const train = stage({ name: "train", outputs: ["model"] }, (record) => {
    const i = Number(String(record.args?.name).slice(1));
    record.logMetric("accuracy", 0.5 + i / 100 + (second ? 0.05 : 0));
    record.logMetric("latency_ms", 10 + i + (second ? 2 : 0));
    for (let step = 0; step < 5; step++) record.logMetric("loss", 1 / (step + 1), { step });
    record.report(new JsonReportable({ depth: 3 }, { name: "config" }));
    return { model: { depth: 3 } };
  });
  const summarize = aggregate({ name: "summarize", inputs: ["model"], outputs: ["n"] }, (record, { model }) => {
    record.logMetric("mean_accuracy", 0.645 + (second ? 0.05 : 0));
    return { n: model.size };
  });
  const dir = await manager.run(async () => {
    const records: Record[] = [];
    for (let i = 0; i < SWEEP_SIZE; i++)
      records.push(await train(new Record(manager, { name: `m${i}`, lr: (second ? 0.02 : 0.01) * (i + 1), depth: 3 })));
    await summarize(new Record(manager, null), records);
    manager.logMetric("p95_latency_ms", 38 + (second ? 2 : 0));
  });
  return path.resolve(dir);
}
