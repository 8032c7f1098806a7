/**
 * Issue 10's end-to-end scenario: two runs of a 30-record sweep written through the record API,
 * the second changing `lr` for every record, with a better metric (accuracy) and a worse one
 * (latency). `compare` and `summary --base` show exactly those differences and nothing else, in
 * Markdown and in the built site, read in Chromium with JavaScript on and off.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { reportFolderName } from "../../src/render/router.js";
import { readRun } from "../../src/run/read.js";
import { launchChromium } from "../helpers/browser.js";
import { attrOf, parsePage as parsed, select, textOf, textOfId, words, type El } from "../helpers/markup.js";
import { runSweep, SWEEP_SIZE } from "./sweepRuns.js";

let tmp: string;
let firstDir: string;
let secondDir: string;
let site: string;
let published: string;
let browser: Browser;

/** Runs the CLI in-process; returns exit code and output. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: tmp,
    env: {},
  });
  return { code, stdout, stderr };
}

/** Rows of the Markdown table that follows `heading`. */
function tableAfter(md: string, heading: string): string[] {
  const at = md.indexOf(heading);
  if (at === -1) return [];
  const lines = md.slice(at).split("\n").slice(1);
  const start = lines.findIndex((l) => l.startsWith("|"));
  if (start === -1) return [];
  const rows: string[] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith("|")) break;
    rows.push(l);
  }
  return rows;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "curi-results-e2e-"));
  firstDir = await runSweep(tmp, false);
  published = path.join(tmp, "published");
  expect((await cli(firstDir, "--out", published, "--quiet")).code).toBe(0);
  secondDir = await runSweep(tmp, true);
  site = path.join(tmp, "site");
  expect((await cli("runs", "--out", site, "--quiet")).code).toBe(0);
  expect((await cli("compare", firstDir, secondDir, "--out", site)).code).toBe(0);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe("compare --format markdown", () => {
  it("shows the changed arg of every record, both metrics with their verdicts, and nothing else", async () => {
    const { code, stdout } = await cli("compare", firstDir, secondDir, "--format", "markdown");
    expect(code).toBe(0);
    const args = tableAfter(stdout, "### Args");
    expect(args).toHaveLength(SWEEP_SIZE);
    expect(args.every((r) => /^\| m\d+ \| `lr` \| `[\d.]+` \| `[\d.]+` \|$/.test(r))).toBe(true);
    // The headline: one row per metric, with its verdicts over the 30 records.
    expect(tableAfter(stdout, "### Metrics")).toEqual([
      "| `accuracy` ↑ (primary) | — | 30 better | \\+0.05 | m0 \\+0.05, m1 \\+0.05, m2 \\+0.05 |",
      "| `p95_latency_ms` ↓ | 38 → 40 \\(\\+2\\), worse | — | — | — |",
      "| `mean_accuracy` ↑ | 0.645 → 0.695 \\(\\+0.05\\), better | — | — | — |",
      "| `latency_ms` ↓ | — | 30 worse | \\+2 | m0 \\+2, m1 \\+2, m2 \\+2 |",
      "| `loss` ↓ | — | 30 same | 0 | — |",
    ]);
    expect(stdout).toContain(`<details><summary>Every changed value, per record (${2 * SWEEP_SIZE + 2})</summary>`);
    expect(stdout).toContain("No shared reportable differs.");
    expect(stdout).toContain("The stages and artifact representations are the same in every run.");
  });
});

