import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/buildSite.js";
import { checkSite } from "../../src/site/check.js";
import { attr, scanHtml, type HtmlTag } from "../../src/site/htmlScan.js";
import { buildSingleFile, singleFileReport, writeSingleFile } from "../../src/site/singleFile.js";
import { singleFileCsp } from "../../src/site/singleFileParts.js";
import { launchChromium, openFile, type PageLog } from "../helpers/browser.js";
import { pngSquare, wireRun, writeRunFolder } from "../fixtures-publish/runs.js";
import {
  embedded,
  EMBEDDABLE_PAGE,
  embeddedPages,
  frameOnlyTexts,
  look,
  OWN_PAGE,
  recordPages,
  settle,
} from "./singleFileLook.js";

const REF = "pub_1_2026-11-26-T233803";
let tmp: string;
let site: string;
let reportDir: string;
let browser: Browser;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "curi-single-"));
  const runs = path.join(tmp, "runs");
  await writeRunFolder(runs, wireRun({ records: 3, aggregate: true, rich: true, reference: REF }));
  site = path.join(tmp, "site");
  const built = await buildSite(runs, { outDir: site, version: "0.0.0-test" });
  expect(built.failures).toEqual([]);
  reportDir = path.join(site, REF);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await rm(tmp, { recursive: true, force: true });
});

function expectClean(log: PageLog): void {
  expect(log.outsideRequests).toEqual([]);
  expect(log.failedRequests).toEqual([]);
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
}

/**
 * Expects every record page of the folder report `reportDir` to be embedded in the single file
 * open in `single`, showing there what it shows in the folder (less its footer); with `frames`,
 * also the same `#frame-only` texts in its frames (each frame waited for up to 5 s). Each page is
 * opened in `folder` (the folder report's page, whose log then covers it too).
 */
async function expectRecordPagesEmbedded(
  single: Page,
  folder: Page,
  reportDir: string,
  context: string,
  frames = false,
): Promise<void> {
  const pages = await recordPages(reportDir);
  expect(await embeddedPages(single), context).toEqual(pages);
  for (const rel of pages) {
    await folder.goto(pathToFileURL(path.join(reportDir, rel)).href, { waitUntil: "load" });
    // Frames only need time to render when their texts are compared.
    await settle(folder, frames ? 300 : 0);
    const [seen, expected] = [await look(single, embedded(rel)), await look(folder, EMBEDDABLE_PAGE)];
    expect(seen, `${context}: ${rel}`).toEqual(expected);
    expect(seen.headings.length, `${context}: ${rel}`).toBeGreaterThan(0);
    for (const img of seen.images) expect(img.width, `${context}: ${rel}: ${img.alt}`).toBeGreaterThan(0);
    if (frames)
      expect(await frameOnlyTexts(single, embedded(rel)), `${context}: ${rel}`).toEqual(
        await frameOnlyTexts(folder, EMBEDDABLE_PAGE),
      );
  }
}

