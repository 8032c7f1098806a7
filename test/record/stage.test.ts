import { existsSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  aggregate,
  ArtifactManager,
  Cacher,
  type CacherOptions,
  JsonCacher,
  LinePlotReportable,
  Lazy,
  MarkdownReportable,
  MissingInputError,
  NotLoadedError,
  RawCacher,
  Record,
  stage,
  StageDefinitionError,
  StageOutputError,
  TextCacher,
} from "../../src/record/index.js";
import { readWire, stableOptions, tempRoot } from "./helpers.js";

/** A two-stage experiment that counts how often each stage function really ran. */
function experiment(calls: { load: number; fit: number }) {
  const load = stage<object, { data: number[] }>(
    { name: "load", outputs: ["data"], cachers: [JsonCacher] },
    (record) => {
      calls.load++;
      record.report(new MarkdownReportable("loaded"));
      return { data: [1, 2, 3].map((v) => v * (record.args?.["scale"] as number)) };
    },
  );
  const fit = stage<{ data: number[] }, { model: { mean: number }; summary: string }>(
    { name: "fit", inputs: ["data"], outputs: ["model", "summary"], cachers: [JsonCacher, TextCacher] },
    (record, { data }) => {
      calls.fit++;
      const mean = data.reduce((a, b) => a + b, 0) / data.length;
      record.report(new LinePlotReportable(data, { name: "data" }));
      record.report(new MarkdownReportable(`mean ${mean}`));
      return { model: { mean }, summary: `mean=${mean}` };
    },
  );
  return { load, fit };
}

async function runOnce(
  root: string,
  calls: { load: number; fit: number },
  options: object = {},
): Promise<ArtifactManager> {
  const manager = new ArtifactManager("exp", { ...stableOptions(root), ...options });
  const { load, fit } = experiment(calls);
  await manager.run(async () => {
    await fit(await load(new Record(manager, { name: "a", scale: 2 })));
  });
  return manager;
}

