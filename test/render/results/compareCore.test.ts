/**
 * The comparison core on compact data, in process: the data file's form (as the browser loads
 * it), its bound at 1,000 records (compareChunks.test.ts: its chunks), cell-level table diffs, and the URL picker of the
 * site's compare.html. The same core runs in Chromium in test/site/compareApp.test.ts.
 */
import { RunContext } from "../../../src/render/context.js";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { pickedFolders } from "../../../src/browser/compareApp.js";
import { compareData, type CompactTable } from "../../../src/render/compare/compareCore.js";
import { compareDataOf, SITE_LIMITS } from "../../../src/render/compare/compareData.js";
import {
  compareDataFiles,
  compareDataScript,
  parseCompareDataScript,
  readCompareData,
} from "../../../src/render/compare/compareDataFiles.js";
import { compactSide } from "../../../src/render/compare/compareSides.js";
import type { Reportable, Run } from "../../../src/run/model.js";
import { diffTables, tableDiffHtml } from "../../../src/render/compare/tableDiff.js";
import { sweepRun } from "./sweep.js";

const base = sweepRun({ n: 4 });
const changed = sweepRun({
  n: 4,
  info: { reference: "sweep_2_2026-11-30-T130000", runNumber: 2 },
  lr: (i) => (i === 2 ? 0.5 : 0.01 * (i + 1)),
  accuracy: (i) => (i === 2 ? 0.1 : 0.5 + i / 8),
});

const table = (columns: string[], rows: string[][], index: string[] | null = null): CompactTable => ({
  columns,
  rows,
  index,
  totalRows: rows.length,
});

describe("comparison data", () => {
  it("loads in a page as compare.html loads it, and reads back as the build reads it", () => {
    const data = compareDataOf(new RunContext(base));
    const text = compareDataScript(data);
    const window: { curiCompareData?: Record<string, unknown> } = {};
    runInNewContext(text, { window });
    expect(window.curiCompareData?.[data.folder]).toEqual(JSON.parse(JSON.stringify(data)));
    expect(parseCompareDataScript(text, data.folder)).toEqual(data);
    // Another folder's file, or a damaged one, is not taken for this report's data.
    expect(parseCompareDataScript(text, "other")).toBeNull();
    expect(parseCompareDataScript(text.slice(0, -5), data.folder)).toBeNull();
  });

  it("compares two runs from their data: the changed arg, the worse metric, and nothing else", () => {
    const c = compareData([compareDataOf(new RunContext(base)), compareDataOf(new RunContext(changed))]);
    expect(c.facts.args.map((a) => [a.set, a.key, ...a.values])).toEqual([["m2", "lr", "0.03", "0.5"]]);
    expect(c.facts.metrics.map((m) => [m.record, m.name, m.verdicts[1]])).toEqual([["m2", "accuracy", "worse"]]);
    expect(c.reportables).toEqual([]);
    expect(c.dag).toEqual([]);
  });

  it("lists images by the digest of their files, side by side from each report", () => {
    const image = (run: Run, file: string): Run => ({
      ...run,
      reportables: [
        {
          qualifiedName: "plot",
          name: "plot",
          group: null,
          record: 0,
          stage: "train",
          files: [],
          kind: "figure",
          format: "png",
          alt: null,
          file: { relative: file, absolute: `/x/${file}` },
        } as Reportable,
      ],
    });
    const digest = (r: { file: { absolute: string } }) => (r.file.absolute.includes("new") ? "2" : "1");
    const same = compareData([
      compareDataOf(new RunContext(image(base, "a.png")), { fileDigest: digest }),
      compareDataOf(new RunContext(image(changed, "b.png")), { fileDigest: digest }),
    ]);
    expect([same.reportables.length, same.sameReportables]).toEqual([0, 1]);
    const other = compareData([
      compareDataOf(new RunContext(image(base, "a.png")), { fileDigest: digest }),
      compareDataOf(new RunContext(image(changed, "new.png")), { fileDigest: digest }),
    ]);
    expect(other.reportables.map((r) => r.qualifiedName)).toEqual(["plot"]);
    // Without digests an image cannot be known to be the same, so it is listed.
    expect(
      compareData([
        compareDataOf(new RunContext(image(base, "a.png"))),
        compareDataOf(new RunContext(image(changed, "a.png"))),
      ]).reportables,
    ).toHaveLength(1);
    const side = compactSide("../../run a/", other.reportables[0]?.perRun[1] ?? null);
    expect(side).toContain('<img src="../../run a/reportables/plot.png" alt="plot"');
    expect(side).toContain('href="../../run a/index.html#r-plot"');
  });

  // The bench measures the site's bound at 1,000 to 50,000 records; here 1,000 records, with the
  // site's bound (one file, nothing cut) and with one that forces digests and chunk files.
  for (const maxBytes of [SITE_LIMITS.maxBytes, 150_000]) {
    it(`keeps every record of 1,000 in files of at most ${maxBytes.toLocaleString("en-US")} bytes, and says what it left out`, async () => {
      const n = 1_000;
      const limits = { ...SITE_LIMITS, maxBytes };
      const run = (r: Run, v: number): Run => ({
        ...r,
        artifacts: r.records.map((_, i) => ({
          index: i,
          record: i,
          name: "model",
          string: `Model(depth=${i % 5}, version=${v})`,
          path: null,
          metadata: null,
        })),
        records: r.records.map((x, i) => ({ ...x, stageOutputs: [[i]] })),
      });
      const [a, b] = [run(sweepRun({ n }), 1), run(sweepRun({ n, lr: (i) => (i === 3 ? 1 : 0.01 * (i + 1)) }), 2)];
      const [da, db] = [compareDataOf(new RunContext(a), { limits }), compareDataOf(new RunContext(b), { limits })];
      const files = compareDataFiles(da, maxBytes);
      expect(Math.max(...files.map((f) => Buffer.byteLength(f.text)))).toBeLessThanOrEqual(maxBytes);
      const byName = new Map(files.map((f) => [f.name, f.text]));
      const back = await readCompareData(da.folder, (name) => Promise.resolve(byName.get(name) ?? null));
      expect(back).toEqual(da);
      const c = compareData([back ?? da, db]);
      expect(c.facts.args.map((x) => x.set)).toEqual(["m3"]);
      expect(c.dag.length).toBe(n);
      expect(c.dag.filter((d) => d.change !== "stage changed")).toEqual([]);
      if (maxBytes === SITE_LIMITS.maxBytes) {
        expect([files.map((f) => f.name), da.cut, c.dag[0]?.details]).toEqual([
          ["compare-data.js"],
          [],
          ["− model = Model(depth=0, version=1)", "+ model = Model(depth=0, version=2)"],
        ]);
      } else {
        expect(files.map((f) => f.name)).toEqual([
          "compare-data.js",
          ...Array.from({ length: files.length - 1 }, (_, i) => `compare-data-${i + 1}.js`),
        ]);
        expect(files.length).toBeGreaterThan(2);
        expect(da.cut.join(" ")).toMatch(/^stage outputs are kept as digests/);
        // Changed stages are named without their artifacts, which the digests no longer hold.
        expect(c.dag.every((d) => d.details.length === 0)).toBe(true);
      }
    });
  }
});

