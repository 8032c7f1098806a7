import { lstat, readdir, readFile, rename, unlink, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRun } from "../../src/run/read.js";
import { writeRunDocument } from "../../src/run/write.js";
import { buildIndex } from "../../src/site/buildIndex.js";
import { buildReport } from "../../src/site/buildReport.js";
import { InputNotFoundError, UnsafePathError } from "../../src/util/errors.js";
import { PNG_1X1, tempDir, wireRun, writeRunFolder } from "./helpers/runs.js";
import { MemoryTarget } from "../../src/site/MemoryTarget.js";

/** Every file under `root` (relative, sorted) with its bytes as hex; fails on symlinks. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) throw new Error(`symlink in output: ${full}`);
      if (entry.isDirectory()) await walk(full);
      else out[path.relative(root, full).split(path.sep).join("/")] = (await readFile(full)).toString("hex");
    }
  };
  await walk(root);
  // Sorted by whole path in code-unit order, like ReportFiles.list().
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function oneRun(n = 1): Promise<{ runDir: string; outDir: string }> {
  const base = await tempDir();
  return { runDir: await writeRunFolder(path.join(base, "runs"), n), outDir: path.join(base, "reports") };
}

describe("buildReport", () => {
  it("writes the report folder, its assets and copies, and the site root", async () => {
    const { runDir, outDir } = await oneRun();
    const run = await readRun(runDir);
    const built = await buildReport(run, { outDir, version: "9.9.9" });
    const folder = run.info.reference;
    expect(built.folder).toBe(folder);
    expect(built.page).toBe(`${folder}/index.html`);
    const files = Object.keys(await snapshot(outDir));
    for (const expected of [
      ".nojekyll",
      "assets/report.js",
      "assets/style.css",
      "index.html",
      "latest.json",
      "latest/index.html",
      `${folder}/index.html`,
      `${folder}/run_info.json`,
      `${folder}/log.txt`,
      `${folder}/style.css`,
      `${folder}/report.js`,
      `${folder}/graphs/full.gv`,
    ]) {
      expect(files).toContain(expected);
    }
    expect(files.some((f) => f.split("/").some((s) => s.startsWith("_")))).toBe(false);
    expect(files.filter((f) => f.startsWith(".") && f !== ".nojekyll")).toEqual([]);
    expect(built.written).toEqual(files.filter((f) => built.written.includes(f)));
    const pngs = files.filter((f) => f.startsWith(`${folder}/reportables/`) && f.endsWith(".png"));
    expect(pngs).toHaveLength(1);
    expect(await readFile(path.join(outDir, pngs[0]!))).toEqual(PNG_1X1);
    expect(await readFile(path.join(outDir, folder, "log.txt"), "utf8")).toBe("log of run 1\n");
    const page = await readFile(path.join(outDir, folder, "index.html"), "utf8");
    expect(page).toContain('href="style.css"');
    expect(page).toContain("9.9.9");
    expect(page).toContain('href="../index.html"');
    expect(page).not.toContain("custom.css");
    const latest = JSON.parse(await readFile(path.join(outDir, "latest.json"), "utf8")) as {
      reference: string;
      path: string;
    };
    expect(latest).toMatchObject({ reference: folder, path: `${folder}/index.html` });
    expect(await readFile(path.join(outDir, ".nojekyll"), "utf8")).toBe("");
  });

  it("gives identical bytes when the same run is built twice", async () => {
    const { runDir, outDir } = await oneRun();
    const run = await readRun(runDir);
    await buildReport(run, { outDir });
    const first = await snapshot(outDir);
    await buildReport(await readRun(runDir), { outDir });
    expect(await snapshot(outDir)).toEqual(first);
  });

  it("writes the same files with the same bytes to memory as to disk", async () => {
    const { runDir, outDir } = await oneRun();
    const run = await readRun(runDir);
    const memory = await buildReport(run, { outDir, target: new MemoryTarget(outDir) });
    await expect(lstat(outDir)).rejects.toThrow();
    await buildReport(run, { outDir });
    const disk = await snapshot(outDir);
    const files = memory.memory!;
    expect(files.list()).toEqual(Object.keys(disk));
    for (const file of files.list()) expect(Buffer.from(await files.read(file)).toString("hex")).toBe(disk[file]);
  });

  it("copies --css as custom.css and links it after style.css", async () => {
    const { runDir, outDir } = await oneRun();
    const css = path.join(await tempDir(), "brand.css");
    await writeFile(css, "body { color: teal; }\n");
    const built = await buildReport(await readRun(runDir), { outDir, css });
    expect(await readFile(path.join(outDir, built.folder, "custom.css"), "utf8")).toBe("body { color: teal; }\n");
    const page = await readFile(path.join(outDir, built.page), "utf8");
    expect(page.indexOf('href="custom.css"')).toBeGreaterThan(page.indexOf('href="style.css"'));
  });

  it("refuses a missing --css before writing anything", async () => {
    const { runDir, outDir } = await oneRun();
    await expect(buildReport(await readRun(runDir), { outDir, css: path.join(outDir, "nope.css") })).rejects.toThrow(
      InputNotFoundError,
    );
    await expect(lstat(outDir)).rejects.toThrow();
  });

  it("replaces an older report of the same run, leaving no aside or temp folders", async () => {
    const { runDir, outDir } = await oneRun();
    await buildReport(await readRun(runDir), { outDir });
    const doc = wireRun(1);
    doc.run_info.notes = "second build";
    await writeRunDocument(runDir, doc);
    const built = await buildReport(await readRun(runDir), { outDir });
    expect(await readFile(path.join(outDir, built.page), "utf8")).toContain("second build");
    expect((await readdir(outDir)).filter((n) => n.startsWith(".tmp-") || n.startsWith(".old-"))).toEqual([]);
  });

  it("leaves the previous report intact when the build fails midway", async () => {
    const { runDir, outDir } = await oneRun();
    const built = await buildReport(await readRun(runDir), { outDir });
    const before = await snapshot(outDir);
    const run = await readRun(runDir);
    // The image vanishes after the run was read: rendering succeeds, copying it fails midway.
    await unlink(path.join(runDir, "reportables", "base_fit_plot.png"));
    await expect(buildReport(run, { outDir })).rejects.toThrow(InputNotFoundError);
    expect(await snapshot(outDir)).toEqual(before);
    expect((await readdir(outDir)).filter((n) => /^\.(tmp|old)-/.test(n))).toEqual([]);
    expect(await readFile(path.join(outDir, built.page), "utf8")).toContain(built.folder);
  });

  it("puts the previous report back when a build was killed between its two renames", async () => {
    const { runDir, outDir } = await oneRun();
    const built = await buildReport(await readRun(runDir), { outDir });
    const before = await snapshot(path.join(outDir, built.folder));
    // What a build killed after moving the old report aside (and mid-way through the new one) leaves.
    const deadPid = 2 ** 22 + 12345;
    await rename(path.join(outDir, built.folder), path.join(outDir, `.old-${built.folder}-${deadPid}-1`));
    await mkdir(path.join(outDir, `.tmp-${built.folder}-${deadPid}-2`, "graphs"), { recursive: true });
    const index = await buildIndex(outDir);
    expect(index.reports.map((r) => r.folder)).toEqual([built.folder]);
    expect(await snapshot(path.join(outDir, built.folder))).toEqual(before);
    expect((await readdir(outDir)).filter((n) => n.startsWith(".tmp-") || n.startsWith(".old-"))).toEqual([]);
  });

  it.each(["assets", "Latest", "index.html"])(
    "refuses a run whose report folder would replace the site's own %j",
    async (reference) => {
      const base = await tempDir();
      const runDir = await writeRunFolder(path.join(base, "runs"), 1, { reference });
      const outDir = path.join(base, "reports");
      await expect(buildReport(await readRun(runDir), { outDir })).rejects.toThrow(UnsafePathError);
      await expect(lstat(outDir)).rejects.toThrow();
    },
  );
});
