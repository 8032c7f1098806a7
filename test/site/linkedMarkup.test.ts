/**
 * Issue 23 point 5: a custom reportable's linked files that a browser opens as pages (a plotly
 * `write_html` page, `.htm`, `.xhtml`, `.xml`, and an `.rss` that holds XHTML) ran their scripts
 * when opened on their own, with the site's origin. Now each is written as a page of ours that
 * frames it without scripts: opened on its own in Chromium it runs nothing, loads nothing from
 * outside and stays put, and still shows its text. Inert files (text, images) are copied byte for
 * byte. `check` fails a site holding active markup outside the pages a build writes.
 */
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSitePage } from "../../src/render/router.js";
import type { WireRun } from "../../src/run/wire.js";
import { writeRunDocument } from "../../src/run/write.js";
import { buildSite } from "../../src/site/buildSite.js";
import { checkSite } from "../../src/site/check.js";
import { launchChromium } from "../helpers/browser.js";
import { expectSafeVisit, hostileVisitor, pageTexts } from "../hostile/helpers/page.js";
import { PNG_1X1, tempDir, wireRun } from "./helpers/runs.js";

/** A page that tries everything a page may do on its own: scripts, handlers, script URLs, a refresh away, a plugin. */
const PLOT = [
  `<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0; url=https://elsewhere.test/">`,
  `<script>window.__pwned = true; document.title = "pwned"</script></head>`,
  `<body onload="window.__pwned = true"><h1>PLOT TITLE</h1><img src="dot.png" alt="dot">`,
  `<a href="javascript:window.__pwned = true">go</a><object data="https://elsewhere.test/x.swf"></object>`,
  `<pre>line one\nline two</pre></body></html>`,
].join("");
const XHTML = `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>XHTML TEXT</p><script>window.__pwned = true</script></body></html>`;
/** XML data with an XHTML script: Chromium runs it from a `.xml` or `.rss` name. */
const FEED = `<?xml version="1.0"?><feed xmlns:h="http://www.w3.org/1999/xhtml"><title>FEED TITLE</title><h:script>window.__pwned = true</h:script></feed>`;
const LINKED: Readonly<Record<string, string | Uint8Array>> = {
  "reportables/plot.html": PLOT,
  "reportables/plot.htm": PLOT,
  "reportables/page.xhtml": XHTML,
  "reportables/data.xml": FEED,
  "reportables/feed.rss": FEED,
  "reportables/notes.txt": "<script>text, shown as text</script>\n",
  "reportables/dot.png": PNG_1X1,
};
/** The linked files a browser would open as pages: each is contained. */
const CONTAINED = ["plot.html", "plot.htm", "page.xhtml", "data.xml", "feed.rss"];

let browser: Browser;
let site: string;
let folder: string;

