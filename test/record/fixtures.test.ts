import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FIXTURE_NAMES, makeFixtures } from "../../scripts/make-fixtures.js";
import { readRun } from "../../src/run/read.js";
import type { WireRun } from "../../src/run/wire.js";
import { tempRoot } from "./helpers.js";

const REPO = fileURLToPath(new URL("../..", import.meta.url));

/** Every file under `dir` (relative path → bytes), sorted. */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  for (const file of files.sort()) out.set(path.relative(dir, file).split(path.sep).join("/"), await readFile(file));
  return out;
}

async function wire(dir: string, name: string): Promise<WireRun> {
  return JSON.parse(await readFile(path.join(dir, name, "run.json"), "utf8")) as WireRun;
}

describe("scripts/make-fixtures", () => {
  it("gives identical bytes on every run, in process and from the built script", async () => {
    const [a, b, c] = [await tempRoot(), await tempRoot(), await tempRoot()];
    await makeFixtures(a);
    await makeFixtures(b);
    execFileSync(process.execPath, [path.join(REPO, "dist/scripts/make-fixtures.js"), c], { cwd: REPO, stdio: "pipe" });
    const first = await tree(a);
    expect([...first.keys()].filter((f) => f.endsWith("/run.json")).sort()).toEqual(
      FIXTURE_NAMES.map((n) => `${n}/run.json`).sort(),
    );
    expect(await tree(b)).toEqual(first);
    expect(await tree(c)).toEqual(first);
    for (const name of FIXTURE_NAMES) await readRun(path.join(a, name));
    for (const [file, bytes] of first) {
      expect(bytes.toString("utf8"), file).not.toContain(a);
      if (file.endsWith("run.json")) expect(bytes.length, file).toBeLessThan(24_000); // iris logs a 12-step loss series per record
    }
  });

  it("covers one behaviour per fixture", async () => {
    const dir = await tempRoot();
    await makeFixtures(dir);
    const iris = await wire(dir, "iris");
    expect(iris.records.map((r) => [r.args_name, r.stages])).toEqual([
      ["baseline", ["load_data", "train_model", "evaluate_model"]],
      ["wide", ["load_data", "train_model", "evaluate_model"]],
      [null, ["compare_models"]],
    ]);
    expect(iris.records[2]?.is_aggregate).toBe(true);
    expect(iris.reportables.some((r) => r.kind === "json" && r.record === 2)).toBe(true);
    expect(Object.keys(iris.records[0]?.metrics ?? {})).toEqual(["loss", "accuracy"]);
    expect(Object.keys(iris.records[2]?.metrics ?? {})).toEqual(["best_accuracy"]);

    const tour = await wire(dir, "all-reportables");
    expect(new Set(tour.reportables.map((r) => r.kind))).toEqual(
      new Set(["html", "json", "table", "lineplot", "figure", "image", "latex", "markdown"]),
    );
    expect(new Set(tour.reportables.map((r) => r.group))).toEqual(new Set(["tables", "figures", null]));
    expect(tour.run_info.full_store).toBe(true);
    expect(tour.run_info.reproduce).toContain("--dry-cache");
    expect(tour.records[1]?.input_records).toEqual([0]);
    expect(tour.records[0]?.stored_paths.some((p) => p.endsWith("_export_exports"))).toBe(true);
    expect(existsSync(path.join(dir, "all-reportables", "artifacts"))).toBe(true);

    const failed = await wire(dir, "failed");
    expect(failed.run_info.status).toBe("error");
    expect(failed.run_info.error).toBe("RangeError - deliberate failure for <status=error> probe");

    expect((await wire(dir, "no-reportables")).reportables).toEqual([]);

    const rerun = await wire(dir, "cached-rerun");
    expect(rerun.run_info.run_number).toBe(2);
    expect(rerun.records.flatMap((r) => r.stage_info?.map((i) => i.cached))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(rerun.reportables).toEqual(iris.reportables);
    // Metrics logged in cached stages come back from the cache.
    expect(rerun.records.map((r) => r.metrics)).toEqual(iris.records.map((r) => r.metrics));
  });

  it("matches the committed fixtures/runs (regenerate with npm run fixtures)", async () => {
    const committed = path.join(REPO, "fixtures", "runs");
    const dir = await tempRoot();
    await makeFixtures(dir);
    for (const name of FIXTURE_NAMES) {
      if (!existsSync(path.join(committed, name))) continue;
      expect(await tree(path.join(committed, name)), `fixtures/runs/${name} is stale: run npm run fixtures`).toEqual(
        await tree(path.join(dir, name)),
      );
    }
  });
});

describe("examples/iris", () => {
  it("runs from a project folder, writes runs/<reference>/ and runs/latest, and reuses its cache", async () => {
    const cwd = await tempRoot();
    const script = path.join(REPO, "dist/examples/iris.js");
    const printed = execFileSync(process.execPath, [script], { cwd, encoding: "utf8" }).trim();
    expect(printed).toMatch(/^runs\/iris_1_\d{4}-\d{2}-\d{2}-T\d{6}$/);
    expect((await readFile(path.join(cwd, "runs", "latest"), "utf8")).trim()).toBe(path.basename(printed));
    const run = await readRun(path.join(cwd, "runs", "latest"));
    expect(run.info.status).toBe("complete");
    expect(run.reportables.map((r) => r.kind)).toEqual(["json", "table", "lineplot", "markdown"]);
    const second = execFileSync(process.execPath, [script, "--store-full"], { cwd, encoding: "utf8" }).trim();
    const rerun = await readRun(path.join(cwd, second));
    expect(rerun.info.runNumber).toBe(2);
    expect(rerun.records.every((r) => r.stageInfo?.every((s) => s.cached))).toBe(true);
    expect(rerun.info.reproduce).toBe(`node iris.js --cache ${second}/artifacts --dry-cache`);
    const reproduced = execFileSync(process.execPath, [script, "--cache", `${second}/artifacts`, "--dry-cache"], {
      cwd,
      encoding: "utf8",
    }).trim();
    expect((await readRun(path.join(cwd, reproduced))).records.every((r) => r.stageInfo?.every((s) => s.cached))).toBe(
      true,
    );
  });
});
