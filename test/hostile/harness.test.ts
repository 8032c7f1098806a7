/**
 * The browser harness of the hostile tests must see what it looks for, or their passing proves
 * nothing: a script that ran (a dialog, `window.__pwned`), a request leaving the folder, the page
 * navigating away, and script in a lazy iframe far below the fold; and the parsed check of built
 * files must flag every way a page, an SVG image or a single file could run, fetch or navigate.
 */
import { lstat, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.js";
import { tempDir, treeStamps } from "./helpers/cases.js";
import { fileProblems, inertProblems, staticFile, staticFiles } from "./helpers/inert.js";
import { hostileVisitor, type HostileVisitor } from "./helpers/page.js";

let browser: Browser;
let visitor: HostileVisitor;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  visitor = await hostileVisitor(browser);
  dir = await tempDir("curi-hostile-harness-");
  await mkdir(path.join(dir, "report"));
});
afterAll(async () => {
  await browser.close();
});

/** Writes `body` as a page in the report folder and visits it. */
async function visit(name: string, body: string) {
  const file = path.join(dir, "report", `${name}.html`);
  await writeFile(
    file,
    `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><h1>t</h1>${body}</body></html>`,
  );
  return visitor.visit(file, path.join(dir, "report"));
}

describe("the hostile browser harness", () => {
  it("sees a script that ran", async () => {
    const v = await visit("script", `<script>window.__pwned = true; alert("ran")</script>`);
    expect([v.pwned, v.dialogs]).toEqual([true, ["ran"]]);
    await v.close();
  });

  it("sees script in a lazy iframe far below the fold", async () => {
    const v = await visit(
      "lazy",
      `<div style="height:20000px"></div><iframe loading="lazy" sandbox="allow-scripts allow-same-origin" srcdoc="<script>parent.__pwned = true</script>"></iframe>`,
    );
    expect(v.pwned).toBe(true);
    await v.close();
  });

  it("sees requests that leave the folder, and navigation away", async () => {
    await writeFile(path.join(dir, "elsewhere.html"), "<p>elsewhere</p>");
    const v = await visit(
      "leave",
      `<img src="https://evil.example/x.png"><img src="../elsewhere.png"><meta http-equiv="refresh" content="0;url=../elsewhere.html">`,
    );
    expect(v.outsideRequests).toEqual(
      expect.arrayContaining([
        "https://evil.example/x.png",
        expect.stringMatching(/\/elsewhere\.png$/),
        expect.stringMatching(/\/elsewhere\.html$/),
      ]),
    );
    // The refresh was refused (outside the folder), so the page ends on Chromium's error page: still a navigation away.
    expect(v.navigations.length).toBeGreaterThan(0);
    await v.close();
  });

  it("reuses a page for the next visit, which sees nothing of the one before", async () => {
    const first = await visit("first", `<script>window.__pwned = true; alert("first")</script>`);
    expect([first.pwned, first.dialogs]).toEqual([true, ["first"]]);
    const page = first.page;
    await first.close();
    const second = await visit("second", "<p>nothing</p>");
    expect(second.page).toBe(page);
    expect([second.pwned, second.dialogs, second.navigations, second.outsideRequests]).toEqual([false, [], [], []]);
    await second.close();
  });

  it("sees a popup opened by the page, and keeps concurrent visits apart", async () => {
    const [popper, quiet] = await Promise.all([
      visit("popup", `<script>window.open("about:blank")</script>`),
      visit("quiet", "<p>nothing</p>"),
    ]);
    expect(popper.popups).toEqual(["about:blank"]);
    expect([quiet.popups, quiet.dialogs, quiet.pwned]).toEqual([[], [], false]);
    await Promise.all([popper.close(), quiet.close()]);
  });
});

/** A page as the report writes it: its policy first, then `body`. */
function page(
  body: string,
  policy = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; base-uri 'none'; form-action 'none'",
): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policy}"><link rel="stylesheet" href="style.css"><script src="report.js" defer></script></head><body>${body}</body></html>`;
}

