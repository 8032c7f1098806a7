import { describe, expect, it } from "vitest";
import { formatCell, renderDataTable } from "../../../src/render/markup/table.js";
import { renderReportable } from "../../../src/render/reportables/index.js";
import { context, reportable, table } from "./make.js";
import { decodeEntities, elementTexts, wellFormedProblems } from "./htmlCheck.js";

/** Text of every `<td>` of every body row, row by row. */
function bodyCells(html: string): string[][] {
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(html)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => elementTexts(m[1] ?? "", "td"));
}

describe("table reportables", () => {
  const rows = [
    [1, 0.123456, "x<y & z", true, 3],
    [2, 2, "b", false, 0.5],
  ];

  it("keeps an int column as ints and gives a float column its precision", () => {
    const html = renderReportable(reportable({ kind: "table", table: table(rows, ["a", "b"]) }), context()).html;
    const cells = bodyCells(html);
    expect(cells[0]?.[0]).toBe("1");
    expect(cells[0]?.[1]).toBe("0.1235");
    expect(cells[1]?.[1]).toBe("2.0000");
    expect(html).not.toContain("1.0000");
  });

  it("formats a mixed column per value, booleans as text, and escapes strings", () => {
    const html = renderReportable(reportable({ kind: "table", table: table(rows, ["a", "b"]) }), context()).html;
    const cells = bodyCells(html);
    expect(cells[0]?.slice(2)).toEqual(["x<y & z", "true", "3"]);
    expect(cells[1]?.slice(2)).toEqual(["b", "false", "0.5000"]);
    expect(html).toContain("x&lt;y &amp; z");
    expect(wellFormedProblems(html)).toEqual([]);
  });

  it("puts column headers in <thead> and row labels in <th scope=row>", () => {
    const html = renderReportable(
      reportable({ kind: "table", table: table(rows, ["first <row>", "second"]) }),
      context(),
    ).html;
    expect(html).toMatch(
      /^<div class="table-scroll"><table class="data-table"><thead><tr><td class="corner"><\/td><th scope="col" class="num">label<\/th>/,
    );
    const labels = [...html.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => decodeEntities(m[1] ?? ""));
    expect(labels).toEqual(["first <row>", "second"]);
    expect(html).toContain('<th scope="row">first &lt;row&gt;</th>');
  });

  it("has no row-label column when the table has no index", () => {
    const html = renderReportable(reportable({ kind: "table", table: table(rows) }), context()).html;
    expect(html).not.toContain('scope="row"');
    expect(html).not.toContain("corner");
  });

  it("right-aligns numbers through a class on the cell, not on text cells", () => {
    const html = renderDataTable(table(rows), 10).html;
    expect(html).toContain('<td class="num">1</td>');
    expect(html).toContain('<td class="num">0.1235</td>');
    expect(html).toContain("<td>x&lt;y &amp; z</td>");
    expect(html).toContain('<td class="bool">true</td>');
  });

  it("shows a huge table shortened, with a note naming both counts", () => {
    const many = Array.from({ length: 2500 }, (_, i) => [i, i / 3, `r${i}`, i % 2 === 0, null]);
    const html = renderReportable(
      reportable({ kind: "table", table: table(many) }),
      context({ maxTableRows: 1000 }),
    ).html;
    expect(bodyCells(html)).toHaveLength(1000);
    expect(html).toContain("Showing the first 1,000 of 2,500 rows.");
    expect(html).not.toContain(">r1000<");
  });

  it("uses 1000 rows by default and adds no note to a table that fits", () => {
    const many = Array.from({ length: 1001 }, (_, i) => [i, 0, "", false, null]);
    expect(bodyCells(renderReportable(reportable({ kind: "table", table: table(many) }), context()).html)).toHaveLength(
      1000,
    );
    const small = renderReportable(reportable({ kind: "table", table: table(rows) }), context()).html;
    expect(small).not.toContain("shortened-note");
  });

  it("renders an empty table as headers and an empty body", () => {
    const html = renderReportable(reportable({ kind: "table", table: table([]) }), context()).html;
    expect(html).toContain("<tbody></tbody>");
    expect(wellFormedProblems(html)).toEqual([]);
  });

  it("turns a row that does not match the columns into an error box naming the row", () => {
    const broken = table([
      [1, 0.5, "a", true, 1],
      [2, 0.5],
    ]);
    const fragment = renderReportable(reportable({ kind: "table", table: broken }), context());
    expect(fragment.html).toContain('<div class="error-box" role="alert">');
    expect(fragment.html).toContain("table row 1 has 2 cells but the table has 5 columns");
    expect(fragment.html).not.toContain("<table");
  });

  it("turns an index of the wrong length into an error box", () => {
    const fragment = renderReportable(reportable({ kind: "table", table: table(rows, ["only one"]) }), context());
    expect(fragment.html).toContain("table index has 1 labels but the table has 2 rows");
  });
});

describe("formatCell", () => {
  it("shows null, NaN and infinities sensibly", () => {
    expect(formatCell(null, "float", 4)).toEqual({ text: "null", className: "missing" });
    expect(formatCell(Number.NaN, "float", 4)).toEqual({ text: "NaN", className: "num missing" });
    expect(formatCell(Number.POSITIVE_INFINITY, "float", 4).text).toBe("∞");
    expect(formatCell(Number.NEGATIVE_INFINITY, "int", 4).text).toBe("-∞");
    expect(formatCell("NaN", "float", 4).text).toBe("NaN");
    expect(formatCell("-inf", "float", 4).text).toBe("-∞");
    expect(formatCell("inf", "string", 4).text).toBe("inf");
  });

  it("keeps big ints exact and never prints an exponent for them", () => {
    expect(formatCell(12345678901234567000, "int", 4).text).toBe("12345678901234567168");
    expect(formatCell(-0, "int", 4).text).toBe("0");
  });

  it("keeps the digits of a fraction found in an int column", () => {
    expect(formatCell(1.25, "int", 0).text).toBe("1.25");
  });

  it("clamps a nonsensical precision instead of throwing", () => {
    expect(formatCell(0.5, "float", -3).text).toBe("1");
    expect(formatCell(0.5, "float", 500).text).toBe((0.5).toFixed(20));
  });

  it("shows numbers in a string column as written", () => {
    expect(formatCell(0.1, "string", 2)).toEqual({ text: "0.1", className: "" });
  });
});
