/**
 * Issue 21 point 15 and issue 20 point 8: the index's trend plots count runs on a whole-number
 * axis, draw each run as a point that links to its report (with a tooltip), and mark a failed run
 * instead of leaving it out. Checked in the SVG and, with JavaScript off, by clicking in Chromium.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyOfEntries } from "../../../src/render/history/merge.js";
import type { Browser } from "playwright-core";
import { renderIndex, type IndexEntry } from "../../../src/render/views/indexPage.js";
import { runInfoEntry } from "../helpers/runInfo.js";
import { buildTrends } from "../../../src/render/views/trends.js";
import { launchChromium } from "../../helpers/browser.js";
import { decodeEntities } from "./pageCheck.js";

/** Run `n` of experiment `sweep`: its run-level metrics, and what else run_info.json says. */
function run(n: number, metrics: Record<string, unknown>, extra: Record<string, unknown> = {}): IndexEntry {
  return runInfoEntry(
    n,
    { hostname: "ci", metrics, metric_goals: { mean_loss: "min" }, args_summary: {}, failed_record_count: 0, ...extra },
    { experiment: "sweep", timestamp: `2026-12-0${n}-T100000` },
  );
}

/** Two runs, then one that failed before logging its metrics. */
const RUNS = [
  run(1, { mean_loss: 0.5 }),
  run(2, { mean_loss: 0.4 }),
  run(3, {}, { status: "error", error: "RuntimeError - boom", failed_record_count: 1 }),
];

/** The `<text>` labels under the x axis of a trend plot. */
function xTicks(svg: string): string[] {
  return [...svg.matchAll(/<text x="[\d.]+" y="([\d.]+)" text-anchor="middle">([^<]*)<\/text>/g)]
    .filter((m) => Number(m[1]) > 200)
    .map((m) => m[2] ?? "");
}

/** Each link of a plot: its href and tooltip, and whether it draws a point or a failure's cross. */
function links(svg: string): { href: string; title: string; mark: string }[] {
  return [...svg.matchAll(/<a href="([^"]*)"><title>([^<]*)<\/title><(circle|path) class="([^"]*)"/g)].map((m) => ({
    href: m[1] ?? "",
    title: decodeEntities(m[2] ?? ""),
    mark: m[4] ?? "",
  }));
}

describe("a trend plot", () => {
  const [plot] = buildTrends("exp-0", historyOfEntries(RUNS).runs, new Set(), "index.html").plots;

  it("counts runs on a whole-number axis", () => {
    expect(xTicks(plot ?? "")).toEqual(["1", "2", "3"]);
  });

  it("links each run to its report, with a tooltip, and marks the failed run", () => {
    expect(links(plot ?? "")).toEqual([
      {
        href: "sweep_1_2026-12-01-T100000/index.html",
        title: "#1 · 1 Dec 2026, 10:00:00: 0.5",
        mark: "trend-point",
      },
      {
        href: "sweep_2_2026-12-02-T100000/index.html",
        title: "#2 · 2 Dec 2026, 10:00:00: 0.4",
        mark: "trend-point",
      },
      {
        href: "sweep_3_2026-12-03-T100000/index.html",
        title: "#3 · 3 Dec 2026, 10:00:00: no value (run failed)",
        mark: "trend-failed",
      },
    ]);
  });

  it("draws a run whose report was pruned as a point without a link, so the plot has no dead link (issue 18)", () => {
    const runs = historyOfEntries(RUNS).runs.map((r, i) => (i === 0 ? { ...r, report: null } : r));
    const [svg = ""] = buildTrends("exp-0", runs, new Set(), "index.html").plots;
    expect(links(svg).map((l) => l.href)).toEqual([`${RUNS[1]?.folder}/index.html`, `${RUNS[2]?.folder}/index.html`]);
    expect(svg).toMatch(
      /<g><title>#1 · [^<]*: 0\.5 \(report pruned\)<\/title><circle class="trend-point trend-pruned"/,
    );
  });

  it("keeps whole-number ticks over many runs", () => {
    const many = Array.from({ length: 12 }, (_, i) => run(i + 1, { mean_loss: 1 / (i + 1) }));
    const [svg] = buildTrends("exp-0", historyOfEntries(many).runs, new Set(), "index.html").plots;
    const ticks = xTicks(svg ?? "");
    expect(ticks.length).toBeGreaterThan(2);
    for (const t of ticks) expect(t).toMatch(/^\d+$/);
  });
});

describe("the index's trend plots in Chromium, JavaScript off", () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "curi-trends-"));
    for (const f of renderIndex(RUNS, [], { version: "0.0.0-test" })) {
      await mkdir(path.dirname(path.join(dir, f.path)), { recursive: true });
      await writeFile(path.join(dir, f.path), f.content);
    }
    for (const e of RUNS) {
      await mkdir(path.join(dir, e.folder), { recursive: true });
      await writeFile(path.join(dir, e.folder, "index.html"), `<!DOCTYPE html><title>${e.reference}</title>`);
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("opens a run's report from its point, and the failed run's from its cross", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`file://${path.join(dir, "index.html")}`);
    const plot = page.locator(".trend-plots svg").first();
    await plot
      .locator("a", { has: page.locator("circle") })
      .nth(1)
      .click();
    await page.waitForURL(/sweep_2_2026-12-02-T100000\/index\.html$/);
    await page.goBack();
    await plot.locator("a", { has: page.locator("path.trend-failed") }).click();
    await page.waitForURL(/sweep_3_2026-12-03-T100000\/index\.html$/);
    await context.close();
  });
});
