/**
 * Run selection by pattern (`curi-report 'runs/iris_*' --exclude '*debug*'`): curi-report expands
 * the pattern itself with globby, so it works quoted and where no shell expands it (the arguments
 * reach `main` as typed, as from a quoted shell word or Windows). The selection is sorted, has
 * each run once, never leaves the folder a pattern starts from, and a pattern that selects
 * nothing is an error (exit 3).
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, symlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { selectRuns } from "../../src/cli/runSelection.js";
import { tempDir, writeRunFolder, writeRunsFolder } from "../site/helpers/runs.js";
import { runCli, runMain } from "./helpers.js";

/** A project folder holding `runs/` with runs 1..4 (run 3 named as a debug run) and `runs/latest`. */
async function project(): Promise<string> {
  const runs = await writeRunsFolder(2);
  await writeRunFolder(runs, 3, { reference: "tiny_3_debug" });
  await writeRunFolder(runs, 4);
  await mkdir(path.join(runs, "notes")); // a folder without run.json: never a run
  return path.dirname(runs);
}

/** The report folders of a built site. */
async function reports(site: string): Promise<string[]> {
  return (await readdir(site)).filter((n) => n.startsWith("tiny_")).sort();
}

/** Run folder names of a selection. */
const names = (inputs: readonly string[]): string[] => inputs.map((i) => path.basename(i));

describe("run selection", () => {
  it("builds the runs a quoted pattern selects, less --exclude", async () => {
    const cwd = await project();
    const res = await runMain(["runs/tiny_*", "--exclude", "*debug*", "--out", "site", "--no-compare"], cwd);
    expect([res.code, res.stderr]).toEqual([0, ""]);
    expect(await reports(path.join(cwd, "site"))).toEqual([
      "tiny_1_2026-11-21-T100001",
      "tiny_2_2026-11-22-T100002",
      "tiny_4_2026-11-24-T100004",
    ]);
    // The same from a process, where no shell expanded the pattern either.
    const spawned = await runCli(["runs/tiny_[12]*", "--exclude", "tiny_2*", "--out", "spawned", "--quiet"], cwd);
    expect([spawned.code, spawned.stderr]).toEqual([0, ""]);
    expect(await reports(path.join(cwd, "spawned"))).toEqual(["tiny_1_2026-11-21-T100001"]);
  });

  it("takes several inputs and patterns, sorted, each run once", async () => {
    const cwd = await project();
    const args = ["runs/tiny_4_2026-11-24-T100004", "runs/tiny_{2,1}_*", "runs/latest", "runs/tiny_2_*"];
    const selected = await selectRuns(args, [], cwd);
    expect(names(selected.inputs)).toEqual([
      "latest",
      "tiny_1_2026-11-21-T100001",
      "tiny_2_2026-11-22-T100002",
      "tiny_4_2026-11-24-T100004",
    ]);
    expect(await selectRuns([...args].reverse(), [], cwd)).toEqual(selected);
    // runs/latest names run 2, which the pattern selected too: it is built once.
    const res = await runMain([...args, "--out", "site", "--no-compare"], cwd);
    expect([res.code, res.stderr]).toEqual([0, ""]);
    expect(res.stdout).toContain("Built 3 of 3 reports.");
    expect(res.stdout.split("\n").filter((l) => l.startsWith("["))).toEqual([
      expect.stringMatching(/^\[1\/3\] tiny_1_/),
      expect.stringMatching(/^\[2\/3\] tiny_2_/),
      expect.stringMatching(/^\[3\/3\] tiny_4_/),
    ]);
  });

  it("applies --exclude to a runs folder's runs, and matches a path with a /", async () => {
    const cwd = await project();
    const nested = path.join(cwd, "runs", "old");
    await writeRunFolder(nested, 5);
    expect(names((await selectRuns(["runs"], ["*debug*", "tiny_1*"], cwd)).inputs)).toEqual([
      "tiny_2_2026-11-22-T100002",
      "tiny_4_2026-11-24-T100004",
    ]);
    expect(names((await selectRuns(["runs/**"], ["old/*"], cwd)).inputs)).not.toContain("tiny_5_2026-11-25-T100005");
    expect(names((await selectRuns(["runs/**"], ["old"], cwd)).inputs)).not.toContain("tiny_5_2026-11-25-T100005");
    expect(names((await selectRuns(["runs/**"], [], cwd)).inputs)).toContain("tiny_5_2026-11-25-T100005");
  });

  it("is a clear error when a pattern selects nothing (exit 3), or nothing --exclude leaves", async () => {
    const cwd = await project();
    const none = await runMain(["runs/iris_*"], cwd);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('No run folder (a folder holding run.json) matches "runs/iris_*"');
    const excluded = await runMain(["runs/tiny_*", "--exclude", "tiny_*"], cwd);
    expect(excluded.code).toBe(3);
    expect(excluded.stderr).toContain('--exclude leaves out all 4 run folders that "runs/tiny_*" selects');
    const noFolder = await runMain(["nowhere/tiny_*"], cwd);
    expect(noFolder.code).toBe(3);
    expect(noFolder.stderr).toContain("nowhere, which is not a folder");
    expect(existsSync(path.join(cwd, "reports"))).toBe(false);
  });

  it("never leaves the folder a pattern starts from", async () => {
    const cwd = await project();
    const outside = path.join(await tempDir(), "elsewhere");
    const stranger = await writeRunFolder(outside, 7);
    await symlink(stranger, path.join(cwd, "runs", "tiny_7_link"));
    await symlink(path.join(cwd, "runs", "tiny_4_2026-11-24-T100004"), path.join(cwd, "runs", "tiny_4_link"));
    const selected = await selectRuns(["runs/tiny_*"], [], cwd);
    expect(names(selected.inputs)).not.toContain("tiny_7_link");
    // A link inside the folder to a run of it is that run, selected once.
    expect(names(selected.inputs).filter((n) => n.startsWith("tiny_4"))).toHaveLength(1);
    expect(selected.leftOut).toEqual([{ link: path.join(cwd, "runs", "tiny_7_link"), target: stranger }]);
    const res = await runMain(["runs/tiny_*", "--out", "site", "--quiet", "--no-compare"], cwd);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain("runs/tiny_7_link leads outside its folder");
    expect(await reports(path.join(cwd, "site"))).not.toContain("tiny_7_2026-11-27-T100007");
    for (const climbing of ["runs/{..,x}/*", "runs/*/../../*", "runs/**/.."]) {
      const out = await runMain([climbing], cwd);
      expect([out.code, out.stderr], climbing).toEqual([2, expect.stringContaining('climbs out of runs with ".."')]);
    }
  });

  it("takes an existing folder by its name, glob characters and all", async () => {
    const cwd = await project();
    const odd = path.join(cwd, "runs[old]");
    await writeRunFolder(odd, 8);
    expect((await selectRuns(["runs[old]"], [], cwd)).inputs).toEqual([odd]);
  });
});