describe("stage", () => {
  it("records stages, input and output indices, state, representations and output", async () => {
    const calls = { load: 0, fit: 0 };
    const manager = await runOnce(await tempRoot(), calls);
    const record = manager.records[0] as Record;
    expect(record.stages).toEqual(["load", "fit"]);
    expect(record.stageInputs).toEqual([[], [0]]);
    expect(record.stageOutputs).toEqual([[0], [1, 2]]);
    expect(record.state.get("model")).toEqual({ mean: 4 });
    expect([...record.stateArtifactReps.keys()]).toEqual(["data", "model", "summary"]);
    expect(record.output).toEqual({ model: { mean: 4 }, summary: "mean=4" });
    expect(manager.currentStage).toBe("fit");
    expect(record.stageInfo.map((i) => i.cached)).toEqual([false, false]);
  });

  it("caches outputs as [prefix]_[hash]_[stage]_[name][ext] with metadata beside them", async () => {
    const root = await tempRoot();
    const manager = await runOnce(root, { load: 0, fit: 0 });
    const hash = (manager.records[0] as Record).argsHash as string;
    const files = (await readdir(path.join(root, "data/cache"))).sort();
    expect(files).toEqual(
      [
        `exp_${hash}_fit_model.json`,
        `exp_${hash}_fit_model_metadata.json`,
        `exp_${hash}_fit_reportables.cache.json`,
        `exp_${hash}_fit_summary.txt`,
        `exp_${hash}_fit_summary_metadata.json`,
        `exp_${hash}_load_data.json`,
        `exp_${hash}_load_data_metadata.json`,
        `exp_${hash}_load_reportables.cache.json`,
      ].sort(),
    );
    const metadata = JSON.parse(
      await readFile(path.join(root, `data/cache/exp_${hash}_fit_model_metadata.json`), "utf8"),
    ) as { [key: string]: unknown };
    expect(metadata).toMatchObject({
      args_hash: hash,
      args_name: "a",
      record_name: "Record 0 (a)",
      stage: "fit",
      artifact_name: "model",
      cacher_type: "JsonCacher",
      record_prior_stages: ["load"],
      prior_records: [],
      preview: "(Object) {mean: 4}",
      manager_run_info: { reference: manager.getReferenceName(), commit: "0123456789abcdef0123456789abcdef01234567" },
    });
    expect(metadata["artifact_generated"]).toMatch(/^\d{4}-\d{2}-\d{2}-T\d{6}$/);
    const wire = await readWire(manager.runDir);
    expect(wire.artifacts.map((a) => a.path)).toEqual([
      `data/cache/exp_${hash}_load_data.json`,
      `data/cache/exp_${hash}_fit_model.json`,
      `data/cache/exp_${hash}_fit_summary.txt`,
    ]);
  });

  it("skips cached stages on a re-run, ending in the same state with the same reportables", async () => {
    const root = await tempRoot();
    const calls = { load: 0, fit: 0 };
    const first = await runOnce(root, calls);
    const second = await runOnce(root, calls);
    expect(calls).toEqual({ load: 1, fit: 1 });
    const [a, b] = [first.records[0] as Record, second.records[0] as Record];
    expect(b.stageInfo.map((i) => i.cached)).toEqual([true, true]);
    expect([...b.state.entries()]).toEqual([...a.state.entries()]);
    expect([...b.stateArtifactReps.values()].map((r) => r.string)).toEqual(
      [...a.stateArtifactReps.values()].map((r) => r.string),
    );
    expect(b.stageOutputs).toEqual(a.stageOutputs);
    const [wireA, wireB] = [await readWire(first.runDir), await readWire(second.runDir)];
    expect(wireB.reportables).toEqual(wireA.reportables);
    expect(wireB.reportables.map((r) => r.qualified_name)).toEqual(["a_load_0", "a_fit_data", "a_fit_1"]);
    expect(wireB.artifacts).toEqual(wireA.artifacts);
    expect(wireB.records[0]?.stage_info?.map((i) => i.cached)).toEqual([true, true]);
  });

  it("runs a stage again when its reportables were not cached (curifactory's B14)", async () => {
    const root = await tempRoot();
    const calls = { load: 0, fit: 0 };
    const first = await runOnce(root, calls);
    const hash = (first.records[0] as Record).argsHash as string;
    await rm(path.join(root, `data/cache/exp_${hash}_fit_reportables.cache.json`));
    const second = await runOnce(root, calls);
    expect(calls).toEqual({ load: 1, fit: 2 });
    expect((await readWire(second.runDir)).reportables).toHaveLength(3);
  });

  it("runs every stage again with overwrite, and writes no cache when dry-cache", async () => {
    const root = await tempRoot();
    const calls = { load: 0, fit: 0 };
    await runOnce(root, calls);
    await runOnce(root, calls, { overwrite: true });
    expect(calls).toEqual({ load: 2, fit: 2 });
    const other = await tempRoot();
    await runOnce(other, calls, { dryCache: true });
    expect(existsSync(path.join(other, "data"))).toBe(false);
    expect(existsSync(path.join(other, "runs"))).toBe(true);
  });

  it("writes nothing at all when dry", async () => {
    const root = await tempRoot();
    const manager = await runOnce(root, { load: 0, fit: 0 }, { dry: true });
    expect(await readdir(root)).toEqual([]);
    expect(manager.status).toBe("complete");
  });

  it("keeps Lazy outputs in the cache until a stage asks for them", async () => {
    const root = await tempRoot();
    const manager = new ArtifactManager("exp", stableOptions(root));
    const make = stage(
      {
        name: "make",
        outputs: [new Lazy("big"), new Lazy("ref", { resolve: false })],
        cachers: [JsonCacher, JsonCacher],
      },
      () => ({ big: [1, 2, 3], ref: "r" }),
    );
    let seen: unknown[] = [];
    const use = stage<{ big: number[]; ref: Lazy }>(
      { name: "use", inputs: ["big", "ref"] },
      (_record, { big, ref }) => {
        seen = [big, ref instanceof Lazy, ref.isLoaded];
      },
    );
    const record = await make(new Record(manager, { name: "a" }));
    expect(record.state.getRaw("big")).toBeInstanceOf(Lazy);
    expect(() => record.state.get("big")).toThrow(NotLoadedError);
    expect(manager.artifacts[0]?.string).toBe("(Array) [1, 2, 3] len: 3");
    await use(record);
    expect(seen).toEqual([[1, 2, 3], true, false]);
    expect(record.state.get("big")).toEqual([1, 2, 3]);
    record.state.resolve = false;
    expect(record.state.get("big")).toBeInstanceOf(Lazy);
    expect(await record.state.load("ref")).toBe("r");
  });

  it("marks an input with no representation -1 and fails on an input that is not in the state", async () => {
    const manager = new ArtifactManager("exp", stableOptions(await tempRoot()));
    const use = stage({ name: "use", inputs: ["given"] }, () => undefined);
    const record = new Record(manager, { name: "a" });
    record.state.set("given", 5);
    await use(record);
    expect(record.stageInputs).toEqual([[-1]]);
    const needy = stage({ name: "needy", inputs: ["absent"] }, () => undefined);
    await expect(needy(record)).rejects.toThrow(MissingInputError);
    expect(record.stageOutputs).toHaveLength(record.stages.length);
    expect(record.stageInfo).toHaveLength(record.stages.length);
  });

  it("fails when the function does not return a declared output", async () => {
    const manager = new ArtifactManager("exp", stableOptions(await tempRoot()));
    const broken = stage<object, { a: number; b: number }>(
      { name: "broken", outputs: ["a", "b"] },
      () => ({ a: 1 }) as { a: number; b: number },
    );
    await expect(broken(new Record(manager, { name: "x" }))).rejects.toThrow(StageOutputError);
  });

  it("rejects inconsistent definitions when defined", () => {
    expect(() => stage({ outputs: ["a"] }, () => ({ a: 1 }))).toThrow(StageDefinitionError);
    expect(() => stage({ name: "s", outputs: ["a", "b"], cachers: [JsonCacher] }, () => ({ a: 1, b: 2 }))).toThrow(
      /2 outputs but 1 cachers/,
    );
    expect(() => stage({ name: "s", outputs: [new Lazy("a")] }, () => ({ a: 1 }))).toThrow(/without a cacher/);
    expect(() => stage({ name: "s", outputs: ["a", "a"] }, () => ({ a: 1 }))).toThrow(/twice/);
    expect(stage({}, function named_stage() {})).toBeTypeOf("function");
  });

  it("accepts custom cachers by subclassing", async () => {
    class UpperCacher extends Cacher<string> {
      constructor(options: CacherOptions = {}) {
        super({ extension: ".upper", ...options });
      }
      protected async write(file: string, value: string): Promise<void> {
        await writeFile(file, value.toUpperCase(), "utf8");
      }
      protected async read(file: string): Promise<string> {
        return (await readFile(file, "utf8")).toLowerCase();
      }
    }
    const root = await tempRoot();
    const run = async (): Promise<Record> => {
      const manager = new ArtifactManager("exp", stableOptions(root));
      const shout = stage(
        { name: "shout", outputs: ["word", "bytes"], cachers: [new UpperCacher({ subdir: "words" }), RawCacher] },
        () => ({ word: "hello", bytes: new Uint8Array([1, 2]) }),
      );
      return shout(new Record(manager, { name: "a" }));
    };
    await run();
    const files = await readdir(path.join(root, "data/cache/words"));
    expect(files.some((f) => f.endsWith("_shout_word.upper"))).toBe(true);
    const again = await run();
    expect(again.stageInfo[0]?.cached).toBe(true);
    expect(again.state.get("word")).toBe("hello");
    expect(again.state.get("bytes")).toEqual(new Uint8Array([1, 2]));
    const metadata = JSON.parse(
      await readFile(
        path.join(root, "data/cache/words", files.find((f) => f.endsWith("_word_metadata.json")) as string),
        "utf8",
      ),
    ) as { cacher_type: string };
    expect(metadata.cacher_type).toBe("UpperCacher");
  });
});

