/**
 * A sweep's comparison data past the bound of one file, through real site builds on disk (with
 * the bound lowered, so a few records stand for 50,000): the report folder holds compare-data.js
 * and its chunk files, each within the bound; the "vs previous" page is made from all of them with
 * every record compared (by a memory build too); a rebuild that needs fewer files leaves no stale chunk behind; a lost
 * chunk leaves that comparison out instead of failing the build.
 */
import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCompareData } from "../../src/render/compare/compareDataFiles.js";
import type { WireRun } from "../../src/run/wire.js";
import { writeRunDocument } from "../../src/run/write.js";
import { buildSite } from "../../src/site/buildSite.js";
import { checkSite } from "../../src/site/check.js";
import { comparePrevious } from "../../src/site/comparePrevious.js";
import { tempDir, wireRun } from "./helpers/runs.js";
import { MemoryTarget } from "../../src/site/MemoryTarget.js";
import { DiskTarget } from "../../src/site/DiskTarget.js";

/** Bound of each comparison data file in these builds: 30 records need 3 chunks, 2 records one file. */
const MAX_BYTES = 2_000;

/** Run `n` of experiment `tiny`: `records` records, each with its own args set (`seed` in all) and a model output. */
function sweepWire(n: number, records: number, seed: number): WireRun {
  const doc = wireRun(n);
  const args = Array.from({ length: records }, (_, i) => ({
    name: `s${i}`,
    hash: `h${i}-${seed}`,
    values: { name: `s${i}`, lr: 0.01 * (i + 1), seed },
  }));
  return {
    ...doc,
    run_info: { ...doc.run_info, params: {}, param_files: null },
    args,
    records: args.map((a, i) => ({
      index: i,
      name: `Record ${i} (${a.name})`,
      args_hash: a.hash,
      args_name: a.name,
      is_aggregate: false,
      combo_hash: null,
      input_records: [],
      stages: ["fit"],
      stage_inputs: [[]],
      stage_outputs: [[i]],
      state_artifact_reps: { model: i },
      stored_paths: [],
    })),
    artifacts: args.map((_, i) => ({
      record: i,
      name: "model",
      string: `Model(depth=${i % 4}, seed=${seed}) ${"x".repeat(60)}`,
      path: null,
      metadata: null,
    })),
    reportables: [],
    log: null,
  };
}

async function writeSweep(runsDir: string, n: number, records: number, seed: number): Promise<string> {
  const doc = sweepWire(n, records, seed);
  const dir = path.join(runsDir, doc.run_info.reference);
  await writeRunDocument(dir, doc);
  return doc.run_info.reference;
}

/** The comparison data files of a report folder, with their sizes. */
async function dataFiles(folder: string): Promise<[string, number][]> {
  const names = (await readdir(folder)).filter((f) => /^compare-data(-\d+)?\.js$/.test(f)).sort();
  return Promise.all(names.map(async (f): Promise<[string, number]> => [f, (await stat(path.join(folder, f))).size]));
}

/** The data of report folder `folder` of `site`, read as the build reads it. */
const readBack = (site: string, folder: string) =>
  readCompareData(folder, (name) => readFile(path.join(site, folder, name), "utf8").catch(() => null));

describe("comparison data in chunk files", () => {
  it("keeps every record of a big run, and a rebuild that needs fewer files leaves none behind", async () => {
    const runsDir = path.join(await tempDir("curi-chunks-"), "runs");
    const site = path.join(path.dirname(runsDir), "site");
    const options = {
      outDir: site,
      stateDir: path.join(path.dirname(runsDir), "state"),
      version: "0.0.0-test",
      compareDataMaxBytes: MAX_BYTES,
    };
    const [first, second] = [await writeSweep(runsDir, 1, 30, 1), await writeSweep(runsDir, 2, 30, 2)];
    const built = await buildSite(runsDir, options);
    expect(built.failures).toEqual([]);
    const files = await dataFiles(path.join(site, second));
    expect(files.map(([f]) => f)).toEqual([
      "compare-data-1.js",
      "compare-data-2.js",
      "compare-data-3.js",
      "compare-data.js",
    ]);
    expect(files.every(([, size]) => size <= MAX_BYTES)).toBe(true);
    const data = await readBack(site, second);
    expect([
      data?.records.length,
      Object.keys((data?.facts as { args: object }).args).length,
      data?.records[29]?.key,
    ]).toEqual([30, 30, "s29"]);
    // The "vs previous" page compares all 30 records: every args set's seed and every model changed.
    expect(built.comparisons).toEqual([`compare/${first}--${second}/index.html`]);
    const page = await readFile(path.join(site, built.comparisons[0] ?? ""), "utf8");
    expect(page).toContain('<a href="#compare-args">Args (30 changed)</a>');
    expect(page).toContain('<a href="#compare-dag">Stage DAG (30 changes)</a>');
    expect(await checkSite(site)).toEqual([]);
    // A memory build reads the chunks it wrote, not the site's: the same comparison, from the same files.
    const memory = await buildSite(runsDir, {
      ...options,
      outDir: path.join(path.dirname(site), "memory"),
      target: new MemoryTarget(path.join(path.dirname(site), "memory")),
    });
    const inMemory = memory.index?.memory;
    expect([memory.comparisons, inMemory?.list().filter((f) => f.startsWith(`${second}/compare-data`))]).toEqual([
      built.comparisons,
      files.map(([f]) => `${second}/${f}`),
    ]);
    expect(await inMemory?.readText(built.comparisons[0] ?? "")).toBe(page);

    // The run shrinks to 2 records: its report is rewritten with the folder, chunks and all.
    await rm(path.join(runsDir, second), { recursive: true });
    await writeSweep(runsDir, 2, 2, 2);
    const rebuilt = await buildSite(runsDir, options);
    expect([rebuilt.failures, rebuilt.reports.map((r) => r.folder)]).toEqual([[], [second]]);
    expect((await dataFiles(path.join(site, second))).map(([f]) => f)).toEqual(["compare-data.js"]);
    expect((await readBack(site, second))?.records.map((r) => r.key)).toEqual(["s0", "s1"]);
    expect(await checkSite(site)).toEqual([]);

    // A chunk of the previous run lost: the comparison is left out, the build does not fail.
    await rm(path.join(site, first, "compare-data-2.js"));
    expect(await readBack(site, first)).toBeNull();
    expect(
      await comparePrevious({
        target: new DiskTarget(site),
        built: rebuilt.reports.map((r) => r.indexed),
        version: "0.0.0-test",
      }),
    ).toEqual([]);
  });
});
