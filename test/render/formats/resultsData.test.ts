/**
 * The results data pages (`results/<p>.js`) read back as `check` reads them: only the exact
 * `JSON.parse('…')` script curi-report writes, of page `p`, within its bound and schema. Anything
 * else could run as code on the run page, which loads these files with script elements.
 */
import { describe, expect, it } from "vitest";
import {
  MAX_RESULTS_DATA_BYTES,
  readResultsDataScript,
  RESULTS_DATA_PAGE_BYTES,
  resultsDataFiles,
  type DataRow,
} from "../../../src/render/formats/resultsData.js";

const columns = [{ label: "accuracy", kind: "metric" as const, goal: "max" as const }];
const row = (i: number): DataRow => ({
  index: i,
  name: `__proto__ ' \u2028 ${i}`,
  href: `records/${i}.html`,
  failed: i === 3,
  cells: [[String(i / 10), String(i / 10), i === 3 ? 3 : 0]],
  series: [
    [
      [0, 1],
      [1, null],
    ],
  ],
});

describe("results data pages", () => {
  it("hold every row in order, in pages within the bound, each read back as written", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => row(i));
    const { files, digest } = resultsDataFiles(columns, ["loss"], rows);
    expect(files.length).toBeGreaterThan(1);
    const back = files.flatMap((f, i) => {
      expect(Buffer.byteLength(f.content)).toBeLessThanOrEqual(RESULTS_DATA_PAGE_BYTES);
      const page = readResultsDataScript(f.content, f.path, i + 1);
      expect(page).toMatchObject({ page: i + 1, pages: files.length, total: rows.length, digest });
      return page.rows;
    });
    expect(back).toEqual(rows);
  });

  it("refuses code, another page's data and a page over its bound", () => {
    const [file] = resultsDataFiles(columns, [], [row(1)]).files;
    const text = file?.content ?? "";
    expect(() => readResultsDataScript(text, "r/results/1.js", 1)).not.toThrow();
    expect(() => readResultsDataScript(text.replace("JSON.parse(", "alert(1)||JSON.parse("), "f", 1)).toThrow(
      /not a results data page/,
    );
    expect(() => readResultsDataScript(`${text}fetch("//evil")\n`, "f", 1)).toThrow(/not a results data page/);
    expect(() => readResultsDataScript(text, "f", 2)).toThrow(/not a results data page/);
    expect(() => readResultsDataScript(text.replace('"page":1', '"page":2'), "f", 1)).toThrow(/holds page 2/);
    expect(() => readResultsDataScript(text.replace('"failed":false', '"failed":"no"'), "f", 1)).toThrow(
      /results-data\.schema\.json/,
    );
    expect(() => readResultsDataScript(text + " ".repeat(MAX_RESULTS_DATA_BYTES), "f", 1)).toThrow(/bound/);
  });
});
