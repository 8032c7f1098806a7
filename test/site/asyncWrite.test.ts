/**
 * A fresh report folder's files are written in the background (writeQueue.ts): the build must
 * still return only once every file is on disk, and a write that fails in the middle of a big
 * report must still fail the build with its file named, leave the previous report in place and
 * no temp folder behind.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { WireRun } from "../../src/run/wire.js";
import { writeRunDocument } from "../../src/run/write.js";
import { buildSite } from "../../src/site/buildSite.js";
import { MemoryTarget } from "../../src/site/MemoryTarget.js";
import { WRITE_QUEUE_LIMITS } from "../../src/site/writeQueue.js";
import { OutputError } from "../../src/util/errors.js";
import { PNG_1X1, tempDir, wireRun } from "./helpers/runs.js";

/**
 * Records in the big run: its report has several hundred files, more than are written before the
 * writer thread starts (WRITE_QUEUE_LIMITS.syncFiles) and than are kept in flight.
 */
const RECORDS = 200;

/** Run 1 of helpers/runs.ts (schema 2) with `RECORDS` records of two stages each, its HTML reportable linking `linked`. */
function bigRun(linked: string): WireRun {
  const base = wireRun(1);
  const [record] = base.records;
  const records = Array.from({ length: RECORDS }, (_, i) => ({
    ...record!,
    index: i,
    name: `Record ${i} (base)`,
    stage_inputs: [[], [2 * i]],
    stage_outputs: [[2 * i], [2 * i + 1]],
    state_artifact_reps: { data: 2 * i, model: 2 * i + 1 },
  }));
  const artifacts = records.flatMap((r) => [
    { record: r.index, name: "data", string: `(Array) [${r.index}]`, path: null, metadata: null },
    { record: r.index, name: "model", string: `(Object) {"w": ${r.index}}`, path: null, metadata: null },
  ]);
  // The HTML reportable links a file and belongs to a late record, so the file is copied to the
  // same path in the report amid the pages, by the writer thread.
  const reportables = base.reportables.map((r) =>
    r.kind === "html" ? { ...r, record: RECORDS - 10, files: [linked] } : r,
  );
  return { ...base, schema_version: 2, records, artifacts, reportables } as WireRun;
}

/** Writes the big run into `runDir`, its HTML reportable linking `linked` (relative to the run folder). */
async function writeBigRun(runDir: string, linked: string): Promise<void> {
  for (const file of [linked, "reportables/base_fit_plot.png"]) {
    await mkdir(path.dirname(path.join(runDir, file)), { recursive: true });
    await writeFile(path.join(runDir, file), PNG_1X1);
  }
  await writeFile(path.join(runDir, "log.txt"), "log\n");
  await writeRunDocument(runDir, bigRun(linked));
}

/** Every file under `dir`, relative to it, with its bytes in hex (vitest compares buffers byte by byte, slowly). */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), (await readFile(full)).toString("hex"));
  }
  return files;
}

describe("background writes of a fresh report folder", () => {
  it("are all on disk, byte for byte, when the build returns", async () => {
    const base = await tempDir("curi-async-");
    const runDir = path.join(base, "run");
    await writeBigRun(runDir, "reportables/linked.png");
    const outDir = path.join(base, "site");
    const memory = await buildSite(runDir, { outDir, target: new MemoryTarget(outDir), incremental: false });
    const disk = await buildSite(runDir, { outDir, incremental: false });
    expect(disk.failures).toEqual([]);
    const [report] = disk.reports;
    const folder = report!.folder;
    const files = memory.reports[0]!.memory!;
    const written = files.list().filter((f) => f.startsWith(`${folder}/`));
    expect(written.length).toBeGreaterThan(WRITE_QUEUE_LIMITS.syncFiles + 100);
    const onDisk = await snapshot(path.join(outDir, folder));
    expect([...onDisk.keys()].map((f) => `${folder}/${f.split(path.sep).join("/")}`).sort()).toEqual(written);
    for (const file of written)
      expect(onDisk.get(path.join(...file.slice(folder.length + 1).split("/"))), file).toBe(
        Buffer.from(await files.read(file)).toString("hex"),
      );
  });

  it("fail the build with the file named when one fails amid the report, and leave the previous report whole", async () => {
    // A real failure of one write: the linked file's path fits the run folder but, under the
    // longer site folder, is past the system's path limit (ENAMETOOLONG), while its folder is not.
    const base = await tempDir("curi-async-fail-");
    const runDir = path.join(base, "run");
    const outDir = path.join(base, "s".repeat(250));
    await writeBigRun(runDir, "reportables/linked.png");
    const first = await buildSite(runDir, { outDir, incremental: false });
    expect(first.failures).toEqual([]);
    const folder = first.reports[0]!.folder;
    const before = await snapshot(outDir);

    // The report is written in `<site>/.tmp-<folder>-<pid>-<n>/` (n of a few digits): aim its path
    // 50 characters past the limit of 4,095, in folders of 150 and a name of 100 to 250.
    const tempRoot = path.join(outDir, `.tmp-${folder}-${process.pid}-00`);
    const budget = 4095 + 50 - tempRoot.length - "/reportables/".length;
    const folders = Array.from({ length: Math.floor((budget - 100) / 151) }, (_, i) => `${i}`.padEnd(150, "d"));
    const name = `${"f".repeat(budget - folders.length * 151 - 4)}.png`;
    const deep = ["reportables", ...folders, name].join("/");
    expect(path.join(runDir, deep).length).toBeLessThan(4000);
    await writeBigRun(runDir, deep);
    const failed = await buildSite(runDir, { outDir, incremental: false });
    expect(failed.reports).toEqual([]);
    const error = failed.failures[0]?.error;
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toMatch(/^Cannot write \S+ \(ENAMETOOLONG\)/);
    expect((error as Error).message).toContain(name);
    // The previous report is there as it was, and no temp or aside folder is left behind.
    expect(await snapshot(outDir)).toEqual(before);
    expect((await readdir(outDir)).filter((n) => n.startsWith(".tmp-") || n.startsWith(".old-"))).toEqual([]);
    expect(before.has(path.join(folder, "index.html"))).toBe(true);
  });
});
