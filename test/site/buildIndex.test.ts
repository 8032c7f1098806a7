import { mkdir, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRun } from "../../src/run/read.js";
import { buildIndex } from "../../src/site/buildIndex.js";
import { buildReport } from "../../src/site/buildReport.js";
import { tempDir, writeRunFolder } from "./helpers/runs.js";
import { MemoryTarget } from "../../src/site/MemoryTarget.js";

/** A site with reports of runs 3, 1, 2 (built in that order) under `<base>/reports`. */
async function siteWithRuns(): Promise<{ outDir: string; folders: string[] }> {
  const base = await tempDir();
  const outDir = path.join(base, "reports");
  const folders: string[] = [];
  for (const n of [3, 1, 2]) {
    const run = await readRun(await writeRunFolder(path.join(base, "runs"), n));
    folders.push((await buildReport(run, { outDir, updateIndex: false })).folder);
  }
  return { outDir, folders };
}

describe("buildIndex", () => {
  it("lists the report folders sorted, whatever order they were built in", async () => {
    const { outDir, folders } = await siteWithRuns();
    const result = await buildIndex(outDir);
    expect(result.reports.map((r) => r.folder)).toEqual([...folders].sort());
    expect(result.informal).toEqual([]);
    expect(result.written).toEqual([
      ".nojekyll",
      "assets/compare.js",
      "assets/report.js",
      "assets/style.css",
      "compare.html",
      "history.json",
      "index.html",
      "latest.json",
      "latest/index.html",
      "runs/1.html",
    ]);
    const html = await readFile(path.join(outDir, "index.html"), "utf8");
    for (const folder of folders) expect(html).toContain(`${folder}/index.html`);
    const latest = JSON.parse(await readFile(path.join(outDir, "latest.json"), "utf8")) as { reference: string };
    expect(latest.reference).toBe(folders[0]); // run 3 has the newest timestamp
  });

  it("lists what each run_info.json holds now when it changed since an earlier index in the same process", async () => {
    // The entries read are kept for the process while their file is unchanged (siteContents.ts):
    // an edit that keeps the file's size (and inode) is still seen.
    const { outDir, folders } = await siteWithRuns();
    const folder = folders[0] ?? "";
    const file = path.join(outDir, folder, "run_info.json");
    expect((await buildIndex(outDir)).reports.find((r) => r.folder === folder)?.entry.hostname).toBe("lab-1");
    const before = await stat(file);
    const text = await readFile(file, "utf8");
    expect(text).toContain('"hostname": "lab-1"');
    await writeFile(file, text.replace('"hostname": "lab-1"', '"hostname": "lab-9"'));
    const after = await stat(file);
    expect([after.ino, after.size]).toEqual([before.ino, before.size]);
    expect((await buildIndex(outDir)).reports.find((r) => r.folder === folder)?.entry.hostname).toBe("lab-9");
    expect(await readFile(path.join(outDir, "index.html"), "utf8")).toContain("lab-9");
  });

  it("lists folders with broken or missing run_info.json as informal, and says why", async () => {
    const { outDir } = await siteWithRuns();
    await mkdir(path.join(outDir, "not-json"));
    await writeFile(path.join(outDir, "not-json", "run_info.json"), "{ this is not json");
    await mkdir(path.join(outDir, "an-array"));
    await writeFile(path.join(outDir, "an-array", "run_info.json"), "[1, 2]");
    await mkdir(path.join(outDir, "hand-made"));
    await writeFile(path.join(outDir, "hand-made", "index.html"), "<p>mine</p>");
    const result = await buildIndex(outDir);
    expect(result.informal).toEqual(["an-array", "hand-made", "not-json"]);
    expect(result.broken.map((b) => b.folder)).toEqual(["an-array", "not-json"]);
    expect(result.broken[1]!.reason).toMatch(/not-json.*run_info\.json is not valid JSON/);
    const html = await readFile(path.join(outDir, "index.html"), "utf8");
    for (const folder of result.informal) expect(html).toContain(folder);
  });

  it("refuses a run_info.json that fails its schema, naming the file, the pointer and what to do", async () => {
    const outDir = await tempDir();
    await mkdir(path.join(outDir, "odd"));
    await writeFile(path.join(outDir, "odd", "run_info.json"), JSON.stringify({ reference: "odd", status: "weird" }));
    const result = await buildIndex(outDir);
    expect(result.reports).toEqual([]);
    expect(result.informal).toEqual(["odd"]);
    const reason = result.broken[0]?.reason ?? "";
    expect(reason).toContain(path.join(outDir, "odd", "run_info.json"));
    expect(reason).toContain("run-info.schema.json");
    expect(reason).toMatch(/#\/status: must be equal to one of the allowed values/);
    expect(reason).toContain("rebuild this report");
  });

  it("refuses a run_info.json of an unknown version, naming the versions it reads", async () => {
    const outDir = await tempDir();
    await mkdir(path.join(outDir, "future"));
    await writeFile(path.join(outDir, "future", "run_info.json"), JSON.stringify({ run_info_version: 9 }));
    const result = await buildIndex(outDir);
    expect(result.broken[0]?.reason).toMatch(/run_info_version 9, but this curi-report reads run_info_version 1 only/);
  });

  it("skips the site's own folders, dotfolders, _folders, links and plain files", async () => {
    const { outDir, folders } = await siteWithRuns();
    await buildIndex(outDir);
    for (const name of [".git", "_latest", ".tmp-x-1-1"]) await mkdir(path.join(outDir, name), { recursive: true });
    await symlink(folders[0]!, path.join(outDir, "linked"));
    await writeFile(path.join(outDir, "README.md"), "hello");
    const result = await buildIndex(outDir);
    expect(result.reports.map((r) => r.folder)).toEqual([...folders].sort());
    expect(result.informal).toEqual([]);
  });

  it("builds an empty site from nothing, and to memory writes nothing", async () => {
    const outDir = path.join(await tempDir(), "reports");
    const memory = await buildIndex(outDir, { target: new MemoryTarget(outDir) });
    expect(memory.memory!.list()).toEqual(memory.written);
    await expect(readdir(outDir)).rejects.toThrow();
    const disk = await buildIndex(outDir);
    expect(disk.reports).toEqual([]);
    expect(JSON.parse(await readFile(path.join(outDir, "latest.json"), "utf8"))).toMatchObject({ reference: null });
    for (const file of disk.written)
      expect(await readFile(path.join(outDir, file))).toEqual(Buffer.from(await memory.memory!.read(file)));
  });
});