describe("singleFileReport in Chromium with the network blocked", () => {
  it("shows everything the folder report shows, fetching nothing", async () => {
    const alone = path.join(tmp, "alone");
    await mkdir(alone, { recursive: true });
    const file = path.join(alone, `${REF}.html`);
    await writeFile(file, await singleFileReport(reportDir));

    const folder = await openFile(browser, path.join(reportDir, "index.html"), { allowedRoot: site, offline: true });
    await settle(folder.page);
    // The file's own page against the folder's report page; the record pages it embeds after.
    const folderFrames = await frameOnlyTexts(folder.page, OWN_PAGE);
    const expected = await look(folder.page, OWN_PAGE);
    // Only the file itself may be read: its folder holds nothing else.
    const single = await openFile(browser, file, { allowedRoot: alone, offline: true });
    await settle(single.page);
    const singleFrames = await frameOnlyTexts(single.page, OWN_PAGE);
    const seen = await look(single.page, OWN_PAGE);

    expect(seen.headings).toEqual(expected.headings);
    expect(seen.headings.length).toBeGreaterThan(10);
    expect(seen.svgs).toBe(expected.svgs);
    expect(seen.svgs).toBeGreaterThan(0);
    expect(seen.images.map((i) => i.alt)).toEqual(expected.images.map((i) => i.alt));
    expect(seen.images.length).toBe(3);
    for (const img of seen.images) expect(img.width, img.alt).toBeGreaterThan(0);
    expect(seen.buttons).toBe(expected.buttons); // report.js ran
    expect(seen.buttons).toBeGreaterThan(0);
    expect(seen.font).toBe(expected.font); // style.css applied
    expect(seen.headerMargin).toBe(expected.headerMargin);
    expect(singleFrames).toEqual(["bold"]); // the srcdoc frame renders
    expect(folderFrames).toEqual(["bold"]);
    // Every record page of the folder report is in the file too, showing what it shows there.
    expect((await recordPages(reportDir)).length).toBeGreaterThan(0);
    await expectRecordPagesEmbedded(single.page, folder.page, reportDir, REF, true);
    expectClean(folder.log);
    expectClean(single.log);
    await folder.page.context().close();
    await single.page.context().close();
  });

  it("matches the folder report for every fixture run", async () => {
    const fixtures = path.join(tmp, "fixtures-site");
    const built = await buildSite(fileURLToPath(new URL("../../fixtures/runs", import.meta.url)), {
      outDir: fixtures,
      version: "0.0.0-test",
    });
    expect(built.reports.length).toBeGreaterThanOrEqual(5);
    // The reports are compared side by side at once: each pair of pages waits mostly on loading.
    await Promise.all(
      built.reports.map(async (report) => {
        const { file } = await writeSingleFile(fixtures, report.folder);
        const alone = path.join(tmp, "alone-fixtures", report.folder);
        await mkdir(alone, { recursive: true });
        await cp(file, path.join(alone, "report.html"));
        const [folder, single] = await Promise.all([
          openFile(browser, path.join(fixtures, report.page), { allowedRoot: fixtures, offline: true }),
          openFile(browser, path.join(alone, "report.html"), { allowedRoot: alone, offline: true }),
        ]);
        await Promise.all([settle(folder.page), settle(single.page)]);
        const [expected, seen] = [await look(folder.page, OWN_PAGE), await look(single.page, OWN_PAGE)];
        expect(seen, report.folder).toEqual(expected);
        for (const img of seen.images) expect(img.width, `${report.folder}: ${img.alt}`).toBeGreaterThan(0);
        await expectRecordPagesEmbedded(single.page, folder.page, path.join(fixtures, report.folder), report.folder);
        expectClean(folder.log);
        expectClean(single.log);
        await folder.page.context().close();
        await single.page.context().close();
      }),
    );
  });

  it("allows exactly its inline blocks by hash: no 'unsafe-inline', no 'self', nothing outside", async () => {
    const html = await singleFileReport(reportDir);
    const tags = scanHtml(html);
    const csp = tags.find((t) => t.name === "meta" && attr(t, "http-equiv") === "Content-Security-Policy");
    const policy = csp === undefined ? "" : (attr(csp, "content") ?? "");
    expect(policy).toMatch(/^default-src 'none'; /);
    expect(policy).not.toMatch(/unsafe-inline|'self'|https?:|\*/);
    for (const tag of tags.filter((t) => !t.closing && !t.foreign && (t.name === "style" || t.name === "script"))) {
      expect(tag.text).toBeDefined();
      expect(attr(tag, "src")).toBeUndefined();
      const body = html.slice(tag.text?.start, tag.text?.end);
      const hash = `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`;
      const directive = policy.split("; ").find((d) => d.startsWith(`${tag.name}-src `)) ?? "";
      expect(directive.split(" ")).toContain(hash);
    }
    expect(tags.some((t) => t.name === "link" && !t.closing)).toBe(false);
  });

  it("turns links to graph sources and dag.json into data: downloads, and notes the ones it leaves out", async () => {
    const html = await singleFileReport(reportDir);
    const anchors = scanHtml(html).filter((t) => t.name === "a" && !t.closing);
    const full = anchors.find((a) => attr(a, "download") === "full.gv");
    const href = full === undefined ? "" : (attr(full, "href") ?? "");
    expect(href).toMatch(/^data:text\/plain;charset=utf-8;base64,/);
    expect(Buffer.from(href.split(",")[1] ?? "", "base64").toString("utf8")).toBe(
      await readFile(path.join(reportDir, "graphs", "full.gv"), "utf8"),
    );
    expect(anchors.some((a) => attr(a, "download") === "dag.json")).toBe(true);
    // The breadcrumb to the site index has no place in a file of its own.
    expect(anchors.some((a) => attr(a, "href") === "../index.html")).toBe(false);
    expect(html).toContain("(left out of this single file: it leads outside the report)");
    const small = await buildSingleFile(reportDir, { maxLinkedFileBytes: 16 });
    expect(
      small.warnings.some((w) => w.includes("graphs/full.gv") && w.includes("over the 16 B limit for a linked file")),
    ).toBe(true);
    expect(small.html).not.toContain('download="full.gv"');
  });

  it("warns past the size budget, and is the same bytes every time", async () => {
    const warned: string[] = [];
    const result = await buildSingleFile(reportDir, { maxBytes: 2000, onWarning: (w) => warned.push(w) });
    expect(result.bytes).toBeGreaterThan(2000);
    expect(result.warnings).toEqual(warned);
    expect(warned.some((w) => w.includes("over the"))).toBe(true);
    expect((await buildSingleFile(reportDir)).warnings).toEqual([]);
    expect(await singleFileReport(reportDir)).toBe(result.html);
  });

  it("writes <out>/<folder>.html, and the site still passes check", async () => {
    const copy = path.join(tmp, "with-single");
    await cp(site, copy, { recursive: true });
    const { file } = await writeSingleFile(copy, REF);
    expect(file).toBe(path.join(copy, `${REF}.html`));
    expect(await readFile(file, "utf8")).toBe(await singleFileReport(reportDir));
    expect((await checkSite(copy)).filter((p) => p.severity === "error")).toEqual([]);
  });

  it("never inlines a file that a symlink leads to outside the report folder", async () => {
    const copy = path.join(tmp, "evil");
    await cp(reportDir, copy, { recursive: true });
    const secret = path.join(tmp, "secret.txt");
    await writeFile(secret, "TOP-SECRET");
    await symlink(secret, path.join(copy, "reportables", "leak.png"));
    await appendFile(
      path.join(copy, "index.html"),
      `<img src="reportables/leak.png" alt="leak"><img src="../secret.txt" alt="up">`,
    );
    const result = await buildSingleFile(copy);
    expect(result.html).not.toContain(Buffer.from("TOP-SECRET").toString("base64"));
    expect(result.warnings.some((w) => w.includes("reportables/leak.png"))).toBe(true);
  });
});

