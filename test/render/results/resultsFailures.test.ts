/**
 * Failed records in the results table (issue 21 points 3 and 4), from a sweep written through the
 * TypeScript record runtime in which one record's stage throws: the record is marked in its row
 * with a status in words and in colour, sorts after the records that ran to the end, and never
 * gets the star, even when it holds a column's best value. Also the run page's series charts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunContext } from "../../../src/render/context.js";
import { renderReport } from "../../../src/render/report.js";
import { readRun } from "../../../src/run/read.js";
import type { Run } from "../../../src/run/model.js";
import { buildResultsSection } from "../../../src/render/views/results.js";
import { FAILING, runFailingSweep } from "../../e2e/failingSweep.js";
import { sweepRun } from "./sweep.js";

const N = 12;
let tmp: string;
let run: Run;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "curi-failed-results-"));
  run = await readRun(await runFailingSweep(tmp, N));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

const target = (i: number) => ({ path: `records/${i}.html`, anchor: null });

describe("a failed record in the results table (TypeScript runtime)", () => {
  it("is recorded by the runtime: the stage's error and traceback, and the run's", () => {
    const record = run.records[FAILING];
    expect(record?.stageInfo?.[0]?.error).toBe(`RangeError - diverged at lr ${0.001 * (FAILING + 1)}`);
    expect(record?.stageInfo?.[0]?.traceback).toMatch(/RangeError: diverged/);
    expect(run.info.status).toBe("error");
    expect(run.info.traceback).toMatch(/RangeError: diverged/);
  });

  it("has a status column that says which stage failed, sorts last and is never starred", () => {
    const table = buildResultsSection(new RunContext(run), target).view?.table;
    expect(table?.columns[0]).toMatchObject({ label: "status", kind: "status" });
    const last = table?.rows[table.rows.length - 1];
    expect(last?.index).toBe(FAILING);
    expect(last?.failed).toBe(true);
    expect(last?.cells[0]).toMatchObject({ text: "failed in train", failed: true });
    // Its loss series ran further down than any finished record's first value, yet no star.
    expect(last?.cells.some((c) => c.best)).toBe(false);
    expect(table?.rows.slice(0, -1).every((r) => r.cells[0]?.text === "ok")).toBe(true);
  });

  it("draws the mark as text and class on the run page, and links the record page with its error and traceback", async () => {
    const report = await renderReport(run, { version: "test" });
    const html = String(report.files.find((f) => f.path === "index.html")?.content);
    const row = /<tr data-record="7" class="failed">.*?<\/tr>/.exec(html)?.[0] ?? "";
    expect(row).toContain('class="status-failed"');
    expect(row).toContain("✗</span> <strong>failed in train</strong>");
    expect(row).not.toContain("best-mark");
    const page = String(report.files.find((f) => f.path === `records/${FAILING}.html`)?.content);
    expect(page).toContain(`RangeError - diverged at lr ${0.001 * (FAILING + 1)}`);
    expect(page).toMatch(/class="traceback"[^>]*>[\s\S]*RangeError: diverged/);
  });

  it("never stars a failed record's value, even the best one of its column", () => {
    const base = sweepRun({ n: 4 });
    // m3 has the best accuracy and the lowest loss, but its stage raised.
    const failed: Run = {
      ...base,
      records: base.records.map((r) =>
        r.index === 3
          ? { ...r, stageInfo: [{ durationMs: 1, cached: false, error: "ValueError - boom", traceback: null }] }
          : r,
      ),
    };
    const rows = buildResultsSection(new RunContext(failed), target).view?.table?.rows ?? [];
    expect(rows.map((r) => r.name)).toEqual(["m2", "m1", "m0", "m3"]);
    expect(rows[3]?.cells.some((c) => c.best)).toBe(false);
    // The best among the records that ran to the end gets the star instead.
    expect(rows[0]?.cells.filter((c) => c.best)).toHaveLength(2);
  });

  it("leaves the status column out when no record failed", () => {
    const table = buildResultsSection(new RunContext(sweepRun({ n: 3 })), target).view?.table;
    expect(table?.columns.map((c) => c.kind)).not.toContain("status");
  });
});

describe("series charts", () => {
  it("a record page draws each series as a chart with a title, axis labels and integer step ticks", async () => {
    const report = await renderReport(run, { version: "test" });
    const page = String(report.files.find((f) => f.path === "records/0.html")?.content);
    const figure =
      /<figure class="lineplot metric-chart" id="metric-chart-1">([\s\S]*?)<\/figure>/.exec(page)?.[1] ?? "";
    expect(figure).toContain('<title id="metric-chart-1-title">loss by step</title>');
    expect(figure).toContain('class="lineplot-xlabel"');
    expect(figure).toContain(">step</text>");
    const xTicks = [...figure.matchAll(/<text x="[\d.]+" y="[\d.]+" text-anchor="middle">([^<]*)<\/text>/g)].map(
      (m) => m[1],
    );
    expect(xTicks.length).toBeGreaterThan(2);
    expect(xTicks.every((t) => /^\d+$/.test(t ?? ""))).toBe(true);
  });

  it("the run page overlays the best few records' series on one set of axes, failed records left out", async () => {
    const view = buildResultsSection(new RunContext(run), target).view;
    expect(view?.overlays).toHaveLength(1);
    const overlay = view?.overlays[0];
    expect(overlay?.records).toEqual([11, 10, 9, 8, 6]);
    expect(overlay?.svg.match(/<path class="series-line"/g)?.length).toBe(5);
    expect(overlay?.svg).toContain(">loss by step, 5 records</text>");
  });
});
