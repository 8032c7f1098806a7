/**
 * Issue 21 point 12: a sweep's reportables are on pages of their own. Each page is titled by its
 * group and the records whose reportables it holds, the aggregate's come first (on the first page
 * and first in the run page's list), and a record's page shows its own reportables, not only links.
 */
import { describe, expect, it } from "vitest";
import { renderReport, type RenderedReport } from "../../../src/render/report.js";
import { MAX_RENDERED } from "../../../src/render/views/recordReportables.js";
import type { Reportable, Run } from "../../../src/run/model.js";
import { syntheticRun } from "../helpers/runs.js";
import { json } from "./make.js";
import { decodeEntities, fileText, pageProblems, textOf } from "./pageCheck.js";

/** Records in the sweep (and one aggregate, record N). */
const N = 60;

/** A sweep of N records, each reporting its config (and the first 30 a plot in group "fits"); the aggregate's leaderboard is reported last. */
function sweep(extra: Reportable[] = []): Run {
  const run = syntheticRun(N, { stages: ["train"], outputsPerStage: 1 });
  const reportables: Reportable[] = [];
  for (let r = 0; r < N; r++) reportables.push(json(`args${r}_train_config`, r, null, { record: r }));
  for (let r = 0; r < 30; r++) reportables.push(json(`args${r}_train_fit`, r, "fits", { fit: r }));
  reportables.push(json("(Aggregate)_compare_leaderboard", N, null, { best: "args59-leaderboard-body" }));
  return { ...run, reportables: [...reportables, ...extra] };
}

/** The text of an element's content with tags (and `<wbr>`) dropped. */
function plain(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ""));
}

/** A record page's Reportables section (it ends where the next section starts). */
const RECORD_REPORTABLES = /<section class="record-reportables"[\s\S]*?(?=<section class="neighbours")/;

async function report(run: Run): Promise<RenderedReport> {
  return renderReport(run, { version: "0.0.0-test" });
}

describe("a sweep's reportable pages", () => {
  it("are titled by group and record range, the aggregate's first", async () => {
    const out = await report(sweep());
    const pages = out.files.map((f) => f.path).filter((p) => /^reportables-\d+\.html$/.test(p));
    expect(pages).toEqual(["reportables-1.html", "reportables-2.html", "reportables-3.html", "reportables-4.html"]);
    const h1 = (p: string) => plain(/<h1>([\s\S]*?)<\/h1>/.exec(fileText(out, p))?.[1] ?? "");
    expect(pages.map(h1)).toEqual([
      "Reportables: Aggregate, record 60; fits, records 0–23",
      "Reportables: fits, records 24–29; Ungrouped, records 0–18",
      "Reportables: Ungrouped, records 19–43",
      "Reportables: Ungrouped, records 44–59",
    ]);
    const first = fileText(out, "reportables-1.html");
    expect(plain(/<title>([\s\S]*?)<\/title>/.exec(first)?.[1] ?? "")).toContain(
      "Reportables: Aggregate, record 60; fits, records 0–23 (page 1 of 4)",
    );
    // The leaderboard leads the first page, under its own heading.
    const headings = textOf(first, /<section class="reportable-group" id="group-\d+">\s*<h3>([\s\S]*?)<\/h3>/g);
    expect(headings.map((h) => h.replace(/<wbr>/g, ""))).toEqual(["Aggregate", "fits"]);
    expect(first.indexOf("args59-leaderboard-body")).toBeGreaterThan(-1);
    expect(first.indexOf("args59-leaderboard-body")).toBeLessThan(
      first.indexOf('<section class="reportable" id="r-args0'),
    );
    // The next page's link says what it holds.
    expect(plain(/<a href="reportables-2.html" rel="next">([\s\S]*?)<\/a>/.exec(first)?.[1] ?? "")).toBe(
      "page 2: fits, records 24–29; Ungrouped, records 0–18 →",
    );
    for (const p of pages) expect(pageProblems(fileText(out, p)), p).toEqual([]);
  });

  it("are listed on the run page by group, the aggregate's first, each link naming its records", async () => {
    const out = await report(sweep());
    const html = fileText(out, "index.html");
    const toc = /<nav class="reportables-toc"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "";
    const groups = textOf(toc, /<li class="toc-group">([\s\S]*?)<\/li>/g).map(plain);
    expect(groups).toEqual([
      "Aggregate (1): record 60",
      "fits (30): records 0–23, records 24–29",
      "Ungrouped (60): records 0–18, records 19–43, records 44–59",
    ]);
    expect(toc).toContain('<a href="reportables-1.html">record 60</a>');
  });

  it("keep a run that fits on one page in its own order (groups by first use, no aggregate heading)", async () => {
    const small = { ...sweep(), reportables: sweep().reportables.filter((r) => r.record < 3 || r.record === N) };
    const out = await report(small);
    const html = fileText(out, "index.html");
    const names = textOf(html, /<section class="reportable" id="[^"]*">\s*<h4>([\s\S]*?)<\/h4>/g).map(plain);
    expect(names).toEqual([
      "args0_train_fit",
      "args1_train_fit",
      "args2_train_fit",
      "args0_train_config",
      "args1_train_config",
      "args2_train_config",
      "(Aggregate)_compare_leaderboard",
    ]);
  });
});

