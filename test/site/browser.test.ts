import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/buildSite.js";
import { launchChromium, loadImages, openFile } from "../helpers/browser.js";
import { writeRunsFolder } from "./helpers/runs.js";

describe("a built site in a real browser, from file://", () => {
  let browser: Browser;
  let outDir: string;

  beforeAll(async () => {
    const runsDir = await writeRunsFolder(2);
    outDir = path.join(path.dirname(runsDir), "reports");
    const result = await buildSite(runsDir, { outDir });
    expect(result.failures).toEqual([]);
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it("opens the index with its stylesheet, and every link leads to a report that loads its files", async () => {
    const { page, log } = await openFile(browser, path.join(outDir, "index.html"), {
      allowedRoot: outDir,
      offline: true,
    });
    const sheets = await page.evaluate(() => Array.from(document.styleSheets, (s) => s.href));
    expect(sheets.some((href) => href?.endsWith("/assets/style.css"))).toBe(true);
    await page.click('a[href="tiny_1_2026-11-21-T100001/index.html"]');
    await page.waitForLoadState("load");
    expect(page.url()).toBe(pathToFileURL(path.join(outDir, "tiny_1_2026-11-21-T100001", "index.html")).href);
    // Images are loading="lazy": a reader scrolls to them; the test asks each to load, then waits.
    await loadImages(page);
    const images = await page.evaluate(() => Array.from(document.images, (img) => [img.src, img.naturalWidth]));
    expect(images.length).toBeGreaterThan(0);
    for (const [src, width] of images) expect([src, width]).toEqual([src, 1]);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [], outsideRequests: [], dialogs: [] });
  });

  it("leads from latest/ to the newest report", async () => {
    const { page, log } = await openFile(browser, path.join(outDir, "latest", "index.html"), {
      allowedRoot: outDir,
      offline: true,
    });
    await page.waitForURL(/tiny_2_2026-11-22-T100002\/index\.html$/);
    expect(log.failedRequests).toEqual([]);
    expect(log.outsideRequests).toEqual([]);
  });
});