describe("table cell diff", () => {
  it("matches rows by index label and columns by name, and marks changed, added and removed ones in words", () => {
    const a = table(
      ["acc", "f1", "old"],
      [
        ["0.5", "0.4", "x"],
        ["0.6", "0.5", "y"],
      ],
      ["fold0", "fold1"],
    );
    const b = table(
      ["f1", "acc", "new"],
      [
        ["0.5", "0.7", "z"],
        ["0.4", "0.5", "w"],
        ["0.1", "0.1", "v"],
      ],
      ["fold1", "fold0", "fold2"],
    );
    const d = diffTables(a, b);
    expect(d.columns).toEqual([
      { name: "acc", presence: "both" },
      { name: "f1", presence: "both" },
      { name: "old", presence: "removed" },
      { name: "new", presence: "added" },
    ]);
    expect(d.rows.map((r) => [r.label, r.presence])).toEqual([
      ["fold0", "both"],
      ["fold1", "both"],
      ["fold2", "added"],
    ]);
    expect(d.changed).toBe(1); // fold1's acc: 0.6 → 0.7; fold0 only moved
    expect(d.rows[1]?.cells[0]).toEqual({ before: "0.6", after: "0.7", changed: true });
    const html = tableDiffHtml(d, "Run 2 against the base");
    expect(html).toContain("<caption>Run 2 against the base: 1 changed cell, 1 row added.</caption>");
    expect(html).toContain('<th scope="col" class="col-removed">old <span class="presence">(removed)</span></th>');
    expect(html).toContain('<tr class="row-added"><th scope="row">fold2 <span class="presence">(added)</span></th>');
    expect(html).toContain('<span class="visually-hidden">changed: </span><del>0.6</del> <ins>0.7</ins>');
  });

  it("matches rows by position without an index, escapes every cell, and says when tables were cut", () => {
    const d = diffTables(table(["c"], [["<b>"], ["2"], ["3"]]), { ...table(["c"], [["<i>"], ["2"]]), totalRows: 500 });
    expect(d.rows.map((r) => [r.label, r.presence])).toEqual([
      ["1", "both"],
      ["2", "both"],
      ["3", "removed"],
    ]);
    const html = tableDiffHtml(d, "t");
    expect(html).toContain("<del>&lt;b&gt;</del> <ins>&lt;i&gt;</ins>");
    expect(html).toContain("1 row removed");
    expect(html).toContain("Only the first rows of each table are compared.");
  });
});

describe("compare.html's runs from its address", () => {
  const known = new Set(["run-1", "run-2", "run-3"]);
  it("takes the site's report folders from the query or the hash, in order, and nothing else", () => {
    expect(pickedFolders("?runs=run-3,run-1", "", known)).toEqual(["run-3", "run-1"]);
    expect(pickedFolders("", "#runs=run-1,run-2", known)).toEqual(["run-1", "run-2"]);
    expect(pickedFolders("?runs=run-1,../secret,run-1,https://x,run-9", "", known)).toEqual(["run-1"]);
    expect(pickedFolders("?runs=../x", "", new Set(["../x"]))).toEqual([]);
  });
});
