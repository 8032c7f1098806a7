/**
 * scanRuns: run folders (with run.json) and informal folders, in an order that does not depend
 * on the file system or the locale; the latest marker and hidden entries are not runs.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeLatest } from "../../src/run/latest.js";
import { scanRuns } from "../../src/run/scan.js";
import { InputNotFoundError } from "../../src/util/errors.js";
import { baseWire, tempDir, writeFolder } from "./helpers/runFolders.js";

describe("scanRuns", () => {
  it("lists run folders sorted by name and informal folders apart", async () => {
    const runs = tempDir("scan");
    // Created out of order: the listing must not depend on creation or directory order.
    for (const name of [
      "tiny_10_2026-11-27-T000010",
      "Tiny_1_2026-11-26-T000000",
      "tiny_2_2026-11-26-T000002",
      "émile_1_2026-11-26-T000000",
    ]) {
      writeFolder(path.join(runs, name), baseWire());
    }
    mkdirSync(path.join(runs, "notes"));
    writeFileSync(path.join(runs, "notes", "README.md"), "not a run");
    mkdirSync(path.join(runs, ".git"));
    writeFileSync(path.join(runs, "stray.json"), "{}");
    await writeLatest(runs, "tiny_10_2026-11-27-T000010");
    mkdirSync(path.join(runs, "half"));
    mkdirSync(path.join(runs, "half", "run.json")); // a folder named run.json is not a run document
    symlinkSync(path.join(runs, "tiny_2_2026-11-26-T000002"), path.join(runs, "linked"));

    const found = await scanRuns(runs);
    expect(found.runs.map((dir) => path.basename(dir))).toEqual([
      "Tiny_1_2026-11-26-T000000",
      "linked",
      "tiny_10_2026-11-27-T000010",
      "tiny_2_2026-11-26-T000002",
      "émile_1_2026-11-26-T000000",
    ]);
    expect(found.informal.map((dir) => path.basename(dir))).toEqual(["half", "notes"]);
    expect(found.runs.every((dir) => path.isAbsolute(dir) && path.dirname(dir) === runs)).toBe(true);
  });

  it("skips a latest folder or symlink as well as a latest file", async () => {
    const runs = tempDir("scan-latest");
    writeFolder(path.join(runs, "a_1_2026-11-26-T000000"), baseWire());
    symlinkSync("a_1_2026-11-26-T000000", path.join(runs, "latest"));
    expect((await scanRuns(runs)).runs.map((dir) => path.basename(dir))).toEqual(["a_1_2026-11-26-T000000"]);
  });

  it("returns empty lists for an empty runs folder and refuses a missing one", async () => {
    const runs = tempDir("scan-empty");
    expect(await scanRuns(runs)).toEqual({ runs: [], informal: [] });
    await expect(scanRuns(path.join(runs, "missing"))).rejects.toThrow(InputNotFoundError);
    writeFileSync(path.join(runs, "file"), "x");
    await expect(scanRuns(path.join(runs, "file"))).rejects.toThrow(/is not a folder/);
  });
});
