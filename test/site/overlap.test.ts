/**
 * Issue 12, point 1: a build never deletes the runs it reads. Overlapping input and output is
 * refused in any spelling, and no build replaces a folder that holds a run or that it did not write.
 */
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { buildSite } from "../../src/site/buildSite.js";
import { UnsafePathError } from "../../src/util/errors.js";
import { writeRunsFolder } from "./helpers/runs.js";

async function cli(cwd: string, args: readonly string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const io: CliIo = { stdout: { write: () => true }, stderr: { write: (c: string) => (stderr += c) }, cwd, env: {} };
  return { code: await main(args, io), stderr };
}

/** Every file under `dir` with its bytes, so a test can see that nothing was lost or changed. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile())
      out[path.relative(dir, path.join(e.parentPath, e.name))] = await readFile(
        path.join(e.parentPath, e.name),
        "latin1",
      );
  }
  return out;
}

describe("input and output that overlap", () => {
  it.each([
    ["the runs folder itself", ["runs", "--out", "runs"]],
    ["the runs folder through ..", ["runs", "--out", "runs/../runs/"]],
    ["the runs folder through a link", ["runs", "--out", "alias"]],
    ["a folder inside the runs folder", ["runs", "--out", "runs/site"]],
    [
      "a folder not yet made inside the run folder, through a link",
      ["runs/latest", "--out", "alias/LATEST/site/deeper"],
    ],
    ["a folder holding the runs", ["runs", "--out", "."]],
    ["the run folder runs/latest names", ["runs/latest", "--out", "runs/LATEST"]],
  ])("is refused with exit 5 and loses nothing: %s", async (_, args) => {
    const runs = await writeRunsFolder(2);
    const cwd = path.dirname(runs);
    await symlink(runs, path.join(cwd, "alias"));
    const latest = (await readFile(path.join(runs, "latest"), "utf8")).trim();
    const before = await tree(runs);
    const { code, stderr } = await cli(
      cwd,
      args.map((a) => a.replace("LATEST", latest)),
    );
    expect({ code, stderr: stderr.includes("overlap") || stderr.includes("runs it would read") }).toEqual({
      code: 5,
      stderr: true,
    });
    expect(await tree(runs)).toEqual(before);
  });

  it("is refused when one run folder of a runs folder is a link to the output", async () => {
    // The other run folders are real folders, looked at through their parent (overlap.ts); a link
    // is resolved in full, wherever it leads.
    const runs = await writeRunsFolder(2);
    const cwd = path.dirname(runs);
    const latest = (await readFile(path.join(runs, "latest"), "utf8")).trim();
    await cp(path.join(runs, latest), path.join(cwd, "out"), { recursive: true });
    await symlink(path.join(cwd, "out"), path.join(runs, "linked"));
    const before = await tree(path.join(cwd, "out"));
    const { code, stderr } = await cli(cwd, ["runs", "--out", "out"]);
    expect({ code, refused: stderr.includes(`out is the runs it would read (${path.join(runs, "linked")})`) }).toEqual({
      code: 5,
      refused: true,
    });
    expect(await tree(path.join(cwd, "out"))).toEqual(before);
  });

  it("is refused by the library too, before anything is written", async () => {
    const runs = await writeRunsFolder(1);
    await expect(buildSite(runs, { outDir: runs })).rejects.toBeInstanceOf(UnsafePathError);
  });

  it.skipIf(!existsSync("/proc/self"))(
    "is refused when the case differs, on a case-insensitive file system only",
    async () => {
      const runs = await writeRunsFolder(1);
      const upper = path.join(path.dirname(runs), "RUNS");
      const insensitive = existsSync(upper);
      const result = await cli(path.dirname(runs), ["runs", "--out", "RUNS"]);
      expect(result.code).toBe(insensitive ? 5 : 0);
    },
  );
});

describe("a folder in the way of a report", () => {
  it("is never replaced when it holds a run, or when curi-report did not write it", async () => {
    const runs = await writeRunsFolder(1);
    const cwd = path.dirname(runs);
    const latest = (await readFile(path.join(runs, "latest"), "utf8")).trim();
    const site = path.join(cwd, "site");
    await mkdir(path.join(site, latest), { recursive: true });
    await writeFile(path.join(site, latest, "notes.txt"), "mine");
    const mine = await cli(cwd, ["runs", "--out", "site"]);
    expect(mine.code).toBe(6);
    expect(mine.stderr).toContain("curi-report.json");
    expect(await readFile(path.join(site, latest, "notes.txt"), "utf8")).toBe("mine");

    await writeFile(path.join(site, latest, "run.json"), "{}");
    await writeFile(
      path.join(site, latest, "curi-report.json"),
      await readFile(path.join(cwd, "package.json")).catch(() => "{}"),
    );
    const run = await cli(cwd, ["runs", "--out", "site"]);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain("holds a run");
    expect(await readFile(path.join(site, latest, "run.json"), "utf8")).toBe("{}");
    expect(await readdir(site)).not.toContain("index.html");
  });
});
