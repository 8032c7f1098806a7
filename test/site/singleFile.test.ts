import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/buildSite.js";
import { checkSite } from "../../src/site/check.js";
import { attr, scanHtml, type HtmlTag } from "../../src/site/htmlScan.js";
import { htmlRefs } from "../../src/site/siteRefs.js";
import { composeSingleFile, type SingleFileOptions } from "../../src/site/singleFile.js";
import { SingleFileSink } from "../../src/site/singleFileSink.js";
import { MemoryTarget } from "../../src/site/MemoryTarget.js";
import { singleFileCsp } from "../../src/site/singleFileParts.js";
import { launchChromium, openFile, type PageLog } from "../helpers/browser.js";
import { attrOf, elements, parseHtml, type El } from "../hostile/helpers/dom.js";
import { pngSquare, wireRun, writeRunFolder } from "../fixtures-publish/runs.js";
import {
  embedded,
  EMBEDDABLE_PAGE,
  embeddedPages,
  frameOnlyTexts,
  look,
  markupLook,
  OWN_PAGE,
  type Part,
  reportPages,
  settle,
} from "./singleFileLook.js";

const REF = "pub_1_2026-11-26-T233803";
let tmp: string;
let site: string;
let reportDir: string;
let browser: Browser;
let runsDir: string;

/** The single file a build wrote beside the report `REF` in `site`. */
function singleFileReport(): Promise<string> {
  return readFile(path.join(site, `${REF}.html`), "utf8");
}

/** The single file of `REF` built to memory with `options`. */
async function buildSingleFile(options: SingleFileOptions) {
  const target = new MemoryTarget(path.join(tmp, "memory"));
  const built = await buildSite(runsDir, { outDir: target.root, target, singleFile: options, version: "0.0.0-test" });
  const single = built.reports[0]?.singleFile;
  if (single === undefined) throw new Error("no single file was built");
  return { ...single, html: await target.memory.readText(single.path) };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "curi-single-"));
  const runs = path.join(tmp, "runs");
  await writeRunFolder(runs, wireRun({ records: 3, aggregate: true, rich: true, reference: REF }));
  site = path.join(tmp, "site");
  const built = await buildSite(runs, { outDir: site, version: "0.0.0-test", singleFile: true });
  expect(built.failures).toEqual([]);
  reportDir = path.join(site, REF);
  runsDir = runs;
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
 * Expects every page of the folder report `reportDir` besides its run page (record pages, a sweep's
 * analysis page) to be embedded in the single file open in `single`, showing there what it shows
 * in the folder (less its footer); with `frames`, also the same `#frame-only` texts in its frames
 * (each read once its frame has loaded). Each page is opened in `folder` (the folder report's
 * page, whose log then covers it too).
 */