describe("aggregate", () => {
  it("gets each input as a Map by record, marks the record and records every input artifact", async () => {
    const manager = new ArtifactManager("exp", stableOptions(await tempRoot()));
    const make = stage({ name: "make", outputs: ["score"] }, (record) => ({ score: record.args?.["value"] as number }));
    const a = await make(new Record(manager, { name: "a", value: 1 }));
    const b = await make(new Record(manager, { name: "b", value: 2 }));
    let received: Map<Record, number> | null = null;
    const total = aggregate<{ score: number }, { total: number }>(
      { name: "total", inputs: ["score"], outputs: ["total"] },
      (_record, { score }) => {
        received = score;
        return { total: [...score.values()].reduce((x, y) => x + y, 0) };
      },
    );
    const agg = await total(new Record(manager));
    expect(received).toEqual(
      new Map([
        [a, 1],
        [b, 2],
      ]),
    );
    expect(agg.isAggregate).toBe(true);
    expect(agg.inputRecords).toEqual([a, b]);
    expect(agg.stageInputs).toEqual([[0, 1]]);
    expect(agg.state.get("total")).toBe(3);
    expect(agg.getReferenceName()).toBe("Record 2 (None)");
  });

  it("caches under the combo hash, so the same inputs reuse it", async () => {
    const root = await tempRoot();
    let runs = 0;
    const once = async (): Promise<Record> => {
      const manager = new ArtifactManager("exp", stableOptions(root));
      const inputs = [new Record(manager, { name: "a", v: 1 }), new Record(manager, { name: "b", v: 2 })];
      const count = aggregate({ name: "count", outputs: ["n"], cachers: [JsonCacher] }, (_record, _inputs, records) => {
        runs++;
        return { n: records.length };
      });
      return count(new Record(manager), inputs);
    };
    const first = await once();
    const second = await once();
    expect(runs).toBe(1);
    expect(second.state.get("n")).toBe(2);
    expect(second.comboHash).toBe(first.comboHash);
    expect(path.basename(first.getPath("n.json", { stageName: "count", track: false }))).toBe(
      `exp_${first.comboHash}_count_n.json`,
    );
  });
});
