import { describe, expect, it } from "vitest";
import { MAX_DERIVED_PER_RECORD } from "../../../src/render/facts/metrics.js";
import { renderReport } from "../../../src/render/report.js";
import { RunContext } from "../../../src/render/context.js";
import { renderResultsSection } from "../../../src/render/views/resultsPages.js";
import { buildResultsSection, RESULTS_PAGE_ROWS, RESULTS_TOP_ROWS } from "../../../src/render/views/results.js";
import { json } from "../pages/make.js";
import { RunBuilder } from "../helpers/runs.js";
import { sweepRun } from "./sweep.js";

const target = (i: number) => ({ path: `records/${i}.html`, anchor: null });

/** Text of each body row's first cell and the accuracy cell, from the rendered HTML. */
function rowsOf(html: string): string[] {
  const body = html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
  return [...body.matchAll(/<bdi>([^<]*)<\/bdi>/g)].map((m) => m[1] ?? "");
}

describe("results table", () => {
  it("leads the report: after the contents, before reportables, sorted by the first metric with the best marked", async () => {
    const run = { ...sweepRun({ n: 5 }), reportables: [json("m0_train_scores", 0, null, { note: "no numbers" })] };
    const report = await renderReport(run, { version: "test" });
    const html = String(report.files.find((f) => f.path === "index.html")?.content);
    const results = html.indexOf('id="results"');
    expect(results).toBeGreaterThan(html.indexOf('id="contents"'));
    expect(results).toBeLessThan(html.indexOf('id="reportables"'));
    expect(html).toContain('<a href="#results">Results</a>');
    // accuracy grows with i, so the best record (m4) is first and marked; the only differing arg is lr.
    expect(rowsOf(html)).toEqual(["m4", "m3", "m2", "m1", "m0"]);
    expect(html).toMatch(/<th scope="col" class="arg" data-kind="text" title="args: lr">lr<\/th>/);
    expect(html).not.toMatch(/title="args: seed"/);
    expect(html.match(/class="best"/g)?.length).toBe(2); // best accuracy (m4) and best final loss (m4)
    expect(html).toContain('<svg class="sparkline"');
  });

  it("is left out of a run without metrics", async () => {
    const b = new RunBuilder();
    b.stage(b.record("a"), "s", { outputs: ["x"] });
    const report = await renderReport(b.build(), { version: "test" });
    const html = String(report.files.find((f) => f.path === "index.html")?.content);
    expect(html).not.toContain('id="results"');
    expect(html).not.toContain("#results");
  });

  it("derives metrics from top-level numbers of JSON reportables and marks them derived", () => {
    const b = new RunBuilder();
    b.record("a");
    b.record("b");
    b.record(null, { aggregate: true, inputRecords: [0, 1] });
    const run = {
      ...b.build(),
      reportables: [
        json("a_scores", 0, null, { f1: 0.7, note: "x" }),
        json("b_scores", 1, null, { f1: 0.9 }),
        json("agg", 2, null, { best: 0.9 }),
      ],
    };
    const view = buildResultsSection(new RunContext(run), target).view;
    expect(view?.table?.columns.map((c) => [c.label, c.derived])).toEqual([["f1", true]]);
    expect(view?.table?.rows.map((r) => r.name)).toEqual(["b", "a"]);
    expect(view?.runMetrics).toEqual([{ name: "best", text: "0.9", derived: true, goal: null, spark: null }]);
  });

  it("derives no metrics from a record whose JSON reportables hold more numbers than headline metrics (an aggregate's per-record stats)", () => {
    const b = new RunBuilder();
    b.record("a");
    b.record(null, { aggregate: true, inputRecords: [0] });
    const stats = (n: number) =>
      Array.from({ length: n }, (_, i) => json(`p${i}_stats`, 1, null, { mean: i, max: i + 1 }));
    const run = (n: number) => ({ ...b.build(), reportables: [json("a_scores", 0, null, { f1: 0.7 }), ...stats(n)] });
    // 50 reportables × 2 numbers = 100: still metrics; 51 × 2 = 102: data.
    expect(buildResultsSection(new RunContext(run(MAX_DERIVED_PER_RECORD / 2)), target).view?.runMetrics).toHaveLength(
      MAX_DERIVED_PER_RECORD,
    );
    const big = buildResultsSection(new RunContext(run(MAX_DERIVED_PER_RECORD / 2 + 1)), target).view;
    expect(big?.runMetrics).toEqual([]);
    // Other records keep theirs.
    expect(big?.table?.columns.map((c) => c.label)).toEqual(["f1"]);
  });

  it("splits a big table into pages, each complete and linked, and keeps the best rows on the report page", () => {
    const n = 1000;
    const run = sweepRun({ n });
    const section = buildResultsSection(new RunContext(run), target);
    expect(section.view?.table?.rows.length).toBe(RESULTS_TOP_ROWS);
    expect(section.view?.table?.rows[0]?.name).toBe(`m${n - 1}`);
    expect(section.pages.length).toBe(Math.ceil(n / RESULTS_PAGE_ROWS));
    const all = section.pages.flatMap((p) => p.table.rows.map((r) => r.index));
    expect(new Set(all).size).toBe(n);
    expect(section.pages[1]?.table.rows[0]?.href).toBe(`../records/${n - 1 - RESULTS_PAGE_ROWS}.html`);
    expect(section.view?.pages.map((p) => p.href)).toEqual(section.pages.map((p) => p.path));
  });

  it("keeps every page well under 1 MiB at 10,000 records", async () => {
    const run = sweepRun({ n: 10_000 });
    const rendered = renderResultsSection(new RunContext(run), [], { version: "test" });
    const html = rendered.files.filter((f) => f.path.endsWith(".html"));
    expect(html.length).toBe(Math.ceil(10_000 / RESULTS_PAGE_ROWS));
    for (const p of html) expect(Buffer.byteLength(String(p.content))).toBeLessThan(512 * 1024);
    // The table as data pages (results/<p>.js) holds every record, each page within its bound.
    const data = rendered.files.filter((f) => f.path.endsWith(".js"));
    expect(data.length).toBeGreaterThan(1);
    for (const p of data) expect(Buffer.byteLength(String(p.content))).toBeLessThanOrEqual(512 * 1024);
    // Without record pages, rows lead to the record's block on the report page.
    expect(String(rendered.files[0]?.content)).toContain('href="../index.html#record-9999"');
  });
});
