/**
 * The run page's results in real Chromium, opened from file:// as a downloaded site is (issue 21
 * points 4, 8 and 11): a 250-record sweep from the TypeScript record runtime, one record of which
 * raises, so the page shows the best 100 rows and leaves the rest to the full table's pages. The
 * filter finds a record outside those rows, the failed record is marked in words and in colour,
 * and the overlay chart draws the best few records and follows the rows the reader ticks.
 * One page load per test; every wait is for a state, never for a fixed time.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { reportFolderName } from "../../src/render/router.js";
import { readRun } from "../../src/run/read.js";
import { launchChromium, openFile, type PageLog } from "../helpers/browser.js";
import { FAILING, runFailingSweep } from "./failingSweep.js";

const N = 250;
let tmp: string;
let site: string;
let runPage: string;
let browser: Browser;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "curi-results-browser-"));
  const runDir = await runFailingSweep(tmp, N);
  site = path.join(tmp, "site");
  let stderr = "";
  const code = await main([runDir, "--out", site, "--quiet"], {
    stdout: { write: () => undefined },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: tmp,
    env: {},
  });
  expect(code, stderr).toBe(0);
  runPage = path.join(site, reportFolderName((await readRun(runDir)).info.reference), "index.html");
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** The run page with JavaScript on; the log must stay clean. */
async function open(): Promise<{ page: Page; log: PageLog }> {
  return openFile(browser, runPage, { allowedRoot: site, offline: true });
}

/** Record indexes of the results table's rows, in order. */
async function shownRecords(page: Page): Promise<number[]> {
  return page.$$eval("section.results table.results-table tbody tr", (rows) =>
    rows.map((r) => Number(r.getAttribute("data-record"))),
  );
}

function expectClean(log: PageLog): void {
  expect(log.pageErrors).toEqual([]);
  expect(log.consoleErrors).toEqual([]);
  expect(log.failedRequests).toEqual([]);
  expect(log.outsideRequests).toEqual([]);
}

describe("the run page's results in Chromium", () => {
  it("finds a record outside the 100 rows shown by filtering over every record, and says how many matched", async () => {
    const { page, log } = await open();
    const before = await shownRecords(page);
    expect(before).toHaveLength(100);
    // m0 has the lowest accuracy of all, so it is not among the best 100 rows the page arrives with.
    expect(before).not.toContain(0);
    await page.fill("section.results input.toc-filter", "m0");
    await page.waitForFunction(() => document.querySelector('section.results tbody tr[data-record="0"]') !== null);
    expect(await shownRecords(page)).toEqual([0]);
    await expect
      .poll(() => page.textContent("section.results .results-status"))
      .toContain(`1 of ${N} records match “m0”`);
    // A text no record holds: the page says so and names the full table's pages.
    await page.fill("section.results input.toc-filter", "no such record");
    await page.waitForFunction(() => document.querySelector("section.results .results-status a") !== null);
    const status = await page.textContent("section.results .results-status");
    expect(status).toContain(`No record matches “no such record” among all ${N} records.`);
    expect(status).toContain("Every record is in the full table");
    const hrefs = await page.$$eval("section.results .results-status a", (as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toContain("results/1.html");
    expectClean(log);
    await page.context().close();
  });

  it("marks the failed record in words and in colour, sorted after the others and never starred", async () => {
    const { page, log } = await open();
    // m7's stage raised: it sorts after every record that ran to the end, so past the rows shown.
    expect(await shownRecords(page)).not.toContain(FAILING);
    await page.fill("section.results input.toc-filter", `m${FAILING}`);
    const row = page.locator(`section.results tbody tr[data-record="${FAILING}"]`);
    await row.waitFor();
    expect(await row.getAttribute("class")).toBe("failed");
    const status = row.locator("td.status-failed");
    expect((await status.textContent())?.trim()).toBe("✗ failed in train");
    expect(await row.locator(".best-mark").count()).toBe(0);
    // The mark is coloured too: the status cell's colour is not the colour of a record that ran.
    const ok = page.locator("section.results tbody tr:not(.failed) td").first();
    const colour = (l: typeof ok): Promise<string> => l.evaluate((e) => getComputedStyle(e).color);
    expect(await colour(status)).not.toBe(await colour(ok));
    // It is the last of the rows that match (m7, m70 … m79): sorted after the records that ran.
    const rows = await shownRecords(page);
    expect(rows).toHaveLength(11);
    expect(rows[rows.length - 1]).toBe(FAILING);
    expectClean(log);
    await page.context().close();
  });

  it("draws the overlay chart of the best few at 390 px, and redraws it for a ticked row", async () => {
    const { page, log } = await open();
    await page.setViewportSize({ width: 390, height: 800 });
    const figure = page.locator("section.results figure.series-overlay").first();
    const lines = figure.locator("svg path.series-line");
    expect(await lines.count()).toBe(5);
    const box = await figure.locator("svg").boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    expect(box?.width ?? Infinity).toBeLessThanOrEqual(390);
    const line = await lines.first().boundingBox();
    expect((line?.width ?? 0) * (line?.height ?? 0)).toBeGreaterThan(0);
    expect(await figure.locator("svg .lineplot-title").textContent()).toBe("loss by step, 5 records");
    // The sixth row is not charted; ticking it adds its series to the same axes.
    const sixth = page.locator("section.results tbody tr").nth(5);
    const name = (await sixth.locator("bdi").textContent()) ?? "";
    await sixth.locator("input.pick-series").check();
    await expect.poll(() => lines.count()).toBe(6);
    expect(await figure.locator("svg .lineplot-title").textContent()).toBe("loss by step, 6 records");
    expect(await figure.locator("svg path.series-line title").allTextContents()).toContain(name);
    expect(await figure.locator(".overlay-note").textContent()).toBe("the 6 ticked records");
    expectClean(log);
    await page.context().close();
  });
});
