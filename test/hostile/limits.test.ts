/**
 * The limits that keep one huge value from swamping a page, each found by a hostile fixture
 * (huge-strings-everywhere, huge-run-info-strings): a table cell, a table's width and size, an
 * HTML reportable's frame, and any single field are cut with a visible marker or note.
 */
import { describe, expect, it } from "vitest";
import { renderReportable } from "../../src/render/reportables/index.js";
import { MAX_CELL_CHARS, MAX_TABLE_COLUMNS, MAX_TABLE_HTML_CHARS } from "../../src/render/markup/table.js";
import { clipField, ellipsize, MAX_FIELD_CHARS } from "../../src/util/clip.js";
import { context, reportable } from "../render/reportables/make.js";

describe("clipField", () => {
  it("keeps text up to the limit and marks a cut with how much was left out", () => {
    expect(clipField("short")).toBe("short");
    expect(clipField("x".repeat(MAX_FIELD_CHARS))).toHaveLength(MAX_FIELD_CHARS);
    expect(clipField("abcdef", 3)).toBe("abc… [3 more characters]");
    expect(clipField("x".repeat(1_234_567), 0)).toBe("… [1,234,567 more characters]");
  });

  it("never splits a surrogate pair", () => {
    expect(clipField("ab😀cd", 3)).toBe("ab… [4 more characters]");
  });
});

describe("ellipsize", () => {
  it("keeps text of up to max characters and ends a longer one with … at max characters, never splitting one", () => {
    expect(ellipsize("abc", 3)).toBe("abc");
    expect(ellipsize("abcd", 3)).toBe("ab…");
    expect(ellipsize("😀😀😀", 3)).toBe("😀😀😀");
    expect(ellipsize("😀😀😀😀", 3)).toBe("😀😀…");
    expect(ellipsize("x".repeat(5_000_000), 80)).toHaveLength(80);
  });
});

describe("table reportables with huge content", () => {
  const huge = (columns: number, rows: number, cell: string) =>
    reportable({
      kind: "table",
      table: {
        columns: Array.from({ length: columns }, (_, i) => `c${i}`),
        columnTypes: Array(columns).fill("string"),
        index: null,
        rows: Array.from({ length: rows }, () => Array(columns).fill(cell)),
        floatPrecision: 2,
      },
    });

  it("cuts a 10 MB cell to its first characters with a marker", () => {
    const html = renderReportable(huge(1, 1, "<b>".repeat(3_500_000)), context()).html;
    expect(html.length).toBeLessThan(10 * MAX_CELL_CHARS);
    expect(html).toContain(`more characters]</td>`);
  });

  it("shows the first columns of a very wide table and says so", () => {
    const html = renderReportable(huge(MAX_TABLE_COLUMNS + 300, 2, "v"), context()).html;
    expect(html.match(/<th scope="col"/g)).toHaveLength(MAX_TABLE_COLUMNS);
    expect(html).toContain(`Showing the first ${MAX_TABLE_COLUMNS} of ${MAX_TABLE_COLUMNS + 300} columns.`);
  });

  it("stops adding rows once the table's HTML is big enough, and says how many it shows", () => {
    const html = renderReportable(huge(50, 1_000, "y".repeat(MAX_CELL_CHARS)), context()).html;
    expect(html.length).toBeLessThan(MAX_TABLE_HTML_CHARS + 200_000);
    expect(html).toMatch(/Showing the first \d+ of 1,000 rows\./);
  });
});
