/**
 * Any two runs of a published site are a click away from their comparison: in Chromium, from
 * file://, a reader ticks two non-consecutive runs in the index's runs table, follows the link to
 * the site's compare.html and sees exactly their differences, drawn in the browser from the two
 * reports' compare-data.js by the comparison core `curi-report compare` uses. With JavaScript off,
 * each run's "vs previous" link leads to the comparison page the build wrote. A report whose data
 * is split into chunk files (a big sweep's) is compared whole, and a stale or lost chunk is named.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ArtifactManager,
  FigureReportable,
  JsonReportable,
  Record,
  stage,
  TableReportable,
} from "../../src/record/index.js";
import { compareDataFiles, parseCompareDataScript } from "../../src/render/compare/compareDataFiles.js";
import { reportFolderName } from "../../src/render/router.js";
import { buildSite } from "../../src/site/buildSite.js";
import { checkSite } from "../../src/site/check.js";
import { launchChromium, openFile } from "../helpers/browser.js";
import { attrOf, parsePage, rowText, select, textOf, words, type El } from "../helpers/markup.js";

/** Run k of three: run 3 changes `lr`, the accuracy, one table cell (and adds a row), the JSON, the figure and the model. */
async function runExperiment(root: string, k: number): Promise<string> {
  let tick = Date.UTC(2026, 10, 30, 9 + k, 0, 0);
  const manager = new ArtifactManager("tune", {
    root,
    clock: () => new Date((tick += 1000)),
    utc: true,
    hostname: "ci",
    git: { commit: "abc123", dirty: false },
    cli: "node tune.js",
    log: false,
  });
  const last = k === 3;
  const train = stage({ name: "train", outputs: ["model"] }, (record) => {
    record.logMetric("accuracy", 0.5 + k / 10);
    record.report(
      new TableReportable([{ k: "a", v: 1 }, { k: "b", v: last ? 5 : 2 }, ...(last ? [{ k: "c", v: 3 }] : [])], {
        name: "scores",
      }),
    );
    record.report(new JsonReportable({ threshold: last ? 0.7 : 0.5, kept: true }, { name: "config" }));
    record.report(
      new FigureReportable(
        `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="${last ? 40 : 20}" height="20"/></svg>`,
        { name: "plot" },
      ),
    );
    return { model: { depth: last ? 4 : 3 } };
  });
  const dir = await manager.run(async () => {
    await train(new Record(manager, { name: "base", lr: last ? 0.02 : 0.01 }));
  });
  return path.resolve(dir);
}

