/**
 * A comparison of two big sweeps that differ in every record stays a small page: each section
 * lists at most SECTION_LIMITS rows and says how many it left out, metrics get a summary per
 * metric over every record, and the largest changes are the ones listed.
 */
import { describe, expect, it } from "vitest";
import { compareRuns } from "../../../src/render/compare/compare.js";
import { renderComparePage } from "../../../src/render/views/comparePage.js";
import { SECTION_LIMITS } from "../../../src/render/compare/compareSections.js";
import { attr, scanHtml } from "../../../src/site/htmlScan.js";
import { sweepRun } from "./sweep.js";

const N = 1_500;
const base = sweepRun({ n: N, accuracy: () => 0.5 });
// Every record changes lr; accuracy gets better for even records and worse for odd ones, by i.
const other = sweepRun({
  n: N,
  info: { reference: "sweep_2_2026-11-30-T130000", runNumber: 2, timestamp: "2026-11-30-T130000" },
  lr: (i) => 0.05 * (i + 1),
  accuracy: (i) => 0.5 + (i % 2 === 0 ? 1 : -1) * (i / (4 * N)),
});

describe("a comparison of two sweeps that differ everywhere", () => {
  const c = compareRuns([base, other]);
  const html = renderComparePage(c, {
    version: "t",
    pagePath: "compare/x/index.html",
    reportFolder: () => null,
    style: "assets/style.css",
    script: "assets/report.js",
    indexPath: "index.html",
  });
  const tables = scanHtml(html).filter((t) => t.name === "table" && !t.closing);
  const rowsOf = (cls: string): number => {
    const at = tables.find((t) => (attr(t, "class") ?? "").split(" ").includes(cls));
    if (at === undefined) return -1;
    const end = html.indexOf("</table>", at.start);
    return (html.slice(at.start, end).match(/<tbody>|<tr>/g) ?? []).length - 2; // head row and <tbody>
  };

  it("has thousands of differences", () => {
    expect(c.facts.metrics.length).toBe(N - 1);
    expect(c.facts.args.length).toBe(N);
  });

  it("lists at most the limit in each section, saying how many there are", () => {
    expect(html.length).toBeLessThan(1024 * 1024);
    expect(rowsOf("metrics-diff")).toBe(SECTION_LIMITS.rows);
    expect(rowsOf("args-diff")).toBe(SECTION_LIMITS.rows);
    expect(html).toContain(`Showing the first 500 of 1,500 changed values.`);
    expect(html).toContain(`Showing 500 of ${c.facts.metrics.length.toLocaleString("en-US")} changed values`);
  });

  it("sums up every record per metric in the headline, better, worse and same", () => {
    const summary = html.slice(
      html.indexOf('class="compare-table metrics-headline"'),
      html.indexOf("</table>", html.indexOf("metrics-headline")),
    );
    // Record 0's accuracy does not move; the other 1,499 do: 749 even ones better, 750 odd ones worse.
    expect(summary).toMatch(/accuracy<\/bdi>.*?<td>749 better, 750 worse, 1 same<\/td>/);
  });

  it("lists the largest relative changes first", () => {
    const listed = c.facts.metrics.filter((m) => m.name === "accuracy");
    const largest = listed.reduce((a, b) =>
      Math.abs((b.values[1] ?? 0) - 0.5) > Math.abs((a.values[1] ?? 0) - 0.5) ? b : a,
    );
    // The biggest move is listed, the smallest (record 1's) is not.
    expect(html).toContain(`<bdi>${largest.record ?? ""}</bdi></td><td><bdi>accuracy</bdi>`);
    expect(html).not.toContain(`<bdi>m1</bdi></td><td><bdi>accuracy</bdi>`);
  });
});