beforeAll(async () => {
  const root = await tempDir("curi-linked-");
  const doc: WireRun = { ...wireRun(1), schema_version: 2 };
  const html = doc.reportables[0]!;
  html.data = {
    html: Object.keys(LINKED)
      .map((f) => `<a href="${f}">${f}</a>`)
      .join(" "),
  };
  html.files = Object.keys(LINKED);
  const run = path.join(root, "runs", doc.run_info.reference);
  for (const [rel, content] of Object.entries(LINKED)) {
    await mkdir(path.dirname(path.join(run, rel)), { recursive: true });
    await writeFile(path.join(run, rel), content);
  }
  await writeFile(path.join(run, "reportables", "base_fit_plot.png"), PNG_1X1);
  await writeFile(path.join(run, "log.txt"), "log\n");
  await writeRunDocument(run, doc);
  site = path.join(root, "site");
  const built = await buildSite(path.join(root, "runs"), { outDir: site });
  expect(built.failures).toEqual([]);
  folder = path.join(site, doc.run_info.reference);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("a reportable's linked pages, opened on their own (23.5)", () => {
  it("run nothing, load nothing from outside and stay put in Chromium, and still show their text", async () => {
    const visitor = await hostileVisitor(browser);
    for (const name of CONTAINED) {
      const visit = await visitor.visit(path.join(folder, "reportables", name), folder);
      try {
        expectSafeVisit(visit, name);
        const frame = visit.page.frames().find((f) => f !== visit.page.mainFrame());
        const shown = (await frame?.evaluate(() => document.body.textContent)) ?? "";
        expect(shown, name).toMatch(/PLOT TITLE|XHTML TEXT|FEED TITLE/);
        expect((await pageTexts(visit.page))[0], name).toContain("without running its scripts");
      } finally {
        await visit.close();
      }
    }
  });

  it("keep their text and lines, and say how many scripts were left out", async () => {
    const page = await readFile(path.join(folder, "reportables", "plot.html"), "utf8");
    expect(page).toContain("1 script element was left out.");
    expect(page).toContain("line one&#10;line two");
    expect(page).not.toContain("<script");
  });

  it("leave inert files as they were, byte for byte", async () => {
    for (const name of ["notes.txt", "dot.png"])
      expect(await readFile(path.join(folder, "reportables", name))).toEqual(
        Buffer.from(LINKED[`reportables/${name}`] as string | Uint8Array),
      );
  });

  it("pass check", async () => {
    expect((await checkSite(site)).filter((p) => p.severity === "error")).toEqual([]);
  });
});

describe("check and active markup outside the site's pages (23.5)", () => {
  it("fails each file planted with something that runs, and names what", async () => {
    const copy = `${site}-planted`;
    await cp(site, copy, { recursive: true });
    const inFolder = path.join(copy, path.basename(folder));
    await writeFile(path.join(inFolder, "reportables", "evil.html"), PLOT);
    await writeFile(path.join(copy, "evil.xml"), FEED);
    await writeFile(path.join(inFolder, "reportables", "feed.atom"), FEED);
    await writeFile(
      path.join(inFolder, "reportables", "evil.svg"),
      `<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>`,
    );
    await writeFile(
      path.join(inFolder, "reportables", "frame.html"),
      `<iframe sandbox="allow-scripts" srcdoc="x"></iframe>`,
    );
    await writeFile(path.join(inFolder, "reportables", "quiet.html"), "<!DOCTYPE html><p>only text</p>");
    // Named like the site's own pages, but no report's: a single file without its folder, a folder without a marker.
    await writeFile(path.join(copy, "tiny_9_2026-11-29-T100009.html"), PLOT);
    await mkdir(path.join(copy, "planted"));
    await writeFile(path.join(copy, "planted", "index.html"), PLOT);
    const active = (await checkSite(copy)).filter((p) => p.kind === "active-content");
    const byFile = Object.fromEntries(active.map((p) => [p.file, p.message]));
    const name = path.basename(folder);
    expect(Object.keys(byFile).sort()).toEqual(
      [
        "evil.xml",
        `${name}/reportables/evil.html`,
        `${name}/reportables/evil.svg`,
        `${name}/reportables/feed.atom`,
        `${name}/reportables/frame.html`,
        "tiny_9_2026-11-29-T100009.html",
        "planted/index.html",
      ].sort(),
    );
    expect(byFile[`${name}/reportables/evil.html`]).toContain("<script>");
    expect(byFile[`${name}/reportables/evil.html`]).toContain("an event handler onload on <body>");
    expect(byFile[`${name}/reportables/evil.html`]).toContain("a script URL in <a href>");
    expect(byFile[`${name}/reportables/evil.html`]).toContain('a meta refresh to "https://elsewhere.test/"');
    expect(byFile[`${name}/reportables/evil.html`]).toContain("<object>");
    expect(byFile["evil.xml"]).toContain("<h:script>");
    expect(byFile[`${name}/reportables/frame.html`]).toContain("without a sandbox that stops its scripts");
    expect(active.every((p) => p.severity === "error")).toBe(true);
  });

  it("tells the site's own pages from any other file by path alone", () => {
    for (const page of [
      "index.html",
      "latest/index.html",
      "compare.html",
      "compare/a--b/index.html",
      "run_1.html",
      "run_1/index.html",
      "run_1/records/12.html",
      "run_1/records/pipeline-3.html",
      "run_1/records/pipeline-3-2.html",
      "run_1/results/4.html",
      "run_1/reportables-2.html",
      "pr/7/run_1/index.html",
    ])
      expect(isSitePage(page), page).toBe(true);
    for (const other of [
      "run_1/reportables/plot.html",
      "run_1/records/012.html",
      "run_1/records/pipeline-0.html",
      "run_1/evil.html",
      "assets.html",
      "run_1.htm",
      "compare/a--b/evil.html",
      "pr/x/run_1/index.html",
    ])
      expect(isSitePage(other), other).toBe(false);
  });
});
