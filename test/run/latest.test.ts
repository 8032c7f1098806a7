/**
 * `runs/latest` and the CLI's run argument: a run folder, its run.json, or a latest marker file
 * all lead to the run folder; a marker that names nothing or points elsewhere is refused.
 */
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readLatest, resolveRunDir, writeLatest } from "../../src/run/latest.js";
import { readRun } from "../../src/run/read.js";
import { InputNotFoundError, UnsafePathError } from "../../src/util/errors.js";
import { baseWire, tempDir, writeFolder } from "./helpers/runFolders.js";

const REF = "tiny_1_2026-11-26-T233842";

function runsWithOneRun(): { runs: string; run: string } {
  const runs = tempDir("runs");
  const run = writeFolder(path.join(runs, REF), baseWire());
  return { runs, run };
}

describe("resolveRunDir", () => {
  it("returns a run folder as it is (absolute)", async () => {
    const { run } = runsWithOneRun();
    expect(await resolveRunDir(run)).toBe(run);
    expect(await resolveRunDir(path.relative(process.cwd(), run))).toBe(run);
  });

  it("follows a latest marker file to the run beside it", async () => {
    const { runs, run } = runsWithOneRun();
    await writeLatest(runs, REF);
    expect(await resolveRunDir(path.join(runs, "latest"))).toBe(run);
    expect((await readRun(path.join(runs, "latest"))).info.reference).toBe(REF);
  });

  it("accepts the run.json file itself", async () => {
    const { run } = runsWithOneRun();
    expect(await resolveRunDir(path.join(run, "run.json"))).toBe(run);
  });

  it("follows a latest symlink to the run folder it names", async () => {
    const { runs, run } = runsWithOneRun();
    symlinkSync(REF, path.join(runs, "latest"));
    expect(await resolveRunDir(path.join(runs, "latest"))).toBe(realpathSync(run));
    expect((await readRun(path.join(runs, "latest"))).info.reference).toBe(REF);
  });

  it("says when the argument or the run a marker names does not exist", async () => {
    const { runs } = runsWithOneRun();
    await expect(resolveRunDir(path.join(runs, "nope"))).rejects.toThrow(InputNotFoundError);
    writeFileSync(path.join(runs, "latest"), "gone_2_2026-11-27-T000000\n");
    await expect(resolveRunDir(path.join(runs, "latest"))).rejects.toThrow(
      /names the run "gone_2_2026-11-27-T000000", but .* does not exist/,
    );
  });

  it("refuses a marker that points anywhere but beside it", async () => {
    const { runs } = runsWithOneRun();
    for (const content of ["../elsewhere", "/etc", "a\\b", "..", "", "two\nlines"]) {
      writeFileSync(path.join(runs, "latest"), content);
      await expect(resolveRunDir(path.join(runs, "latest")), JSON.stringify(content)).rejects.toThrow(UnsafePathError);
    }
  });
});

describe("writeLatest and readLatest", () => {
  it("round-trip the newest reference and report no marker as null", async () => {
    const runs = tempDir("latest");
    expect(await readLatest(runs)).toBeNull();
    await writeLatest(runs, REF);
    expect(await readLatest(runs)).toBe(REF);
    await writeLatest(runs, "tiny_2_2026-11-27-T000000");
    expect(await readLatest(runs)).toBe("tiny_2_2026-11-27-T000000");
  });

  it("treats a latest folder as no marker", async () => {
    const runs = tempDir("latest-dir");
    mkdirSync(path.join(runs, "latest"));
    expect(await readLatest(runs)).toBeNull();
  });
});