describe("a record's page shows its own reportables", () => {
  it("renders them on the page, each linked to its place in the report", async () => {
    const out = await report(sweep());
    const aggregate = fileText(out, `records/${N}.html`);
    const section = RECORD_REPORTABLES.exec(aggregate)?.[0] ?? "";
    expect(section).toContain("args59-leaderboard-body");
    expect(section).toContain(
      '<a href="../reportables-1.html#r-Aggregate_compare_leaderboard-', // its place in full
    );
    const record = fileText(out, "records/3.html");
    const own = RECORD_REPORTABLES.exec(record)?.[0] ?? "";
    expect(textOf(own, /<h3>([\s\S]*?)<\/h3>/g).map(plain)).toEqual(["args3_train_config", "args3_train_fit"]);
    expect(own).toContain("&quot;record&quot;: 3");
    expect(pageProblems(record)).toEqual([]);
  });

  it("bounds them: the first few rendered, the rest linked and counted", async () => {
    const many = Array.from({ length: 30 }, (_, k) => json(`args5_train_extra_${k}`, 5, null, { extra: k }));
    const out = await report(sweep(many));
    const page = fileText(out, "records/5.html");
    const section = RECORD_REPORTABLES.exec(page)?.[0] ?? "";
    expect(section.match(/<section class="reportable" /g)).toHaveLength(MAX_RENDERED);
    expect(section.match(/<li><a href="\.\.\/reportables-\d+\.html#r-/g)).toHaveLength(32 - MAX_RENDERED);
    expect(plain(section)).toContain(`${MAX_RENDERED} reportables of 32 shown here; the others are linked.`);
  });

  it("shows images from the report's own files, one folder up", async () => {
    const image: Reportable = {
      qualifiedName: "args2_train_curve",
      name: "curve",
      group: null,
      record: 2,
      stage: "train",
      files: [],
      kind: "figure",
      format: "png",
      file: { relative: "reportables/curve.png", absolute: "/nonexistent/runs/x/reportables/curve.png" },
      alt: "the curve",
    };
    const out = await report(sweep([image]));
    const page = fileText(out, "records/2.html");
    const src = /<img src="([^"]*)" alt="the curve"/.exec(page)?.[1];
    expect(src).toBe("../reportables/args2_train_curve.png");
    // The report writes that file (copied once, by the page that shows the reportable in full).
    expect(out.copies.filter((c) => c.path === "reportables/args2_train_curve.png")).toHaveLength(1);
  });
});
