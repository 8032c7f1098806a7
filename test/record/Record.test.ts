import { existsSync } from "node:fs";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  aggregate,
  ArtifactManager,
  comboHash,
  hashArgs,
  JsonCacher,
  JsonReportable,
  Record,
  stage,
} from "../../src/record/index.js";
import { readWire, stableOptions, tempRoot } from "./helpers.js";

async function aManager(options: object = {}): Promise<ArtifactManager> {
  return new ArtifactManager("exp", { ...stableOptions(await tempRoot()), ...options });
}

describe("Record", () => {
  it("sets the args hash on construction and joins the manager", async () => {
    const manager = await aManager();
    const record = new Record(manager, { name: "baseline", seed: 1 });
    expect(record.argsHash).toBe(hashArgs({ name: "baseline", seed: 1 }));
    expect(record.getHash()).toBe(record.argsHash);
    expect(manager.records).toEqual([record]);
    expect(record.getReferenceName()).toBe("Record 0 (baseline)");
  });

  it("works without args: no hash, named None, paths hashed as None", async () => {
    const manager = await aManager();
    new Record(manager, { name: "first" });
    const record = new Record(manager);
    expect(record.args).toBeNull();
    expect(record.getHash()).toBeNull();
    expect(record.getReferenceName()).toBe("Record 1 (None)");
    expect(path.basename(record.getPath("thing.txt", { stageName: "s" }))).toBe("exp_None_s_thing.txt");
  });

  it("stays out of the manager when hidden", async () => {
    const manager = await aManager();
    new Record(manager, { name: "a" }, { hide: true });
    expect(manager.records).toHaveLength(0);
  });

  it("builds paths as [cache]/[subdir/][prefix]_[hash]_[stage]_[name]", async () => {
    const manager = await aManager({ prefix: "shared" });
    const record = new Record(manager, { name: "a", seed: 2 });
    const hash = record.argsHash as string;
    expect(manager.displayPath(record.getPath("model.json", { stageName: "train" }))).toBe(
      `data/cache/shared_${hash}_train_model.json`,
    );
    expect(manager.displayPath(record.getPath("x", { stageName: "t", subdir: "raw/deep", prefix: "p" }))).toBe(
      `data/cache/raw/deep/p_${hash}_t_x`,
    );
    manager.currentStage = "current";
    expect(path.basename(record.getPath("y"))).toBe(`shared_${hash}_current_y`);
    expect(record.unstoredTrackedPaths.map((t) => t.objName)).toEqual(["model.json", "x", "y"]);
    expect(path.basename(record.getPath("z", { track: false }))).toBe(`shared_${hash}_current_z`);
    expect(record.unstoredTrackedPaths).toHaveLength(3);
  });

  it("creates the folder getDir names", async () => {
    const manager = await aManager();
    const dir = await new Record(manager, { name: "a" }).getDir("plots", { stageName: "draw" });
    expect((await stat(dir)).isDirectory()).toBe(true);
    expect(path.basename(dir)).toMatch(/^exp_[0-9a-f]{32}_draw_plots$/);
  });

  it("setAggregate marks the record and hashes its inputs' hashes", async () => {
    const manager = await aManager();
    const a = new Record(manager, { name: "a", seed: 1 });
    const b = new Record(manager, { name: "b", seed: 2 });
    const agg = new Record(manager);
    agg.setAggregate([a, b]);
    expect(agg.isAggregate).toBe(true);
    expect(agg.comboHash).toBe(comboHash([a.argsHash, b.argsHash]));
    expect(agg.getHash()).toBe(agg.comboHash);
    expect(agg.inputRecords).toEqual([a, b]);
  });

  it("makeCopy deep-copies the state, keeps the representations, draws on the source and adds one record", async () => {
    const manager = await aManager();
    const make = stage({ name: "make", outputs: ["data"] }, () => ({ data: { values: [1, 2, 3] } }));
    const source = await make(new Record(manager, { name: "a" }));
    const copy = source.makeCopy();
    expect(manager.records).toHaveLength(2);
    expect(copy.args).toBe(source.args);
    expect(copy.state.get("data")).toEqual({ values: [1, 2, 3] });
    (copy.state.get("data") as { values: number[] }).values.push(4);
    expect(source.state.get("data")).toEqual({ values: [1, 2, 3] });
    expect(copy.stateArtifactReps.get("data")).toBe(source.stateArtifactReps.get("data"));
    expect(copy.inputRecords).toEqual([source]);
    expect(copy.stages).toEqual([]);
    const other = source.makeCopy({ name: "b" }, false);
    expect(manager.records).toHaveLength(2);
    expect(other.args?.name).toBe("b");
  });

  it("makeCopy keeps class instances and shared references", async () => {
    class Model {
      constructor(public weights: number[]) {}
      predict(): number {
        return this.weights.length;
      }
    }
    const manager = await aManager();
    const record = new Record(manager, { name: "a" });
    const model = new Model([1, 2]);
    record.state.set("model", model);
    record.state.set("same", model);
    const copy = record.makeCopy();
    const copied = copy.state.get("model") as Model;
    expect(copied).toBeInstanceOf(Model);
    expect(copied).not.toBe(model);
    expect(copied.predict()).toBe(2);
    expect(copy.state.get("same")).toBe(copied);
  });

  it("report attaches a reportable to the record and its last stage", async () => {
    const manager = await aManager();
    const record = new Record(manager, { name: "a" });
    record.stages.push("fit");
    manager.currentStage = "another_records_stage";
    const reportable = new JsonReportable({ ok: true }, { name: "status" });
    record.report(reportable);
    expect(reportable.record).toBe(record);
    expect(reportable.stage).toBe("fit");
    expect(reportable.qualifiedName).toBe("a_fit_status");
  });

  it("storeTrackedPaths copies existing tracked files into the full store and always clears the list", async () => {
    const manager = await aManager({ storeFull: true });
    const record = new Record(manager, { name: "a" });
    const file = record.getPath("weights.txt", { stageName: "fit" });
    record.getPath("never-written.txt", { stageName: "fit" });
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, "w", "utf8");
    await record.storeTrackedPaths();
    expect(record.unstoredTrackedPaths).toEqual([]);
    expect(record.storedPaths).toEqual([file]);
    const stored = path.join(manager.runDir, "artifacts", path.basename(file));
    expect(await readFile(stored, "utf8")).toBe("w");

    const plain = await aManager();
    const other = new Record(plain, { name: "a" });
    other.getPath("x");
    await other.storeTrackedPaths();
    expect(other.unstoredTrackedPaths).toEqual([]);
    expect(other.storedPaths).toEqual([]);
    expect(existsSync(path.join(plain.runDir, "artifacts"))).toBe(false);
  });

  it("a full-store run lists stored paths relative to the project and a reproduce command", async () => {
    const manager = await aManager({ storeFull: true, cli: "node exp.js --store-full --overwrite" });
    const fit = stage({ name: "fit", outputs: ["model"], cachers: [JsonCacher] }, () => ({ model: [1] }));
    await manager.run(async () => {
      await fit(new Record(manager, { name: "a" }));
    });
    const wire = await readWire(manager.runDir);
    expect(wire.run_info.full_store).toBe(true);
    expect(wire.run_info.reproduce).toBe(
      `node exp.js --cache runs/${manager.getReferenceName()}/artifacts --dry-cache`,
    );
    expect(wire.records[0]?.stored_paths.every((p) => p.startsWith("data/cache/exp_"))).toBe(true);
    expect(wire.records[0]?.stored_paths).toHaveLength(3);
  });

  it("an aggregate's record gets the (Aggregate)_ qualified-name prefix", async () => {
    const manager = await aManager();
    const sum = aggregate({ name: "sum" }, (record) => {
      record.report(new JsonReportable(1, { name: "total" }));
    });
    const agg = await sum(new Record(manager), [new Record(manager, { name: "a" })]);
    expect(manager.reportables[0]?.qualifiedName).toBe("(Aggregate)_sum_total");
    expect(agg.isAggregate).toBe(true);
  });
});
