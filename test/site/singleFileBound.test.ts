/**
 * Issue 21, point 13: `--single-file` stays useful at any size. On a 1,000-record sweep it holds the
 * run page and the best records' pages, stays within check's per-file budget (5 MiB), says what it
 * left out and links the full report; the site with it passes `check`. Read with parsers, not a
 * browser load.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/site/buildReport.js";
import { checkSite, DEFAULT_MAX_FILE_BYTES } from "../../src/site/check.js";
import { DiskTarget } from "../../src/site/DiskTarget.js";
import { attr, scanHtml } from "../../src/site/htmlScan.js";
import { SINGLE_FILE_PAGES } from "../../src/site/singleFile.js";
import { sweepRun } from "../render/results/sweep.js";

describe("the single file of a 1,000-record sweep", () => {
  it("is bounded, embeds the best records first, says what it left out, and the site passes check", async () => {
    const run = sweepRun({ n: 1000 });
    const site = path.join(await mkdtemp(path.join(os.tmpdir(), "curi-single-bound-")), "site");
    const built = await buildReport(run, { outDir: site, target: new DiskTarget(site), singleFile: true });
    const single = built.singleFile;
    expect(single?.path).toBe(`${built.folder}.html`);
    const html = await readFile(path.join(site, `${built.folder}.html`), "utf8");
    expect(Buffer.byteLength(html)).toBe(single?.bytes);
    expect(single?.bytes).toBeLessThanOrEqual(DEFAULT_MAX_FILE_BYTES);

    const tags = scanHtml(html).filter((t) => !t.closing);
    const pages = tags.filter((t) => t.name === "section" && attr(t, "data-page") !== undefined);
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.length).toBeLessThanOrEqual(SINGLE_FILE_PAGES);
    // accuracy rises with the index: m999 (records/999.html) is the best record, m998 the next.
    const embedded = pages.map((t) => attr(t, "data-page"));
    expect(embedded.slice(0, 2)).toEqual(["records/999.html", "records/998.html"]);
    // What is left out is said, and opens in the full report beside the file.
    const bound = tags.find((t) => (attr(t, "class") ?? "").includes("single-file-bound"));
    expect(bound).toBeDefined();
    expect(html).toMatch(/\d+ pages[^<]* are left out and open in the full report/);
    const hrefs = tags.filter((t) => t.name === "a").map((t) => attr(t, "href") ?? "");
    expect(hrefs).toContain(`${built.folder}/index.html`);
    expect(hrefs).toContain(`${built.folder}/records/0.html`);

    const problems = await checkSite(site);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  });
});