let tmp: string;
let site: string;
let browser: Browser;
const folders: string[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "curi-compare-app-"));
  for (const k of [1, 2, 3]) folders.push(reportFolderName(path.basename(await runExperiment(tmp, k))));
  site = path.join(tmp, "site");
  const built = await buildSite(path.join(tmp, "runs"), {
    outDir: site,
    version: "0.0.0-test",
    stateDir: path.join(tmp, "state"),
  });
  expect(built.failures).toEqual([]);
  expect(built.comparisons).toEqual([
    `compare/${folders[0]}--${folders[1]}/index.html`,
    `compare/${folders[1]}--${folders[2]}/index.html`,
  ]);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe("comparing any two runs of a published site", () => {
  it("ticks runs 1 and 3 in the index and shows their differences, from file://", async () => {
    const { page, log } = await openFile(browser, path.join(site, "index.html"), { allowedRoot: site, offline: true });
    const picks = page.locator("table.trends-table input.pick");
    expect(await picks.count()).toBe(3);
    await picks.nth(0).check(); // newest first: run 3
    await picks.nth(2).check(); // run 1
    await page.locator(".compare-bar a").click();
    await page.waitForSelector("#compare-dag");
    expect(decodeURIComponent(page.url())).toMatch(new RegExp(`/compare\\.html\\?runs=${folders[0]},${folders[2]}$`));
    const args = page.locator("table.args-diff tbody tr");
    expect(await args.allInnerTexts()).toEqual(["base\tlr\t0.01\t0.02"]);
    // Sortable like the tables of the other pages (report.js wires what compare.js drew).
    // Sortable like the tables of the other pages (report.js wires what compare.js drew), one click away.
    expect(await page.locator("table.metrics-diff th button.sort").allTextContents()).toEqual(["record", "metric"]);
    // accuracy; the JSON reportable's `threshold` is no metric, as the run logs metrics (issue 21.5).
    const changes = await page.locator("table.metrics-changes tbody tr").allInnerTexts();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatch(/^base\taccuracy ↑[^\t]*\t0\.6\t0\.8 \(\+0\.2\) better$/);
    expect(await page.locator("table.metrics-headline tbody tr").allInnerTexts()).toHaveLength(1);
    // The table: one changed cell (both values, said in words) and one added row.
    const changed = page.locator("table.table-diff td.cell-changed");
    expect(await changed.allTextContents()).toEqual(["changed: 2 5"]);
    expect(await page.locator("table.table-diff tr.row-added th").innerText()).toBe("3 (added)");
    // The JSON, line-diffed; the figures side by side, both loaded from their reports.
    expect(await page.locator("pre.json-diff del").innerText()).toContain('"threshold": 0.5');
    expect(await page.locator("pre.json-diff ins").innerText()).toContain('"threshold": 0.7');
    const images = page.locator(".compare-side img");
    expect(await images.count()).toBe(2);
    expect(await images.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth))).toEqual([40, 40]);
    expect(await page.locator("#compare-dag").innerText()).toContain("stage changed: base · stage train");
    expect(await page.locator("#compare-dag").innerText()).toContain("+ model = ");
    expect({ ...log, consoleErrors: log.consoleErrors, failedRequests: log.failedRequests }).toMatchObject({
      consoleErrors: [],
      pageErrors: [],
      failedRequests: [],
      outsideRequests: [],
    });
    await page.context().close();
  });

  it("leads each run to its comparison with the previous run with JavaScript off", async () => {
    // With JavaScript off a page is its markup: the link is followed by reading the page it names.
    const index = await parsePage(path.join(site, "index.html"));
    const firstRow = select(index, "table.trends-table", "tbody", "tr")[0] as El;
    const link = select(firstRow, "a").find((a) => words(textOf(a)) === "vs previous");
    const href = decodeURIComponent(attrOf(link as El, "href") ?? "");
    expect(href).toBe(`compare/${folders[1]}--${folders[2]}/index.html`);
    const compared = await parsePage(path.join(site, href));
    expect(select(compared, "table.args-diff", "tbody", "tr").map(rowText)).toEqual(["base\tlr\t0.01\t0.02"]);
    expect(select(compared, "table.table-diff", "td.cell-changed")).toHaveLength(1);
  });

  it("leaves a site that curi-report check passes", async () => {
    expect(await checkSite(site)).toEqual([]);
  });

  it("merges a report's data from its chunk files, and names a chunk of another build or a lost one", async () => {
    // Run 1's data rewritten as a big sweep's would be: a main file naming chunks, each within a lowered bound.
    const dir = path.join(site, folders[0] ?? "");
    const data = parseCompareDataScript(await readFile(path.join(dir, "compare-data.js"), "utf8"), folders[0] ?? "");
    const files = data === null ? [] : compareDataFiles(data, 1_000);
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) await writeFile(path.join(dir, f.name), f.text);
    const { page, log } = await openFile(browser, path.join(site, "compare.html"), {
      allowedRoot: site,
      offline: true,
    });
    const url = `${pathToFileURL(path.join(site, "compare.html")).href}?runs=${folders[0]},${folders[2]}`;
    await page.goto(url);
    await page.waitForSelector("#compare-dag");
    expect(await page.locator("table.args-diff tbody tr").allInnerTexts()).toEqual(["base\tlr\t0.01\t0.02"]);
    expect(await page.locator("table.metrics-diff tbody tr").count()).toBe(1);
    expect(await page.locator("table.table-diff td.cell-changed").allTextContents()).toEqual(["changed: 2 5"]);
    expect(log).toMatchObject({ consoleErrors: [], pageErrors: [], failedRequests: [] });
    await page.context().close();
    // A fresh page (nothing cached) with the last chunk left from another build of the report.
    const last = files.length - 1;
    const other =
      data === null
        ? []
        : compareDataFiles({ ...data, records: data.records.map((r) => ({ ...r, key: `${r.key}-old` })) }, 1_000);
    await writeFile(path.join(dir, `compare-data-${last}.js`), other[last]?.text ?? "");
    const again = (await openFile(browser, path.join(site, "compare.html"), { allowedRoot: site, offline: true })).page;
    await again.goto(url);
    await again.waitForFunction(() => document.getElementById("compare-status")?.textContent?.includes("rebuild"));
    expect(await again.locator("#compare-status").innerText()).toBe(
      `${folders[0]}/compare-data-${last}.js is not chunk ${last} of this report's comparison data (of another report or build); rebuild that report with this curi-report version.`,
    );
    // And lost: named too, and not written over by the other files still loading.
    await rm(path.join(dir, `compare-data-${last}.js`));
    await again.goto(`${url}&lost`);
    await again.waitForFunction(() =>
      document.getElementById("compare-status")?.textContent?.includes("could not be loaded"),
    );
    // Every other chunk has loaded (or failed) by then: none may overwrite the message.
    await again.waitForLoadState("networkidle");
    expect(await again.locator("#compare-status").innerText()).toBe(
      `${folders[0]}/compare-data-${last}.js could not be loaded; rebuild that report with this curi-report version.`,
    );
    await again.context().close();
  });
});
