/**
 * The HTML reportable frame in real Chromium, inside a page with the report's own CSP and
 * report.js: it fits its content with JavaScript on, keeps the default height with it off, shows
 * images copied into the report, and never runs the content's script nor lets it reach the page.
 */
import { copyFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_HEIGHT, renderHtmlReportable } from "../../../src/render/reportables/html.js";
import { ASSETS_DIR, CSP } from "../../../src/render/templates.js";
import { launchChromium, openFile } from "../../helpers/browser.js";

/** A 1x1 PNG, enough for naturalWidth > 0. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  "base64",
);

const CONTENT = [
  `<div id="tall" style="height:900px;background:#eef">tall content</div>`,
  `<img id="local" src="reportables/dot.png" alt="dot">`,
  `<img id="remote" src="https://tracker.example/p.png" alt="remote">`,
  `<script>parent.document.title = "pwned"; parent.__pwned = true;</script>`,
  `<img src="missing.png" onerror="parent.__pwned = true">`,
  `<a id="escape" href="javascript:parent.__pwned=true">x</a>`,
].join("");

/** A reportable of two short lines: far less than the frame's default height. */
const SHORT = `<p id="first">accuracy 0.93</p><p id="last">loss 0.21</p>`;

/** The frame's height attribute and how its document fits it, once the page has loaded and report.js has run. */
async function frameFit(
  page: Page,
  scripts = true,
): Promise<{ height: number; clientHeight: number; scrollHeight: number; lastBottom: number }> {
  await page.waitForLoadState("load");
  // report.js fits frames in the page's load listener; a task queued after it runs once that is done.
  if (scripts) await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  return page.locator("iframe.html-reportable").evaluate((frame: HTMLIFrameElement) => {
    const doc = frame.contentDocument!;
    return {
      height: Number(frame.getAttribute("height")),
      clientHeight: doc.documentElement.clientHeight,
      scrollHeight: doc.documentElement.scrollHeight,
      lastBottom: doc.getElementById("last")!.getBoundingClientRect().bottom,
    };
  });
}

describe("HTML reportable frames in Chromium", () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "curi-frame-"));
    await mkdir(path.join(dir, "reportables"));
    await writeFile(path.join(dir, "reportables", "dot.png"), PNG);
    await writeFile(path.join(dir, "missing.png"), "not a png");
    await copyFile(path.join(ASSETS_DIR, "report.js"), path.join(dir, "report.js"));
    const frame = renderHtmlReportable(
      CONTENT,
      "probe",
      { fileBase: "reportables/probe", idPrefix: "rp-1" },
      true,
    ).html;
    const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><title>report</title></head><body>${frame}<script src="report.js"></script></body></html>`;
    await writeFile(path.join(dir, "index.html"), page);
    const short = renderHtmlReportable(SHORT, "short", { fileBase: "reportables/short", idPrefix: "rp-2" }).html;
    await writeFile(path.join(dir, "short.html"), page.replace(frame, short));
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it("fits the frame to its content, shows the report's image, and runs nothing", async () => {
    const { page, log } = await openFile(browser, path.join(dir, "index.html"), { allowedRoot: dir, offline: true });
    const frame = page.locator("iframe.html-reportable");
    await expect.poll(() => frame.getAttribute("height")).not.toBe(String(DEFAULT_HEIGHT));
    expect(Number(await frame.getAttribute("height"))).toBeGreaterThan(900);
    const inner = page.frameLocator("iframe.html-reportable");
    expect(await inner.locator("#local").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await inner.locator("#escape").click();
    expect(await page.title()).toBe("report");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    // The sandbox itself refuses the script (its CSP would too: two walls, the first one tested here).
    expect(
      log.consoleErrors.some((m) => m.includes("frame is sandboxed and the 'allow-scripts' permission is not set")),
    ).toBe(true);
    expect(log.outsideRequests).toEqual([]);
    expect(log.dialogs).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await page.context().close();
  });

  it("shrinks the frame to short content, which it shows whole (issue 20)", async () => {
    const { page, log } = await openFile(browser, path.join(dir, "short.html"), { allowedRoot: dir, offline: true });
    const fit = await frameFit(page);
    // Two lines of text: well under the default 400 px, and the frame shows all of it without scrolling.
    expect(fit.height).toBeLessThan(DEFAULT_HEIGHT / 2);
    expect(fit.scrollHeight).toBeLessThanOrEqual(fit.clientHeight);
    expect(fit.lastBottom).toBeLessThanOrEqual(fit.clientHeight);
    expect(log.pageErrors).toEqual([]);
    await page.context().close();
  });

  it("keeps the default height for short content with JavaScript off", async () => {
    const { page } = await openFile(browser, path.join(dir, "short.html"), {
      allowedRoot: dir,
      offline: true,
      javaScriptEnabled: false,
    });
    expect((await frameFit(page, false)).height).toBe(DEFAULT_HEIGHT);
    await page.context().close();
  });

  it("keeps the default height with JavaScript off", async () => {
    const { page } = await openFile(browser, path.join(dir, "index.html"), {
      allowedRoot: dir,
      offline: true,
      javaScriptEnabled: false,
    });
    await page.waitForLoadState("load");
    expect(await page.locator("iframe.html-reportable").getAttribute("height")).toBe(String(DEFAULT_HEIGHT));
    expect(
      await page.locator("iframe.html-reportable").evaluate((f) => f.getBoundingClientRect().height),
    ).toBeGreaterThanOrEqual(DEFAULT_HEIGHT);
    await page.context().close();
  });
});