async function expectPagesEmbedded(
  single: Page,
  folder: Page,
  reportDir: string,
  context: string,
  frames = false,
): Promise<void> {
  const pages = await reportPages(reportDir);
  expect(await embeddedPages(single), context).toEqual(pages);
  for (const rel of pages) {
    await folder.goto(pathToFileURL(path.join(reportDir, rel)).href, { waitUntil: "load" });
    // Frames only need time to render when their texts are compared.
    await settle(folder, frames);
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

/** The bytes an image `src` of a page shows: a `data:` URL's, or the file it names beside `page`. */
async function imageBytes(src: string, page: string): Promise<Buffer> {
  if (src.startsWith("data:")) return Buffer.from(src.slice(src.indexOf(",") + 1), "base64");
  return readFile(path.join(path.dirname(page), decodeURIComponent(src)));
}

/**
 * Expects `part` of the single file `single` to hold what `folderPart` of the folder's page
 * `folderPage` holds: the same headings, SVGs, buttons, and images by alt, each the same bytes.
 */
async function expectSameMarkup(
  single: El,
  part: Part,
  folderPage: string,
  folderPart: Part,
  context: string,
): Promise<void> {
  const seen = markupLook(single, part);
  const expected = markupLook(parseHtml(await readFile(folderPage, "utf8")), folderPart);
  const withoutSrc = (look: typeof seen) => ({ ...look, images: look.images.map((i) => i.alt) });
  expect(withoutSrc(seen), context).toEqual(withoutSrc(expected));
  expect(seen.headings.length, context).toBeGreaterThan(0);
  for (const [i, img] of seen.images.entries()) {
    const bytes = await imageBytes(img.src, "");
    expect(img.src, `${context}: ${img.alt}`).toMatch(/^data:/);
    expect(bytes.length, `${context}: ${img.alt}`).toBeGreaterThan(0);
    expect(bytes.equals(await imageBytes(expected.images[i]?.src ?? "", folderPage)), `${context}: ${img.alt}`).toBe(
      true,
    );
  }
}

/** The folder pages a parsed single file embeds, by its sections' `data-page`, sorted. */
function embeddedSections(single: El): string[] {
  return [...elements(single)]
    .filter((e) => e.tag === "section" && (attrOf(e, "class") ?? "").split(/\s+/).includes("single-file-page"))
    .map((e) => attrOf(e, "data-page") ?? "")
    .sort();
}

describe("singleFileReport in Chromium with the network blocked", () => {
  it("shows everything the folder report shows, fetching nothing", async () => {
    const alone = path.join(tmp, "alone");
    await mkdir(alone, { recursive: true });
    const file = path.join(alone, `${REF}.html`);
    await writeFile(file, await singleFileReport());

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
    // Every page of the folder report is in the file too, showing what it shows there: the record
    // pages and, this run being a sweep, its analysis page.
    expect(await reportPages(reportDir)).toEqual(expect.arrayContaining(["analysis.html", "records/0.html"]));
    await expectPagesEmbedded(single.page, folder.page, reportDir, REF, true);
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
      singleFile: true,
    });
    expect(built.reports.length).toBeGreaterThanOrEqual(5);
    // Read by parse5 as a browser parses them: what Chromium shows of a single file against its
    // folder (scripts run, styles applied, images decoded, nothing fetched) is the rich run's test above.
    for (const report of built.reports) {
      const html = await readFile(path.join(fixtures, `${report.folder}.html`), "utf8");
      const single = parseHtml(html);
      const reportDir = path.join(fixtures, report.folder);
      await expectSameMarkup(single, OWN_PAGE, path.join(fixtures, report.page), OWN_PAGE, report.folder);
      const pages = await reportPages(reportDir);
      expect(embeddedSections(single), report.folder).toEqual(pages);
      for (const rel of pages)
        await expectSameMarkup(
          single,
          embedded(rel),
          path.join(reportDir, rel),
          EMBEDDABLE_PAGE,
          `${report.folder}: ${rel}`,
        );
      // Nothing is fetched from outside the file: every style sheet, script, image and frame it loads is in it.
      const fetched = htmlRefs(html).filter((r) => r.use !== "link" && !/^(data|about):/.test(r.url));
      expect(fetched, report.folder).toEqual([]);
      // The folder page's style sheets and scripts are in the file, as they are.
      const folderTags = scanHtml(await readFile(path.join(fixtures, report.page), "utf8"));
      for (const tag of folderTags.filter((t) => !t.closing && (t.name === "link" || t.name === "script"))) {
        const src = attr(tag, tag.name === "link" ? "href" : "src");
        if (src === undefined || (tag.name === "link" && attr(tag, "rel") !== "stylesheet")) continue;
        const text = await readFile(path.join(path.dirname(path.join(fixtures, report.page)), src), "utf8");
        expect(html.includes(text), `${report.folder}: ${src}`).toBe(true);
      }
    }
  });

  it("allows exactly its inline blocks by hash: no 'unsafe-inline', no 'self', nothing outside", async () => {
    const html = await singleFileReport();
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

  it("turns links to graph sources and dag.json into data: downloads, and links the ones it leaves out in the full report", async () => {
    const html = await singleFileReport();
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
    const small = await buildSingleFile({ maxLinkedFileBytes: 16 });
    expect(
      small.warnings.some((w) => w.includes("graphs/full.gv") && w.includes("over the 16 B limit for a linked file")),
    ).toBe(true);
    expect(small.html).not.toContain('download="full.gv"');
    expect(small.html).toContain(`href="${REF}/graphs/full.gv"`);
  });

  it("stays within its bound, says what it left out, and is the same bytes every time", async () => {
    const whole = await buildSingleFile({});
    expect(whole.html).toBe(await singleFileReport());
    expect(whole.html).not.toContain("single-file-bound");
    const bounded = await buildSingleFile({ maxBytes: whole.bytes - 20_000, maxPages: 1 });
    expect(bounded.bytes).toBeLessThanOrEqual(whole.bytes - 20_000);
    expect(Buffer.byteLength(bounded.html)).toBe(bounded.bytes);
    const tags = scanHtml(bounded.html);
    expect(tags.filter((t) => t.name === "section" && !t.closing && attr(t, "data-page") !== undefined)).toHaveLength(
      1,
    );
    const note = tags.find((t) => !t.closing && (attr(t, "class") ?? "").includes("single-file-bound"));
    expect(note).toBeDefined();
    expect(bounded.html).toMatch(/are left out and open in the full report, <\/span><a href="[^"]+\/index\.html">/);
    expect((await buildSingleFile({ maxBytes: whole.bytes - 20_000, maxPages: 1 })).html).toBe(bounded.html);
  });

  it("writes <out>/<folder>.html, and the site still passes check", async () => {
    expect(await singleFileReport()).toMatch(/^<!DOCTYPE html>/);
    expect((await checkSite(site)).filter((p) => p.severity === "error")).toEqual([]);
  });
});

describe("composeSingleFile on hand-written pages and files", () => {
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
    const sink = new SingleFileSink("", { maxPages: 10 });
    await sink.write("graphs/full.gv", "digraph {}\n");
    await sink.copy("dot.png", path.join(dir, "dot.png"), dir);
    for (const name of ["base.css", "more.css", "index.html"])
      await sink.write(name, await readFile(path.join(dir, name), "utf8"));
    const { html, warnings } = await composeSingleFile(sink, { folder: "hand", stamp: "0".repeat(64) });
    expect(warnings).toEqual([]);
    const tags = scanHtml(html);
    const dataPng = `data:image/png;base64,${pngSquare(2, [0, 0, 0]).toString("base64")}`;
    expect(html).toContain(
      `<style media="screen">p { color: red; }\n\nh1 { background: url("${dataPng}"); }\n</style>`,
    );
    expect(html).toContain(
      '<a id="keep" class="c" title="../index.html: it leads outside the report">up</a><small class="single-file-note"> (left out',
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
      /<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-/,
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
