import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeRunDocument } from "../../src/run/write.js";
import { buildSite, type SiteProgress } from "../../src/site/buildSite.js";
import { InputNotFoundError, InvalidRunError } from "../../src/util/errors.js";
import { tempDir, wireRun, writeRunFolder, writeRunsFolder } from "./helpers/runs.js";
import { MemoryTarget } from "../../src/site/MemoryTarget.js";

describe("buildSite", () => {
  it("builds every run of a runs folder, keeps going past an invalid one, and reports it", async () => {
    const runsDir = await writeRunsFolder(3);
    await mkdir(path.join(runsDir, "tiny_0_broken"));
    await writeFile(path.join(runsDir, "tiny_0_broken", "run.json"), '{"schema_version": 1}');
    await mkdir(path.join(runsDir, "scratch"));
    const outDir = path.join(path.dirname(runsDir), "reports");
    const progress: SiteProgress[] = [];
    const result = await buildSite(runsDir, { outDir, onProgress: (p) => progress.push(p) });
    expect(result.runDirs.map((d) => path.basename(d))).toEqual([
      "tiny_0_broken",
      "tiny_1_2026-11-21-T100001",
      "tiny_2_2026-11-22-T100002",
      "tiny_3_2026-11-23-T100003",
    ]);
    expect(result.reports.map((r) => r.folder)).toEqual([
      "tiny_1_2026-11-21-T100001",
      "tiny_2_2026-11-22-T100002",
      "tiny_3_2026-11-23-T100003",
    ]);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]!.error).toBeInstanceOf(InvalidRunError);
    expect(result.skipped.map((d) => path.basename(d))).toEqual(["scratch"]);
    expect(progress.map((p) => `${p.position}/${p.total} ${p.error === undefined ? "ok" : "failed"}`)).toEqual([
      "1/4 failed",
      "2/4 ok",
      "3/4 ok",
      "4/4 ok",
    ]);
    expect(result.index!.reports.map((r) => r.folder)).toEqual(result.reports.map((r) => r.folder));
    const latest = JSON.parse(await readFile(path.join(outDir, "latest.json"), "utf8")) as { reference: string };
    expect(latest.reference).toBe("tiny_3_2026-11-23-T100003");
  });

  it("builds only the newest run from runs/latest, and adds it to an existing site", async () => {
    const runsDir = await writeRunsFolder(2);
    const outDir = path.join(path.dirname(runsDir), "reports");
    await buildSite(path.join(runsDir, "tiny_1_2026-11-21-T100001"), { outDir });
    const result = await buildSite(path.join(runsDir, "latest"), { outDir });
    expect(result.reports.map((r) => r.folder)).toEqual(["tiny_2_2026-11-22-T100002"]);
    expect(result.index!.reports.map((r) => r.folder)).toEqual([
      "tiny_1_2026-11-21-T100001",
      "tiny_2_2026-11-22-T100002",
    ]);
  });

  it("gives the same site built run by run as built in one go", async () => {
    const runsDir = await writeRunsFolder(2);
    const base = path.dirname(runsDir);
    await buildSite(path.join(runsDir, "tiny_2_2026-11-22-T100002"), { outDir: path.join(base, "incremental") });
    await buildSite(path.join(runsDir, "tiny_1_2026-11-21-T100001"), { outDir: path.join(base, "incremental") });
    const full = await buildSite(runsDir, {
      outDir: path.join(base, "full"),
      target: new MemoryTarget(path.join(base, "full")),
    });
    // Run 1, built second, is compared with run 2 already in the site, as the full build compares them.
    expect(full.comparisons).toEqual(["compare/tiny_1_2026-11-21-T100001--tiny_2_2026-11-22-T100002/index.html"]);
    const files = full.index!.memory!;
    for (const file of files.list())
      expect([file, Buffer.from(await files.read(file))]).toEqual([
        file,
        await readFile(path.join(base, "incremental", file)),
      ]);
  });

  it("builds a whole site to memory with the same files as on disk", async () => {
    const runsDir = await writeRunsFolder(2);
    const outDir = path.join(path.dirname(runsDir), "reports");
    const memory = await buildSite(runsDir, { outDir, target: new MemoryTarget(outDir) });
    const disk = await buildSite(runsDir, { outDir });
    const files = memory.index!.memory!;
    expect(disk.comparisons).toHaveLength(1); // run 2 with run 1
    expect(files.list()).toEqual(
      [
        ...disk.reports.flatMap((r) => r.written.filter((f) => f.startsWith(`${r.folder}/`))),
        ...disk.index!.written,
        ...disk.comparisons,
      ].sort(),
    );
    for (const file of files.list())
      expect(Buffer.from(await files.read(file))).toEqual(await readFile(path.join(outDir, file)));
  });

  it("refuses a second run folder with the same reference instead of overwriting the first", async () => {
    const runsDir = path.join(await tempDir(), "runs");
    await writeRunFolder(runsDir, 1);
    await writeRunDocument(path.join(runsDir, "copy-of-run-1"), { ...wireRun(1), reportables: [], log: null });
    const result = await buildSite(runsDir, { outDir: path.join(runsDir, "..", "reports") });
    expect(result.reports).toHaveLength(1);
    expect(result.failures.map((f) => path.basename(f.runDir))).toEqual(["tiny_1_2026-11-21-T100001"]);
    expect(String(result.failures[0]!.error)).toMatch(/same report folder/);
  });

  it("throws InputNotFoundError for a missing input or a folder of folders without runs", async () => {
    const base = await tempDir();
    await expect(buildSite(path.join(base, "nope"), { outDir: path.join(base, "reports") })).rejects.toThrow(
      InputNotFoundError,
    );
    await mkdir(path.join(base, "notes", "scratch"), { recursive: true });
    await expect(buildSite(path.join(base, "notes"), { outDir: path.join(base, "reports") })).rejects.toThrow(
      /notes holds no runs \(its folders scratch have no run\.json\)/,
    );
  });

  it("treats an empty folder as a run folder missing its run.json", async () => {
    const base = await tempDir();
    await mkdir(path.join(base, "empty"));
    const result = await buildSite(path.join(base, "empty"), { outDir: path.join(base, "reports") });
    expect(result.reports).toEqual([]);
    expect(result.index).toBeNull();
    expect(result.failures[0]!.error).toBeInstanceOf(InputNotFoundError);
    expect(String(result.failures[0]!.error)).toMatch(/empty\/run\.json does not exist/);
  });
});
