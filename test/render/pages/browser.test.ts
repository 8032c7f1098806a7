/**
 * The pages in real Chromium, opened from file:// as a user would open a downloaded report: the
 * Content-Security-Policy blocks nothing we ship, HTML reportables still show in their srcdoc
 * frames, the page is complete with JavaScript off, and it holds up on a phone, in dark mode and in print.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexEntryFromRunInfo, renderIndex } from "../../../src/render/views/indexPage.js";
import { renderReport, type RenderedReport } from "../../../src/render/report.js";
import { ASSETS_DIR } from "../../../src/render/templates.js";
import type { RenderedFile } from "../../../src/render/types.js";
import type { Reportable, Run } from "../../../src/run/model.js";
import { launchChromium, openFile, type PageLog } from "../../helpers/browser.js";
import { json, richRun } from "./make.js";
import { fileText } from "./pageCheck.js";

let browser: Browser;
let site: string;
let reportPage: string;

/** Writes rendered files under `dir`. */
async function writeFiles(dir: string, files: readonly RenderedFile[]): Promise<void> {
  for (const f of files) {
    await mkdir(path.dirname(path.join(dir, f.path)), { recursive: true });
    await writeFile(path.join(dir, f.path), f.content);
  }
}

/** A run with a raw HTML reportable (inline styles), LaTeX, a line plot, a table and enough items to filter. */
async function browserRun(runDir: string): Promise<Run> {
  await mkdir(runDir, { recursive: true });
  await writeFile(path.join(runDir, "log.txt"), "line 1\n");
  const base = richRun({ notes: "Notes with **bold**", fullStore: true, reproduce: "experiment x --dry-cache" });
  const extra: Reportable[] = [
    {
      qualifiedName: "baseline_fit_winner_html",
      name: "winner_html",
      group: "html",
      record: 0,
      stage: "fit",
      files: [],
      kind: "html",
      html: '<p style="color: rgb(1, 2, 3)" id="inner">winner: <b>baseline</b></p>',
    },
    {
      qualifiedName: "baseline_fit_latex",
      name: "latex",
      group: null,
      record: 0,
      stage: "fit",
      files: [],
      kind: "latex",
      latex: "\\begin{tabular}{lr}\\end{tabular}",
    },
    {
      qualifiedName: "noisy_fit_curve",
      name: "curve",
      group: null,
      record: 1,
      stage: "fit",
      files: [],
      kind: "lineplot",
      plot: {
        title: "loss",
        xLabel: "epoch",
        yLabel: "loss",
        series: [{ name: "train", y: [3, 2, 1], x: null, marker: null, linestyle: null }],
      },
    },
    {
      qualifiedName: "noisy_fit_table",
      name: "table",
      group: null,
      record: 1,
      stage: "fit",
      files: [],
      kind: "table",
      table: {
        columns: ["a", "b"],
        columnTypes: ["int", "float"],
        index: ["mean", "std"],
        rows: [
          [1, 0.5],
          [2, 0.25],
        ],
        floatPrecision: 3,
      },
    },
  ];
  return {
    ...base,
    dir: runDir,
    log: { relative: "log.txt", absolute: path.join(runDir, "log.txt") },
    reportables: [...base.reportables, ...extra, json("wide_one", 2, null, { long: "x".repeat(400) })],
  };
}

/** Renders `run` into its folder of the site as the site layer would: files, copies, assets. */
async function writeReport(run: Run): Promise<RenderedReport> {
  const report = await renderReport(run, { version: "0.0.0-test", indexHref: "../index.html" });
  const folder = path.join(site, report.folder);
  await writeFiles(folder, report.files);
  for (const c of report.copies) {
    await mkdir(path.dirname(path.join(folder, c.path)), { recursive: true });
    await copyFile(c.source.absolute, path.join(folder, c.path));
  }
  for (const asset of ["style.css", "report.js"])
    await copyFile(path.join(ASSETS_DIR, asset), path.join(folder, asset));
  return report;
}

beforeAll(async () => {
  browser = await launchChromium();
  const tmp = await mkdtemp(path.join(os.tmpdir(), "curi-pages-"));
  site = path.join(tmp, "site");
  const run = await browserRun(path.join(tmp, "runs", "r1"));
  const report = await writeReport(run);
  await mkdir(path.join(site, "assets"), { recursive: true });
  for (const asset of ["style.css", "report.js"])
    await copyFile(path.join(ASSETS_DIR, asset), path.join(site, "assets", asset));
  const entry = indexEntryFromRunInfo(JSON.parse(fileText(report, "run_info.json")), report.folder);
  await writeFiles(site, renderIndex([entry], ["informal"], { version: "0.0.0-test" }));
  reportPage = path.join(site, report.folder, "index.html");
  return async () => rm(tmp, { recursive: true, force: true });
});

afterAll(async () => {
  await browser?.close();
});

/** A log with nothing in it: the page loaded without a CSP violation, error, failed or outside request. */
function expectClean(log: PageLog): void {
  expect(log.consoleErrors.join("\n")).toBe("");
  expect(log.pageErrors).toEqual([]);
  expect(log.failedRequests).toEqual([]);
  expect(log.outsideRequests).toEqual([]);
}