/** An HTML reportable's frame as the report writes it, its document `doc` escaped into srcdoc. */
function frame(doc: string, sandbox = "allow-same-origin"): string {
  return `<iframe sandbox="${sandbox}" srcdoc="${doc.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"></iframe>`;
}

const FRAME_POLICY = `<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`;

describe("the parsed check of built files", () => {
  /** Writes `files` into a fresh report folder and checks it. */
  async function check(files: Record<string, string>): Promise<string[]> {
    const folder = path.join(await tempDir("curi-hostile-inert-"), "report");
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
      await writeFile(path.join(folder, name), text);
    }
    return inertProblems(folder, await staticFiles(folder));
  }
  const svg = (body: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">${body}</svg>`;

  it("passes pages with their policy first, their own script, script-less frames, inside references and outside links", async () => {
    const clean = svg(
      `<defs><linearGradient id="g"/></defs><rect fill="url(#g)" style="fill: url('#g')"/><image href="data:image/png;base64,AAAA"/><image xlink:href="other.png"/><a href="https://example.org/"><text>t</text></a>`,
    );
    const index = page(
      `<h1>t</h1><img src="reportables/a.svg" srcset="reportables/a.svg 1x, data:image/png;base64,AA,AA 2x"><a href="../index.html">all runs</a>${frame(`${FRAME_POLICY}<script>alert(1)</script><img src="https://evil.example/x.png">`)}`,
    );
    expect(
      await check({
        "reportables/a.svg": clean,
        "index.html": index,
        "records/0.html": page("<p>record</p>").replace('"report.js"', '"../report.js"'),
      }),
    ).toEqual([]);
  });

  it("flags everything that could run, fetch from outside, or navigate", async () => {
    const found = await check({
      "reportables/script.svg": svg(`<script>alert(1)</script>`),
      "reportables/handler.svg": svg(`<rect onload="alert(1)"/>`),
      "reportables/foreign.svg": svg(
        `<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="x.html"/></foreignObject>`,
      ),
      "reportables/outside.svg": svg(
        `<image href="https://evil.example/x.png"/><use xlink:href="../../secret.svg#a"/>`,
      ),
      "reportables/styled.svg": svg(
        `<style>@import url(https://evil.example/a.css); rect { fill: url(https://evil.example/b) }</style>`,
      ),
      "reportables/escaped.svg": svg(
        `<style>@\\69mport "x.css"; rect { fill: \\75 rl(https://evil.example/c) }</style><rect style="fill: image-set('https://evil.example/d' 1x)"/>`,
      ),
      "reportables/jslink.svg": svg(
        `<a href="javascript:alert(1)"><text>x</text></a><set attributeName="href" to="javascript:alert(1)"/>`,
      ),
      "reportables/broken.svg": `<svg xmlns="http://www.w3.org/2000/svg"><g><script>alert(1)</script></svg>`,
      "extra.html": `<meta http-equiv="refresh" content="0;url=https://evil.example/"><img src="https://evil.example/i.png" srcset="a.png 1x, https://evil.example/j.png 2x">`,
      "index.html": page(
        `<script>alert(1)</script>${frame(`${FRAME_POLICY}<p>x</p>`, "allow-same-origin allow-scripts")}${frame("<p>no policy</p>")}`,
        "default-src 'none'; script-src 'self' 'unsafe-inline'",
      ),
      "records/0.html": `<html><head><script src="https://evil.example/r.js"></script><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head></html>`,
    });
    for (const expected of [
      "reportables/script.svg: has <script>",
      "reportables/handler.svg: <rect> has onload",
      "reportables/foreign.svg: has <foreignObject>",
      "reportables/outside.svg: <image> href loads https://evil.example/x.png",
      "reportables/outside.svg: <use> xlink:href loads ../../secret.svg#a",
      "reportables/styled.svg: <style> has an @import",
      "reportables/styled.svg: <style> loads https://evil.example/a.css",
      "reportables/styled.svg: <style> loads https://evil.example/b",
      "reportables/escaped.svg: <style> has an @import",
      "reportables/escaped.svg: <style> loads https://evil.example/c",
      "reportables/escaped.svg: <rect style> loads https://evil.example/d",
      "reportables/jslink.svg: <a> href is a script URL",
      "reportables/jslink.svg: <set> changes href",
      "reportables/broken.svg: has <script>",
      "extra.html: has no Content-Security-Policy before what it loads",
      "extra.html: has a meta refresh",
      "extra.html: <img> src loads https://evil.example/i.png",
      "extra.html: <img> srcset loads https://evil.example/j.png",
      "index.html: has <script>",
      "index.html: its Content-Security-Policy: script-src allows 'self' 'unsafe-inline'",
      "index.html: has an <iframe> sandbox with allow-scripts",
      "index.html: has an <iframe srcdoc> without a Content-Security-Policy first",
      "records/0.html: has no Content-Security-Policy before what it loads",
      "records/0.html: has <script>",
    ]) {
      expect(found).toContain(expected);
    }
  });

  it("lets a single file load no file at all, and run no script but the report's own", async () => {
    const dir = await tempDir("curi-hostile-single-");
    const own = "document.documentElement.dataset.ok = '1';";
    const body = `<script>${own}</script><img src="data:image/png;base64,AAAA"><img src="data:image/svg+xml;base64,PHN2Zy8+"><a download="log.txt" href="data:text/plain,log">log</a><img src="reportables/a.png"><script>alert(1)</script><iframe src="data:image/svg+xml;base64,PHN2Zy8+"></iframe>`;
    await writeFile(
      path.join(dir, "report.html"),
      page(
        body,
        "default-src 'none'; img-src data:; script-src 'sha256-AAAA'; base-uri 'none'; form-action 'none'",
      ).replace('<script src="report.js" defer></script>', ""),
    );
    const problems = fileProblems(await staticFile(path.join(dir, "report.html")), {
      folderUrl: null,
      inlineScripts: [own],
    });
    expect(problems).toEqual([
      "<link> href loads style.css",
      "<img> src loads reportables/a.png",
      "has <script>",
      "has <iframe>",
      "<iframe> src is a script URL",
    ]);
  });
});

