import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ArtifactManager,
  describeCommandLine,
  detectGit,
  InvalidExperimentNameError,
  JsonCacher,
  JsonReportable,
  Record,
  stage,
} from "../../src/record/index.js";
import { readRun } from "../../src/run/read.js";
import { readWire, stableOptions, tempRoot } from "./helpers.js";

describe("ArtifactManager run numbers and references", () => {
  it("names the run <experiment>_<n>_<YYYY-MM-DD-THHMMSS>, counting up from the runs folder", async () => {
    const root = await tempRoot();
    const first = new ArtifactManager("exp", stableOptions(root));
    expect(first.getReferenceName()).toBe("exp_1_2026-03-01-T120001");
    await first.finish();
    const second = new ArtifactManager("exp", stableOptions(root));
    expect(second.runNumber).toBe(2);
    await mkdir(path.join(root, "runs", "exp_7_2026-01-01-T000000"));
    await mkdir(path.join(root, "runs", "other_40_2026-01-01-T000000"));
    await mkdir(path.join(root, "runs", "exp_99_not-a-run"));
    expect(new ArtifactManager("exp", stableOptions(root)).runNumber).toBe(8);
    expect(new ArtifactManager("other", stableOptions(root)).runNumber).toBe(41);
    expect(new ArtifactManager("ex", stableOptions(root)).runNumber).toBe(1);
  });

  it("formats the timestamp in local time unless utc is set", async () => {
    const root = await tempRoot();
    const at = new Date(2026, 4, 6, 7, 8, 9);
    expect(
      new ArtifactManager("exp", { root, clock: () => at, git: { commit: "none", dirty: false } }).getReferenceName(),
    ).toBe("exp_1_2026-05-06-T070809");
  });

  it("refuses experiment names that cannot name a folder", async () => {
    expect(() => new ArtifactManager("../x", stableOptions("/tmp"))).toThrow(InvalidExperimentNameError);
  });
});

describe("ArtifactManager run folder", () => {
  it("writes run.json (valid for readRun), log.txt and runs/latest when finished", async () => {
    const root = await tempRoot();
    const manager = new ArtifactManager("exp", { ...stableOptions(root), notes: "first try", paramFiles: ["params"] });
    const fit = stage({ name: "fit", outputs: ["model"], cachers: [JsonCacher] }, (record) => {
      record.report(new JsonReportable({ ok: true }));
      return { model: { w: [1, 2] } };
    });
    const [args] = manager.registerArgs([{ name: "a", lr: 0.1 }], "params");
    const dir = await manager.run(async () => {
      await fit(new Record(manager, args ?? null));
      await fit(new Record(manager, { name: "live", lr: 0.2 }));
    });
    expect(dir).toBe(path.join(root, "runs", manager.getReferenceName()));
    expect((await readFile(path.join(root, "runs", "latest"), "utf8")).trim()).toBe(manager.getReferenceName());
    const wire = await readWire(dir);
    expect(wire.schema_version).toBe(2);
    expect(wire.run_info).toMatchObject({
      reference: manager.getReferenceName(),
      experiment_name: "exp",
      run_number: 1,
      commit: "0123456789abcdef0123456789abcdef01234567",
      workdir_dirty: false,
      param_files: ["params"],
      full_store: false,
      status: "complete",
      cli: "node test.js",
      hostname: "test-host",
      notes: "first try",
    });
    expect(Object.keys(wire.run_info.params)).toEqual(["params", "(live)"]);
    expect(wire.run_info.reproduce).toBeUndefined();
    expect(wire.run_info.duration_s).toBeGreaterThan(0);
    expect(wire.args.map((a) => a.name)).toEqual(["a", "live"]);
    expect(wire.args[0]?.values).toEqual({ name: "a", lr: 0.1 });
    expect(wire.records.map((r) => r.stage_info?.length)).toEqual([1, 1]);
    expect(wire.reportables.map((r) => r.qualified_name)).toEqual(["a_fit_0", "live_fit_0"]);
    expect(wire.log).toBe("log.txt");
    const log = await readFile(path.join(dir, "log.txt"), "utf8");
    expect(log).toContain("Record 0 (a) stage fit started");
    expect(log).toContain("run complete");
    const run = await readRun(dir);
    expect(run.info.reference).toBe(manager.getReferenceName());
    expect(run.records).toHaveLength(2);
  });

  it("records status error with '<ErrorName> - <message>' and rethrows", async () => {
    const root = await tempRoot();
    const manager = new ArtifactManager("exp", stableOptions(root));
    class DataProblem extends Error {}
    const boom = stage({ name: "boom" }, () => {
      throw new DataProblem("bad <row> 3");
    });
    await expect(manager.run(async () => void (await boom(new Record(manager, { name: "a" }))))).rejects.toThrow(
      "bad <row> 3",
    );
    const wire = await readWire(manager.runDir);
    expect(wire.run_info.status).toBe("error");
    expect(wire.run_info.error).toBe("DataProblem - bad <row> 3");
    expect(wire.records[0]?.stages).toEqual(["boom"]);
    expect(wire.records[0]?.stage_outputs).toEqual([[]]);
    await readRun(manager.runDir);
  });

  it("leaves status incomplete when finish is never reached", async () => {
    const root = await tempRoot();
    const manager = new ArtifactManager("exp", stableOptions(root));
    const step = stage({ name: "step", outputs: ["x"] }, () => ({ x: 1 }));
    await step(new Record(manager, { name: "a" }));
    const wire = await readWire(manager.runDir);
    expect(wire.run_info.status).toBe("incomplete");
    expect((await readRun(manager.runDir)).info.status).toBe("incomplete");
    expect(existsSync(path.join(root, "runs", "latest"))).toBe(false);
  });

  it("writes no log file when logging is off", async () => {
    const manager = new ArtifactManager("exp", { ...stableOptions(await tempRoot()), log: false });
    await manager.finish();
    expect((await readWire(manager.runDir)).log).toBeNull();
    expect(existsSync(path.join(manager.runDir, "log.txt"))).toBe(false);
  });
});

describe("environment facts", () => {
  it("records the full 40-character commit and counts untracked files as dirty", async () => {
    const root = await tempRoot();
    const git = (...args: string[]): string => execFileSync("git", args, { cwd: root, encoding: "utf8" });
    expect(detectGit(root)).toEqual({ commit: "none", dirty: false });
    git("init", "-q");
    git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "init");
    const head = git("rev-parse", "HEAD").trim();
    expect(detectGit(root)).toEqual({ commit: head, dirty: false });
    expect(head).toHaveLength(40);
    await writeFile(path.join(root, "new.txt"), "x");
    expect(detectGit(root)).toEqual({ commit: head, dirty: true });
  });

  it("shows the command line without absolute paths", () => {
    expect(
      describeCommandLine(["/usr/local/bin/node", "/home/me/proj/dist/exp.js", "--store-full"], "/home/me/proj"),
    ).toBe("node dist/exp.js --store-full");
    expect(describeCommandLine(["/usr/bin/node", "/elsewhere/exp.js"], "/home/me/proj")).toBe("node exp.js");
  });
});
