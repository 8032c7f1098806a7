/**
 * Incremental site builds: a report is rebuilt only when one of its inputs changed, and the site
 * an incremental build leaves is byte for byte the site a full build makes from the same runs,
 * after adding a run, after changing one (its run.json, its log, a copied file), and after
 * changing nothing.
 */
import { readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeRunDocument } from "../../src/run/write.js";
import { buildSite, type SiteBuildResult } from "../../src/site/buildSite.js";
import { stateFileFor } from "../../src/site/incremental.js";
import { MARKER_FILE, type ReportMarker } from "../../src/site/reportMarker.js";
import { tempDir, wireRun, writeRunFolder } from "./helpers/runs.js";
import { MemoryTarget } from "../../src/site/MemoryTarget.js";

/** Every file under `dir` (dotfiles included) with its bytes, by relative path. */
async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full).split(path.sep).join("/");
    files.set(relative, await readFile(full));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Asserts two sites hold the same files with the same bytes. */
async function expectSameSite(actual: string, expected: string): Promise<void> {
  const [a, e] = await Promise.all([snapshot(actual), snapshot(expected)]);
  expect([...a.keys()]).toEqual([...e.keys()]);
  for (const [file, bytes] of e) expect([file, a.get(file)?.equals(bytes)]).toEqual([file, true]);
}

/** A full build of `runsDir` into a fresh folder (no manifest to skip anything with). */
async function fullBuild(runsDir: string): Promise<string> {
  const outDir = path.join(await tempDir("curi-full-"), "site");
  const result = await buildSite(runsDir, { outDir });
  expect(result.upToDate).toEqual([]);
  return outDir;
}

/** Base names of the run folders a build rebuilt and skipped. */
function built(result: SiteBuildResult): { rebuilt: string[]; skipped: string[] } {
  return { rebuilt: result.reports.map((r) => r.folder), skipped: result.upToDate.map((d) => path.basename(d)) };
}

async function runsFolder(count: number): Promise<{ runsDir: string; names: string[] }> {
  const runsDir = path.join(await tempDir("curi-runs-"), "runs");
  const names: string[] = [];
  for (let n = 1; n <= count; n++) names.push(path.basename(await writeRunFolder(runsDir, n)));
  return { runsDir, names };
}