describe("the stamps of a run folder (nothing written into it)", () => {
  /** Returns once the file system's clock has moved past `file`'s change time (a state, not a wait of fixed length). */
  async function afterTick(file: string): Promise<void> {
    const { ctimeNs } = await lstat(file, { bigint: true });
    const probe = path.join(path.dirname(file), "..", `tick-${path.basename(file)}`);
    for (;;) {
      await writeFile(probe, "");
      if ((await lstat(probe, { bigint: true })).ctimeNs !== ctimeNs) return rm(probe);
    }
  }

  it("differ after a rewrite with the same bytes, a changed byte, or a file made and removed", async () => {
    const run = path.join(await tempDir("curi-hostile-stamps-"), "run");
    await mkdir(path.join(run, "reportables"), { recursive: true });
    const file = path.join(run, "reportables", "data.json");
    await writeFile(file, "[1]");
    const before = await treeStamps(run);
    expect(await treeStamps(run)).toEqual(before);

    await afterTick(file);
    await writeFile(file, "[1]");
    expect(await treeStamps(run)).not.toEqual(before);

    const rewritten = await treeStamps(run);
    await afterTick(file);
    await writeFile(file, "[2]");
    expect(await treeStamps(run)).not.toEqual(rewritten);

    const changed = await treeStamps(run);
    await afterTick(file);
    await writeFile(path.join(run, "reportables", ".tmp"), "");
    await rm(path.join(run, "reportables", ".tmp"));
    expect(await treeStamps(run)).not.toEqual(changed);
  });
});
