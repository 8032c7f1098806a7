/**
 * The sweep analysis in real Chromium (issue 19): on the run page, dragging a range on the `lr`
 * axis of the parallel coordinates dims the other lines and filters the results table to the
 * brushed records, and clearing brings every row back; with JavaScript off, the run page and
 * analysis.html still show the static charts and the ranking, and the section fits 390 px.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReport } from "../../../src/render/report.js";
import { REPORT_PATHS } from "../../../src/render/router.js";
import { ASSETS_DIR } from "../../../src/render/templates.js";
import { launchChromium, openFile, type PageLog } from "../../helpers/browser.js";
import { truthSweep } from "./sweeps.js";

let browser: Browser;
let tmp: string;
let folder: string;

beforeAll(async () => {
  browser = await launchChromium();
  tmp = await mkdtemp(path.join(os.tmpdir(), "curi-brush-"));
  const report = await renderReport(truthSweep(), { version: "0.0.0-test" });
  folder = path.join(tmp, report.folder);
  for (const f of report.files) {
    await mkdir(path.dirname(path.join(folder, f.path)), { recursive: true });
    await writeFile(path.join(folder, f.path), f.content);
  }
  for (const asset of ["style.css", "report.js"])
    await copyFile(path.join(ASSETS_DIR, asset), path.join(folder, asset));
});

afterAll(async () => {
  await browser?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** The record indexes of the results table's rows that are shown. */
async function shownRows(page: Page): Promise<number[]> {
  return page.$$eval("#results table.results-table tbody tr", (rows) =>
    rows.filter((r) => (r as HTMLElement).offsetParent !== null).map((r) => Number(r.getAttribute("data-record"))),
  );
}

// One page serves both: each brushing test clears its brushes at its end, as a reader would, so
// the next starts from the page as it loaded (and a page load is seconds of CPU here).
describe("brushing the parallel coordinates", () => {
  let page: Page;
  let log: PageLog;
  beforeAll(async () => {
    ({ page, log } = await openFile(browser, path.join(folder, REPORT_PATHS.page), { allowedRoot: folder }));
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it("filters the results table to the records whose lines pass the brush, and clears", async () => {
    const before = await shownRows(page);
    expect(before.length).toBeGreaterThan(1);
    // A range around lr = 0.01 on the lr axis (log scale: its tick labelled 0.01 or 1e-2).
    const axis = page.locator('#analysis svg.an-parallel g.an-pc-axis[data-name="lr"]');
    const tick = axis.locator("text", { hasText: /^(0\.01|1e-2)$/ });
    await axis.scrollIntoViewIfNeeded();
    const box = await tick.boundingBox();
    const strip = await axis.locator("rect.an-brush-hit").boundingBox();
    if (box === null || strip === null) throw new Error("the lr axis is not drawn");
    const x = strip.x + strip.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y - 8);
    await page.mouse.down();
    await page.mouse.move(x, y + 8, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => document.querySelector("#results tr.hidden-by-records") !== null);

    const kept = await page.$$eval("#analysis path.an-line:not(.an-dim)", (lines) =>
      lines.map((l) => Number(l.getAttribute("data-record"))),
    );
    const lrOf = await page.$$eval("#analysis path.an-line:not(.an-dim)", (lines) =>
      lines.map((l) => Number((l.getAttribute("data-values") ?? "").split(",")[0])),
    );
    expect(new Set(lrOf)).toEqual(new Set([0.01]));
    const shown = await shownRows(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(before.length);
    for (const record of shown) expect(kept).toContain(record);
    // The status line is written before the selection is sent, so it is there once the table filtered.
    expect(await page.locator("#analysis .an-brush-status").textContent()).toMatch(
      /^45 of 180 lines pass the brushes on lr/,
    );

    await page.locator("#analysis button.an-brush-clear").click();
    await page.waitForFunction(() => document.querySelector("#results tr.hidden-by-records") === null);
    expect(await shownRows(page)).toEqual(before);
    expect(await page.locator("#analysis path.an-line.an-dim").count()).toBe(0);
    expect([...log.pageErrors, ...log.consoleErrors]).toEqual([]);
  });

  it("brushes from the keyboard: arrow keys move a brush on the focused axis, Escape clears it", async () => {
    await page.locator('#analysis g.an-pc-axis[data-name="accuracy"] rect.an-brush-hit').focus();
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction(() => document.querySelector("#results tr.hidden-by-records") !== null);
    expect(await page.locator('#analysis g[data-name="accuracy"] rect.an-brush').count()).toBe(1);
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => document.querySelector("#results tr.hidden-by-records") === null);
    expect(await page.locator("#analysis rect.an-brush").count()).toBe(0);
    expect([...log.pageErrors, ...log.consoleErrors]).toEqual([]);
  });
});

describe("with JavaScript off", () => {
  it("the run page shows the ranking, the best card and the static parallel coordinates", async () => {
    const { page } = await openFile(browser, path.join(folder, REPORT_PATHS.page), {
      allowedRoot: folder,
      javaScriptEnabled: false,
    });
    const ranking = page.locator("#analysis table.an-importance tbody th");
    expect(await ranking.allTextContents()).toEqual(["lr", "wd", "batch"]);
    expect(await page.locator("#analysis .an-best-card").isVisible()).toBe(true);
    const chart = page.locator("#analysis svg.an-parallel");
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.locator("path.an-line").count()).toBe(180);
    expect(await page.locator(".an-brush-status, rect.an-brush-hit").count()).toBe(0);
    // At 390 px the section fits the width: only the chart and tables scroll, in their own boxes.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflowing = await page.$$eval("#analysis *", (all) =>
      all
        .filter(
          (e) => !e.closest(".an-scroll, .table-scroll") && e.getBoundingClientRect().right > window.innerWidth + 1,
        )
        .map((e) => e.tagName),
    );
    expect(overflowing).toEqual([]);
    await page.context().close();
  });

  it("analysis.html shows every metric's ranking and its slice, parallel and heat-map charts", async () => {
    const { page } = await openFile(browser, path.join(folder, REPORT_PATHS.analysis), {
      allowedRoot: folder,
      javaScriptEnabled: false,
    });
    expect(await page.locator("table.an-importance").count()).toBe(2);
    for (const [kind, n] of [
      ["an-slice", 6],
      ["an-parallel", 1],
      ["an-heatmap", 2],
    ] as const) {
      const charts = page.locator(`svg.${kind}`);
      expect(await charts.count(), kind).toBe(n);
      for (const chart of await charts.all()) expect(await chart.isVisible(), kind).toBe(true);
    }
    await page.context().close();
  });
});
