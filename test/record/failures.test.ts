/**
 * A stage that throws is recorded where it happened (issue 21, point 3): the record's stage_info
 * carries the error and its traceback, and run_info the run's traceback, as the Python exporter
 * writes them, so every page can say which record and stage failed.
 */
import { describe, expect, it } from "vitest";
import { ArtifactManager, Record, stage, tracebackOf } from "../../src/record/index.js";
import { readRun } from "../../src/run/read.js";
import { readWire, stableOptions, tempRoot } from "./helpers.js";

class ModelDiverged extends Error {}

function trainOrThrow(limit: number) {
  return stage({ name: "train", inputs: [], outputs: ["model"] }, function trainModel(record) {
    const lr = Number(record.args?.lr);
    if (lr > limit) throw new ModelDiverged(`loss became NaN at lr=${lr}`);
    return { model: { lr } };
  });
}

async function failingRun(root: string): Promise<string> {
  const manager = new ArtifactManager("sweep", stableOptions(root));
  const train = trainOrThrow(0.5);
  let runDir = "";
  await manager
    .run(async () => {
      const sets = manager.registerArgs([
        { name: "slow", lr: 0.1 },
        { name: "fast", lr: 0.9 },
      ]);
      for (const args of sets) await train(new Record(manager, args));
    })
    .then((dir) => (runDir = dir))
    .catch(() => (runDir = manager.runDir));
  return runDir;
}

describe("tracebackOf", () => {
  const stack = [
    "TypeError: bad input",
    "    at fit (file:///home/u/project/experiments/train.js:12:9)",
    "    at runStage (file:///home/u/project/node_modules/curi-report/dist/src/record/runStage.js:40:5)",
    "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
    "    at async main (/opt/tools/helper.js:3:1)",
  ].join("\n");
  const error = Object.assign(new TypeError("bad input"), { stack });

  it("keeps the user's frames, relative to the run's root inside it and absolute outside", () => {
    expect(tracebackOf(error, { root: "/home/u/project", locations: true })).toBe(
      [
        "TypeError: bad input",
        "    at fit (experiments/train.js:12:9)",
        "    at runStage (node_modules/curi-report/dist/src/record/runStage.js:40:5)",
        "    at async main (/opt/tools/helper.js:3:1)",
      ].join("\n"),
    );
  });

  it("leaves out Node's frames and, without locations, keeps function names only", () => {
    expect(tracebackOf(error, { root: "/", locations: false })).toBe(
      ["TypeError: bad input", "    at fit", "    at runStage", "    at async main"].join("\n"),
    );
    expect(tracebackOf("a string", { root: "/", locations: true })).toBeNull();
  });
});

describe("a stage that throws in the record runtime", () => {
  it("is recorded on its record's stage, with the error and a traceback of the user's frames", async () => {
    const root = await tempRoot();
    const wire = await readWire(await failingRun(root));
    expect(wire.run_info.status).toBe("error");
    const [ok, failed] = wire.records;
    expect(ok?.stage_info?.[0]?.error).toBeUndefined();
    const info = failed?.stage_info?.[0];
    expect(info?.error).toBe("ModelDiverged - loss became NaN at lr=0.9");
    expect(info?.traceback).toMatch(
      /^ModelDiverged: loss became NaN at lr=0\.9\n\s+at trainModel \(\S*test\/record\/failures\.test\.ts:\d+:\d+\)/,
    );
    // Node's own frames and this runtime's are left out.
    expect(info?.traceback).not.toMatch(/node:internal|src\/record\//);
    expect(wire.run_info.traceback).toBe(info?.traceback);
  });

  it("reads back as the stage's error in the model", async () => {
    const root = await tempRoot();
    const run = await readRun(await failingRun(root));
    const record = run.records[1];
    expect(record?.stageInfo?.[0]?.error).toBe("ModelDiverged - loss became NaN at lr=0.9");
    expect(record?.stageInfo?.[0]?.traceback).toContain("trainModel");
    expect(run.info.traceback).toContain("loss became NaN");
  });
});