describe("incremental site builds", () => {
  it("equal a full build after adding a run, changing a run, and changing nothing", async () => {
    const { runsDir, names } = await runsFolder(2);
    const [first = "", second = ""] = names;
    const site = path.join(await tempDir(), "site");
    expect(built(await buildSite(runsDir, { outDir: site }))).toEqual({ rebuilt: names, skipped: [] });

    const third = path.basename(await writeRunFolder(runsDir, 3));
    expect(built(await buildSite(runsDir, { outDir: site }))).toEqual({ rebuilt: [third], skipped: names });
    await expectSameSite(site, await fullBuild(runsDir));

    const changed = wireRun(2);
    changed.run_info.notes = "changed notes";
    await writeRunDocument(path.join(runsDir, second), changed);
    expect(built(await buildSite(runsDir, { outDir: site }))).toEqual({ rebuilt: [second], skipped: [first, third] });
    await expectSameSite(site, await fullBuild(runsDir));

    await writeFile(path.join(runsDir, first, "log.txt"), "a longer log of run 1\n");
    await writeFile(path.join(runsDir, third, "reportables", "base_fit_plot.png"), Buffer.from("not really a png"));
    expect(built(await buildSite(runsDir, { outDir: site }))).toEqual({ rebuilt: [first, third], skipped: [second] });
    await expectSameSite(site, await fullBuild(runsDir));

    const before = await snapshot(site);
    const indexTime = (await stat(path.join(site, "index.html"))).mtimeMs;
    const unchanged = await buildSite(runsDir, { outDir: site });
    expect(built(unchanged)).toEqual({ rebuilt: [], skipped: [first, second, third] });
    expect(unchanged.index).toBeNull();
    expect((await stat(path.join(site, "index.html"))).mtimeMs).toBe(indexTime);
    expect(await snapshot(site)).toEqual(before);
    await expectSameSite(site, await fullBuild(runsDir));
    // The comparison pages (each run with the previous one) are build output, rewritten above with
    // the reports they compare; a file of someone else's in compare/ is left alone.
    expect([...before.keys()].filter((f) => f.startsWith("compare/"))).toEqual([
      `compare/${first}--${second}/index.html`,
      `compare/${second}--${third}/index.html`,
    ]);
    await writeFile(path.join(site, "compare", "notes.txt"), "mine");
    await writeFile(path.join(runsDir, third, "log.txt"), "another log of run 3\n");
    expect(built(await buildSite(runsDir, { outDir: site }))).toEqual({ rebuilt: [third], skipped: [first, second] });
    expect(await readFile(path.join(site, "compare", "notes.txt"), "utf8")).toBe("mine");
    // Reports proven up to date by content alone (here: no state, as after a build killed before
    // its comparisons, or a copied site) get their comparisons written again.
    await rm(path.join(site, "compare", `${second}--${third}`), { recursive: true });
    const verified = await buildSite(runsDir, { outDir: site, stateDir: await tempDir("curi-state-") });
    expect(built(verified)).toEqual({ rebuilt: [], skipped: [first, second, third] });
    const page = `compare/${second}--${third}/index.html`;
    expect(verified.comparisons).toContain(page);
    expect(await readFile(path.join(site, page))).toEqual(await readFile(path.join(await fullBuild(runsDir), page)));
  });

  it("records in each report's marker the digest of every file it read and of its own files, and no path", async () => {
    const { runsDir, names } = await runsFolder(1);
    const site = path.join(await tempDir(), "site");
    await buildSite(runsDir, { outDir: site });
    const text = await readFile(path.join(site, names[0] ?? "", MARKER_FILE), "utf8");
    const marker = JSON.parse(text) as ReportMarker;
    expect(marker.generator).toBe("curi-report");
    expect(Object.keys(marker.inputs)).toEqual(["log.txt", "reportables/base_fit_plot.png", "run.json"]);
    expect([...Object.values(marker.inputs), marker.output, marker.build].every((d) => /^[0-9a-f]{64}$/.test(d))).toBe(
      true,
    );
    expect(text).not.toContain(path.dirname(runsDir));
    expect(text).not.toMatch(/"(\/|[A-Za-z]:)/);
  });

  it("sees a change that keeps a file's size and time, when the file was new at the last build", async () => {
    const { runsDir, names } = await runsFolder(2);
    const log = path.join(runsDir, names[0] ?? "", "log.txt");
    // A time not safely older than the manifest (as for a file written just before the build):
    // size and time alone cannot vouch for it, since it could change again within the same tick.
    const recent = new Date(Date.now() + 60_000);
    await utimes(log, recent, recent);
    const site = path.join(await tempDir(), "site");
    await buildSite(runsDir, { outDir: site });
    const before = await stat(log);
    const text = await readFile(log, "utf8");
    await writeFile(log, text.replace("log", "LOG"));
    await utimes(log, before.atime, before.mtime);
    expect((await stat(log)).size).toBe(before.size);
    expect(built(await buildSite(runsDir, { outDir: site })).rebuilt).toEqual([names[0]]);
    await expectSameSite(site, await fullBuild(runsDir));
    // Rewritten with the same bytes: hashed again, found unchanged, not rebuilt.
    await writeFile(log, await readFile(log));
    expect(built(await buildSite(runsDir, { outDir: site })).rebuilt).toEqual([]);
  });

  it("rebuilds a report whose folder was deleted from the site", async () => {
    const { runsDir, names } = await runsFolder(2);
    const site = path.join(await tempDir(), "site");
    await buildSite(runsDir, { outDir: site });
    await rm(path.join(site, names[1] ?? ""), { recursive: true });
    expect(built(await buildSite(runsDir, { outDir: site }))).toEqual({ rebuilt: [names[1]], skipped: [names[0]] });
    await expectSameSite(site, await fullBuild(runsDir));
  });

  it("rebuilds every report for another version, another stylesheet, or when asked to; a damaged state rebuilds nothing", async () => {
    const { runsDir, names } = await runsFolder(2);
    const site = path.join(await tempDir(), "site");
    const stateDir = await tempDir("curi-state-");
    await buildSite(runsDir, { outDir: site, stateDir });
    expect(built(await buildSite(runsDir, { outDir: site, version: "9.9.9", stateDir })).rebuilt).toEqual(names);
    const css = path.join(path.dirname(site), "brand.css");
    await writeFile(css, "body { color: teal; }\n");
    expect(built(await buildSite(runsDir, { outDir: site, version: "9.9.9", css, stateDir })).rebuilt).toEqual(names);
    await writeFile(css, "body { color: navy; }\n");
    expect(built(await buildSite(runsDir, { outDir: site, version: "9.9.9", css, stateDir })).rebuilt).toEqual(names);
    expect(built(await buildSite(runsDir, { outDir: site, version: "9.9.9", css, stateDir })).rebuilt).toEqual([]);
    expect(
      built(await buildSite(runsDir, { outDir: site, version: "9.9.9", css, incremental: false, stateDir })).rebuilt,
    ).toEqual(names);
    await writeFile(stateFileFor(site, stateDir), "{ not json");
    // The reports prove themselves by their markers and content.
    expect(built(await buildSite(runsDir, { outDir: site, version: "9.9.9", css, stateDir })).rebuilt).toEqual([]);
  });

  it("never skips in a build to memory", async () => {
    const { runsDir, names } = await runsFolder(1);
    const site = path.join(await tempDir(), "site");
    await buildSite(runsDir, { outDir: site });
    const memory = await buildSite(runsDir, { outDir: site, target: new MemoryTarget(site) });
    expect(built(memory).rebuilt).toEqual(names);
  });
});