// Each page load costs seconds of CPU on this machine, so one page serves the tests that only
// look: it opens the index, then follows its link to the report (the index's own test); each test
// that changes the page (media, viewport) puts it back, and the one that types and clicks comes last.
describe("index and report page in Chromium from file://, JavaScript on", () => {
  let page: Page;
  let log: PageLog;
  let indexLog: PageLog;
  let landed: string;
  beforeAll(async () => {
    ({ page, log } = await openFile(browser, path.join(site, "index.html"), { allowedRoot: site, offline: true }));
    indexLog = structuredClone(log);
    await page.locator("li.run > a").first().click();
    await page.waitForLoadState("load");
    landed = page.url();
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it("the index loads cleanly and links to the report", () => {
    expectClean(indexLog);
    expect(landed).toBe(`file://${reportPage}`);
  });

  it("loads with no CSP violation, console error or request outside the site", async () => {
    expectClean(log);
    // The stylesheet applied: record colours and status colours come from CSS classes.
    expect(
      await page
        .locator(".reportable .swatch.rec-0")
        .first()
        .evaluate((e) => getComputedStyle(e).backgroundColor),
    ).toBe("rgb(180, 238, 180)");
    expect(
      await page
        .locator(".status-complete")
        .first()
        .evaluate((e) => getComputedStyle(e).color),
    ).toBe("rgb(26, 127, 55)");
  });

  it("shows an HTML reportable inside its sandboxed srcdoc frame, inline styles included", async () => {
    const frameEl = page.locator("iframe.html-reportable");
    await frameEl.scrollIntoViewIfNeeded();
    const frame = await (await frameEl.elementHandle())?.contentFrame();
    expect(frame).toBeTruthy();
    await frame!.waitForSelector("#inner");
    expect(await frame!.locator("#inner").innerText()).toBe("winner: baseline");
    expect(await frame!.locator("#inner").evaluate((e) => getComputedStyle(e).color)).toBe("rgb(1, 2, 3)");
    expect(log.consoleErrors.join("\n")).toBe("");
  });

  it("fits a phone screen: only tables and graphs scroll, never the page", async () => {
    const size = page.viewportSize();
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      if (size !== null) await page.setViewportSize(size);
    }
  });

  it("follows a dark colour scheme while graphs keep a light sheet", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    try {
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe("rgb(13, 17, 23)");
      const graphBg = await page
        .locator("figure.graph")
        .first()
        .evaluate((e) => getComputedStyle(e).backgroundColor);
      expect(graphBg).toBe("rgb(232, 235, 239)");
      expect(
        await page
          .locator(".swatch.rec-1")
          .first()
          .evaluate((e) => getComputedStyle(e).backgroundColor),
      ).toBe("rgb(216, 191, 216)");
    } finally {
      await page.emulateMedia({ colorScheme: "light" });
    }
  });

  it("prints without navigation", async () => {
    await page.emulateMedia({ media: "print" });
    try {
      expect(await page.locator("nav.toc").isVisible()).toBe(false);
      expect(await page.locator("#reportables-toc").isVisible()).toBe(false);
      expect(await page.locator("#map svg").isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
  });

  it("enhances with JavaScript: copy buttons and a reportables filter", async () => {
    expect(await page.locator("button.copy:visible").count()).toBe(3); // command line, reproduce line, LaTeX
    await page.locator("button.copy[data-copy-target]").click();
    await expect
      .poll(() => page.locator("button.copy[data-copy-target]").innerText())
      .toMatch(/Copied|Select and copy/);
    const filter = page.locator("input.toc-filter");
    await filter.fill("noisy");
    const visible = await page.locator("#reportables-toc li:not(.toc-group) a:visible").allInnerTexts();
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((t) => t.includes("noisy"))).toBe(true);
    expect(await page.locator("#reportables-toc li.toc-group:visible").allInnerTexts()).not.toContainEqual(
      expect.stringContaining("html"),
    );
    expect(log.pageErrors).toEqual([]);
  });
});

// One page with JavaScript off: latest/ redirects to the report, whose completeness is checked there.
describe("latest/ and the report page in Chromium from file://, JavaScript off", () => {
  let page: Page;
  let log: PageLog;
  beforeAll(async () => {
    ({ page, log } = await openFile(browser, path.join(site, "latest", "index.html"), {
      allowedRoot: site,
      offline: true,
      javaScriptEnabled: false,
    }));
    await page.waitForURL(`file://${reportPage}`);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it("latest/ leads to the newest report with JavaScript off", async () => {
    expect(page.url()).toBe(`file://${reportPage}`);
    expect(await page.locator("h1").innerText()).toContain("Report: synthetic_all - 3");
    expect(log.consoleErrors.join("\n")).toBe("");
  });

  it("is complete with JavaScript off: every section, no dead buttons", async () => {
    for (const id of ["info", "contents", "reportables", "map", "records", "args", "args-differing"]) {
      expect(await page.locator(`#${id}`).isVisible(), id).toBe(true);
    }
    // The run page draws only the map; each record's graph is on its own page.
    expect(await page.locator("svg.curi-graph").count()).toBe(1);
    expect(await page.locator("button:visible").count()).toBe(0);
    expect(await page.locator("input.toc-filter").count()).toBe(0);
    expect(log.consoleErrors.join("\n")).toBe("");
  });
});