describe("buildSingleFile on a hand-written report folder", () => {
  it("rewrites HTML and SVG links, @import and url() in CSS, srcset, and keeps attributes of left-out links", async () => {
    const dir = path.join(tmp, "hand");
    await mkdir(path.join(dir, "graphs"), { recursive: true });
    await writeFile(path.join(dir, "graphs", "full.gv"), "digraph {}\n");
    await writeFile(path.join(dir, "dot.png"), pngSquare(2, [0, 0, 0]));
    await writeFile(path.join(dir, "base.css"), "@import 'more.css';\nh1 { background: url(dot.png); }\n");
    await writeFile(path.join(dir, "more.css"), "p { color: red; }\n");
    await writeFile(
      path.join(dir, "index.html"),
      `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel=stylesheet href=base.css media="screen"></head><body>` +
        `<a id="keep" class="c" href="../index.html">up</a> <a href="./#sec">self</a> <img srcset="dot.png 1x, dot.png 2x" alt="d">` +
        `<svg><a xlink:href="graphs/full.gv"><text>g</text></a></svg><h2 id="sec">S</h2></body></html>`,
    );
    const { html, warnings } = await buildSingleFile(dir);
    expect(warnings).toEqual([]);
    const tags = scanHtml(html);
    const dataPng = `data:image/png;base64,${pngSquare(2, [0, 0, 0]).toString("base64")}`;
    expect(html).toContain(
      `<style media="screen">p { color: red; }\n\nh1 { background: url("${dataPng}"); }\n</style>`,
    );
    expect(html).toContain(
      '<a id="keep" class="c" title="../index.html: it leads outside the report">up</a> <small class="single-file-note">',
    );
    expect(tags.find((t) => t.name === "a" && attr(t, "href") === "#sec")).toBeDefined();
    expect(attr(tags.find((t) => t.name === "img") as HtmlTag, "srcset")).toBe(`${dataPng} 1x, ${dataPng} 2x`);
    const svgLink = tags.find((t) => t.name === "a" && t.foreign);
    expect(attr(svgLink as HtmlTag, "xlink:href")).toBe(
      `data:text/plain;charset=utf-8;base64,${Buffer.from("digraph {}\n").toString("base64")}`,
    );
    expect(attr(svgLink as HtmlTag, "download")).toBe("full.gv");
    // No policy in the page: one is added first in <head>.
    expect(html).toMatch(
      /<head><meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/,
    );
  });
});

describe("singleFileCsp", () => {
  it("replaces 'self' with data: for images and with hashes for style and script", () => {
    const csp = singleFileCsp(
      "default-src 'self' https://cdn.test; img-src 'self' data: https://x.test; style-src 'self' 'unsafe-inline'; frame-src 'self'; form-action 'none'",
      {
        style: ["a{}", "a{}"],
        script: [],
      },
    );
    const hash = `'sha256-${createHash("sha256").update("a{}").digest("base64")}'`;
    expect(csp).toBe(
      `default-src 'none'; img-src data:; frame-src 'none'; form-action 'none'; style-src ${hash}; script-src 'none'; base-uri 'none'`,
    );
  });
});
