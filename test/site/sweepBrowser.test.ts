/**
 * A sweep of 1,000 records in a real browser, from file:// with JavaScript off, clicked through as
 * a reader would: from the stage map to a record, to one of its artifacts, and back; from the
 * map's pipeline to its record list and a record whose pipeline the map marks.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/site/buildReport.js";
import { launchChromium, openFile } from "../helpers/browser.js";
import { syntheticRun } from "../render/helpers/runs.js";

const N = 1000;

describe("a 1,000-record sweep, clicked through in Chromium", () => {
  let browser: Browser;
  let outDir: string;
  let reportDir: string;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), "curi-sweep-"));
    const built = await buildReport(syntheticRun(N), { outDir, version: "0.0.0-test" });
    reportDir = path.join(outDir, built.folder);
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it("leads from the map to a record, to its artifact, and back", async () => {
    const { page, log } = await openFile(browser, path.join(reportDir, "index.html"), {
      allowedRoot: outDir,
      offline: true,
      javaScriptEnabled: false,
    });
    const url = (file: string) => pathToFileURL(path.join(reportDir, file)).href;
    // The map draws the 1,000 alike records once, with their count, and the aggregate beside them.
    const map = page.locator("figure.graph-map svg");
    await expect(map.locator("text", { hasText: /^1,000 records$/ }).count()).resolves.toBe(1);
    // The aggregate's stage in the map leads to its row on the aggregate's page.
    await map.locator("#gm-p2s0 a").click();
    await page.waitForURL(`${url("records/1000.html")}#stage-0`);
    await expect(page.locator("h1 bdi").textContent()).resolves.toBe("Record 1000 (aggregate of 1,000 records)");
    // Its graph shows the fan-in as one node with the count, not 1,000 stubs.
    const graph = page.locator("figure.graph-record svg");
    await expect(graph.locator("text", { hasText: "from 1,000 records" }).count()).resolves.toBe(1);
    // The artifact node leads to the artifact's row, which shows its name, representation and path.
    await graph.locator(".dag-artifact a").first().click();
    await page.waitForURL(/records\/1000\.html#artifact-\d+$/);
    const anchor = new URL(page.url()).hash.slice(1);
    const row = page.locator(`tr[id="${anchor}"]`);
    await expect(row.isVisible()).resolves.toBe(true);
    await expect(row.textContent()).resolves.toContain("scores");
    await expect(row.textContent()).resolves.toContain("no file");
    // And back: the browser's history returns to the stage, then to the map.
    await page.goBack();
    expect(page.url()).toBe(`${url("records/1000.html")}#stage-0`);
    await page.goBack();
    expect(page.url()).toBe(url("index.html"));
    // The breadcrumb leads back too.
    await page.goto(`${url("records/1000.html")}`);
    await page.locator(".breadcrumb a").first().click();
    await page.waitForURL(url("index.html"));
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [], outsideRequests: [], dialogs: [] });
  });

  it("leads from a pipeline to its record list and a record, whose pipeline the map marks", async () => {
    const { page, log } = await openFile(browser, path.join(reportDir, "index.html"), {
      allowedRoot: outDir,
      offline: true,
      javaScriptEnabled: false,
    });
    await page.locator("figure.graph-map svg #gm-p1 > a > text").first().click();
    await page.waitForURL(/records\/pipeline-1\.html$/);
    await expect(page.locator("ol.record-list li").count()).resolves.toBe(N);
    await page.locator("ol.record-list a", { hasText: "Record 500 (args500)" }).click();
    await page.waitForURL(/records\/500\.html$/);
    await expect(page.locator("#record-map svg .dag-current").getAttribute("id")).resolves.toBe("gm-p1");
    // Nothing overflows a phone's width.
    await page.setViewportSize({ width: 390, height: 800 });
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    expect(log.failedRequests).toEqual([]);
    expect(log.outsideRequests).toEqual([]);
  });
});