describe("summary --base", () => {
  for (const [label, base] of [
    ["a run folder", () => firstDir],
    ["the published site's latest.json", () => path.join(published, "latest.json")],
  ] as const) {
    it(`puts the metric deltas and changed args first, against ${label}`, async () => {
      const { code, stdout, stderr } = await cli("summary", secondDir, "--base", base());
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const sections = [...stdout.matchAll(/^### (.*)$/gm)].map((m) => m[1]);
      expect(sections[0]).toMatch(/^Metrics vs base `sweep_1_/);
      expect(sections[1]).toBe("Args changed since the base");
      expect(sections).not.toContain("Failed stages");
      const metrics = tableAfter(stdout, "### Metrics vs base");
      expect(metrics).toHaveLength(5); // accuracy, p95_latency_ms, mean_accuracy, latency_ms, loss
      expect(metrics[1]).toBe("| `p95_latency_ms` ↓ | 38 → 40 \\(\\+2\\), worse | — | — | — |");
      expect(metrics[2]).toBe("| `mean_accuracy` ↑ | 0.645 → 0.695 \\(\\+0.05\\), better | — | — | — |");
      expect(tableAfter(stdout, "### Args changed since the base")).toHaveLength(SWEEP_SIZE);
      // The loss series did not change (the run logs metrics, so none is derived from its JSON reportables).
      expect(stdout).toContain(`_${SWEEP_SIZE} more have the same value in every run._`);
    });
  }

  it("says what to do when the base is not usable", async () => {
    const missing = await cli("summary", secondDir, "--base", "nowhere.json");
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("latest.json");
  });
});

/** The second run's report page. */
const secondReport = async () =>
  path.join(site, reportFolderName((await readRun(secondDir)).info.reference), "index.html");

/** The comparison page the build wrote for the two runs. */
const comparePage = async () => {
  const [a, b] = await Promise.all([readRun(firstDir), readRun(secondDir)]);
  return path.join(
    site,
    "compare",
    `${reportFolderName(a.info.reference)}--${reportFolderName(b.info.reference)}`,
    "index.html",
  );
};

describe("in Chromium", () => {
  let context: BrowserContext | undefined;
  const open = async (file: string): Promise<Page> => {
    context ??= await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    return page;
  };

  it("shows exactly the differences on the comparison page (JavaScript on)", async () => {
    const page = await open(await comparePage());
    expect(await page.locator("table.args-diff tbody tr").count()).toBe(SWEEP_SIZE);
    expect(await page.locator("table.metrics-diff tbody tr").count()).toBe(2 * SWEEP_SIZE + 2);
    expect(await page.locator("table.metrics-diff td.better").count()).toBe(SWEEP_SIZE + 1);
    expect(await page.locator("table.metrics-diff td.worse").count()).toBe(SWEEP_SIZE + 1);
    expect(await page.locator("#compare-reportables").innerText()).toContain("No shared reportable differs");
    expect(await page.locator("#compare-dag").innerText()).toContain("are the same in every run");
    await page.close();
  });

  it("leads the report with the results table, best accuracy first (JavaScript on)", async () => {
    const page = await open(await secondReport());
    const rows = page.locator("table.results-table tbody tr");
    expect(await rows.count()).toBe(SWEEP_SIZE);
    expect(await rows.first().locator("th").innerText()).toBe("m29");
    // accuracy and latency; loss is equal in every record, so has no best (and no metric is derived: the run logs some).
    expect(await page.locator("table.results-table td.best").count()).toBe(2);
    expect(await page.locator("table.results-table svg.sparkline").count()).toBe(SWEEP_SIZE);
    expect(await page.locator("th button.sort").count()).toBe(5); // record, lr, accuracy, latency_ms, loss
    await page.locator("th button.sort", { hasText: "latency_ms" }).click();
    expect(await rows.first().locator("th").innerText()).toBe("m0");
    await page.locator("input.toc-filter").first().fill("m2");
    expect(await page.locator("table.results-table tbody tr:not(.hidden-by-filter)").count()).toBe(11); // m2, m20…m29
    await page.locator("input.toc-filter").first().fill("");
    await rows.first().locator("a").click();
    expect(page.url()).toMatch(/#record-\d+$|records\/\d+\.html$/);
    await page.close();
  });

  it("reaches the comparison from the index's trends (JavaScript on)", async () => {
    const page = await open(path.join(site, "index.html"));
    const table = page.locator("table.trends-table");
    expect(await table.locator("tbody tr").count()).toBe(2);
    expect(await page.locator(".trend-plots svg").count()).toBe(2); // mean_accuracy, p95_latency_ms
    await table.locator("input.pick").nth(0).check();
    await table.locator("input.pick").nth(1).check();
    await page.locator(".compare-bar a").click();
    await page.waitForLoadState("load");
    // The site's compare.html, drawn in the browser from the two reports' compare-data.js: the same differences.
    expect(decodeURIComponent(page.url())).toContain(`/compare.html?runs=`);
    await page.waitForSelector("#compare-dag");
    expect(await page.locator("table.args-diff tbody tr").count()).toBe(SWEEP_SIZE);
    expect(await page.locator("table.metrics-diff td.better").count()).toBe(SWEEP_SIZE + 1);
    expect(await page.locator("table.metrics-diff td.worse").count()).toBe(SWEEP_SIZE + 1);
    expect(await page.locator("#compare-reportables").innerText()).toContain("No shared reportable differs");
    await page.close();
  });

  afterAll(async () => {
    await context?.close();
  });
});

// With JavaScript off a page is its markup: what it shows is what parse5 reads from the built
// file (a link is followed by reading the file its href names), so no browser is opened for it.
describe("with JavaScript off", () => {
  it("shows exactly the differences on the comparison page (JavaScript off)", async () => {
    const page = await parsed(await comparePage());
    expect(select(page, "table.args-diff", "tbody", "tr")).toHaveLength(SWEEP_SIZE);
    expect(select(page, "table.metrics-diff", "tbody", "tr")).toHaveLength(2 * SWEEP_SIZE + 2);
    expect(select(page, "table.metrics-diff", "td.better")).toHaveLength(SWEEP_SIZE + 1);
    expect(select(page, "table.metrics-diff", "td.worse")).toHaveLength(SWEEP_SIZE + 1);
    expect(textOfId(page, "compare-reportables")).toContain("No shared reportable differs");
    expect(textOfId(page, "compare-dag")).toContain("are the same in every run");
  });

  it("leads the report with the results table, best accuracy first (JavaScript off)", async () => {
    const file = await secondReport();
    const page = await parsed(file);
    const rows = select(page, "table.results-table", "tbody", "tr");
    expect(rows).toHaveLength(SWEEP_SIZE);
    expect(select(rows[0] as El, "th").map((th) => words(textOf(th)))).toEqual(["m29"]);
    expect(select(page, "table.results-table", "td.best")).toHaveLength(2);
    expect(select(page, "table.results-table", "svg.sparkline")).toHaveLength(SWEEP_SIZE);
    expect(select(page, "th", "button.sort")).toHaveLength(0);
    const href = attrOf(select(rows[0] as El, "a")[0] as El, "href") ?? "";
    expect(href).toMatch(/^#record-\d+$|records\/\d+\.html$/);
    if (!href.startsWith("#")) expect(existsSync(path.join(path.dirname(file), href))).toBe(true);
  });

  it("reaches the comparison from the index's trends (JavaScript off)", async () => {
    const index = path.join(site, "index.html");
    const page = await parsed(index);
    expect(select(page, "table.trends-table", "tbody", "tr")).toHaveLength(2);
    expect(select(page, ".trend-plots", "svg")).toHaveLength(2); // mean_accuracy, p95_latency_ms
    const link = select(page, "table.trends-table", "a").find((a) => words(textOf(a)) === "vs previous");
    const href = decodeURIComponent(attrOf(link as El, "href") ?? "");
    expect(href).toContain("compare/");
    const compared = await parsed(path.join(site, href.split("#")[0] ?? ""));
    expect(select(compared, "h1").map((h) => words(textOf(h)))).toEqual(["Comparison of 2 runs"]);
  });
});

describe("the site", () => {
  it("leaves a site that passes curi-report check, comparison page included", async () => {
    const checked = await cli("check", site);
    expect(checked.stderr).toBe("");
    expect(checked.code).toBe(0);
  });

  it("writes latest.json with the newest run's facts", async () => {
    const latest = JSON.parse(await readFile(path.join(published, "latest.json"), "utf8")) as {
      facts: { run_metrics: object };
    };
    expect(latest.facts.run_metrics).toEqual({ mean_accuracy: 0.645, p95_latency_ms: 38 });
  });
});
