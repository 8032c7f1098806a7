/**
 * Comparison data past the bound of one file, in process: the main file and its chunks load in a
 * page as compare.html loads them (scripts filing their parts under the report folder's name) and
 * merge back into exactly the data, every record kept; the build reads them back the same way; a
 * missing, damaged or foreign chunk (another report's, or another build's) makes the data unreadable (the comparison is left out) rather
 * than partly read. The same merge runs in Chromium in test/site/compareApp.test.ts.
 */
import { RunContext } from "../../../src/render/context.js";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { chunkProblem, mergeCompareData, type CompareDataChunk } from "../../../src/render/compare/compareChunks.js";
import { compareData, type RunCompareData } from "../../../src/render/compare/compareCore.js";
import { compareDataOf, SITE_LIMITS } from "../../../src/render/compare/compareData.js";
import {
  compareDataFiles,
  readCompareData,
  type CompareDataFile,
} from "../../../src/render/compare/compareDataFiles.js";
import type { Run } from "../../../src/run/model.js";
import { sweepRun } from "./sweep.js";

/** Names a run may hold that a script must keep as they are: `__proto__` as a plain key, quotes, backslashes, a line separator. */
const ODD_NAMES: Record<number, string> = { 1: "__proto__", 2: "it's \\'a\\ \u2028\"b\"" };

/** A sweep of `n` records, two of them with args sets of odd names. */
function run(n: number): Run {
  const r = sweepRun({ n });
  const rename = <T extends object>(x: T, i: number, key: keyof T): T =>
    ODD_NAMES[i] === undefined ? x : { ...x, [key]: ODD_NAMES[i] };
  return {
    ...r,
    args: r.args.map((a, i) => rename(a, i, "name")),
    records: r.records.map((x, i) => rename(x, i, "argsName")),
  };
}

const MAX_BYTES = 20_000;
const data = compareDataOf(new RunContext(run(400)), { limits: { ...SITE_LIMITS, maxBytes: MAX_BYTES } });
const files = compareDataFiles(data, MAX_BYTES);

/** The data read back from `files` as the build reads it. */
const readBack = (from: readonly CompareDataFile[]): Promise<RunCompareData | null> =>
  readCompareData(data.folder, (name) => Promise.resolve(from.find((f) => f.name === name)?.text ?? null));

describe("comparison data in chunk files", () => {
  it("splits a run past the bound into files within it, which merge back into every record", async () => {
    expect(files.length).toBeGreaterThan(3);
    expect(files.map((f) => f.name)).toEqual([
      "compare-data.js",
      ...files.slice(1).map((_, i) => `compare-data-${i + 1}.js`),
    ]);
    expect(files.every((f) => Buffer.byteLength(f.text) <= MAX_BYTES)).toBe(true);
    const back = await readBack(files);
    expect(back).toEqual(data);
    expect(back?.records.length).toBe(400);
    expect(Object.keys((back?.facts as { args: object }).args)).toEqual(
      expect.arrayContaining(Object.values(ODD_NAMES)),
    );
  });

  it("loads in a page as compare.html loads it: the main file names its chunks, each files its part under the folder", () => {
    const window: {
      curiCompareData?: Record<string, RunCompareData>;
      curiCompareChunks?: Record<string, Record<number, unknown>>;
    } = {};
    for (const f of files) runInNewContext(f.text, { window });
    const main = window.curiCompareData?.[data.folder] as RunCompareData;
    expect([main.chunks, main.records.length, main.dataDigest]).toEqual([
      files.length - 1,
      0,
      expect.stringMatching(/^[0-9a-f]{32}$/),
    ]);
    const chunks = files.slice(1).map((_, i) => window.curiCompareChunks?.[data.folder]?.[i + 1]);
    expect(chunks.map((c, i) => chunkProblem(c, main, i + 1))).toEqual(chunks.map(() => null));
    const merged = mergeCompareData(main, chunks as CompareDataChunk[]);
    expect(merged).toEqual(JSON.parse(JSON.stringify(data)));
    expect(Object.keys((merged.facts as { args: object }).args)).toEqual(
      expect.arrayContaining(Object.values(ODD_NAMES)),
    );
    // Compared with itself, all 400 records are there and the same.
    expect(compareData([merged, data]).dag).toEqual([]);
    expect(compareData([merged, { ...data, records: data.records.slice(1) }]).dag).toEqual([
      { record: "m0", run: 1, change: "record removed", stage: null, details: [] },
    ]);
  });

  it("reads nothing from a main file whose chunks are missing, damaged, out of order or another report's", async () => {
    const [main, first, second, ...rest] = files as [
      CompareDataFile,
      CompareDataFile,
      CompareDataFile,
      ...CompareDataFile[],
    ];
    expect(await readBack([main, second, ...rest])).toBeNull();
    expect(await readBack([main, { ...first, text: first.text.slice(0, -10) }, second, ...rest])).toBeNull();
    expect(
      await readBack([main, { ...first, text: second.text }, { ...second, text: first.text }, ...rest]),
    ).toBeNull();
    const other = compareDataFiles({ ...data, folder: "other" }, MAX_BYTES);
    expect(await readBack([main, { ...first, text: other[1]?.text ?? "" }, second, ...rest])).toBeNull();
    // A chunk of another build of this report (a browser's cached one): same folder and number, other data.
    const rebuilt = compareDataFiles(
      { ...data, records: data.records.map((r, i) => (i === 0 ? { ...r, key: "changed" } : r)) },
      MAX_BYTES,
    );
    expect(rebuilt[1]?.text).not.toBe(first.text);
    expect(await readBack([main, { ...first, text: rebuilt[1]?.text ?? "" }, second, ...rest])).toBeNull();
    // As compare.html sees them: a chunk of another number or folder is refused with a reason.
    const main2 = { ...data, chunks: 2, dataDigest: "0123456789abcdef" };
    const chunk = {
      version: data.version,
      folder: data.folder,
      chunk: 1,
      dataDigest: main2.dataDigest,
      records: [],
      args: {},
      record_metrics: {},
      reportables: [],
    };
    expect(chunkProblem(chunk, main2, 1)).toBeNull();
    expect(chunkProblem({ ...chunk, chunk: 2 }, main2, 1)).toMatch(/^is not chunk 1 of this report's comparison data/);
    expect(chunkProblem({ ...chunk, dataDigest: "fedcba9876543210" }, main2, 1)).toMatch(
      /^is not chunk 1 of this report's comparison data/,
    );
    expect(chunkProblem({ ...chunk, records: {} }, main2, 1)).toBe("is damaged");
    expect(chunkProblem(undefined, main2, 1)).toBe("holds no comparison data");
  });

  it("still reads a version 1 file (one file, possibly only its first records) that older reports hold", async () => {
    const v1 = { ...data, version: 1, chunks: undefined, records: data.records.slice(0, 10), partial: true };
    const text = `(window.curiCompareData = window.curiCompareData || {})[${JSON.stringify(data.folder)}] = ${JSON.stringify(v1)};\n`;
    const back = await readBack([{ name: "compare-data.js", text }]);
    expect([back?.version, back?.records.length, back?.partial]).toEqual([1, 10, true]);
    // A main file naming an absurd number of chunks is not trusted.
    const absurd = compareDataFiles({ ...data, chunks: 0 }, 1e9)[0]?.text.replace('"chunks":0', '"chunks":-1') ?? "";
    expect(await readBack([{ name: "compare-data.js", text: absurd }])).toBeNull();
  });
});
