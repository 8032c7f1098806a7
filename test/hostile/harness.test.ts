/**
 * The browser harness of the hostile tests must see what it looks for, or their passing proves
 * nothing: a script that ran (a dialog, `window.__pwned`), a request leaving the folder, the page
 * navigating away, and script in a lazy iframe far below the fold.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.js";
import { tempDir } from "./helpers/cases.js";
import { visitHostile } from "./helpers/page.js";

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = await tempDir("curi-hostile-harness-");
  await mkdir(path.join(dir, "report"));
});
afterAll(async () => {
  await browser.close();
});

/** Writes `body` as a page in the report folder and visits it. */
async function visit(name: string, body: string) {
  const file = path.join(dir, "report", `${name}.html`);
  await writeFile(file, `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><h1>t</h1>${body}</body></html>`);
  return visitHostile(browser, file, path.join(dir, "report"));
}

describe("the hostile browser harness", () => {
  it("sees a script that ran", async () => {
    const v = await visit("script", `<script>window.__pwned = true; alert("ran")</script>`);
    expect([v.pwned, v.dialogs]).toEqual([true, ["ran"]]);
    await v.page.context().close();
  });

  it("sees script in a lazy iframe far below the fold", async () => {
    const v = await visit("lazy", `<div style="height:20000px"></div><iframe loading="lazy" sandbox="allow-scripts allow-same-origin" srcdoc="<script>parent.__pwned = true</script>"></iframe>`);
    expect(v.pwned).toBe(true);
    await v.page.context().close();
  });

  it("sees requests that leave the folder, and navigation away", async () => {
    await writeFile(path.join(dir, "elsewhere.html"), "<p>elsewhere</p>");
    const v = await visit("leave", `<img src="https://evil.example/x.png"><img src="../elsewhere.png"><meta http-equiv="refresh" content="0;url=../elsewhere.html">`);
    expect(v.outsideRequests).toEqual(expect.arrayContaining(["https://evil.example/x.png", expect.stringMatching(/\/elsewhere\.png$/), expect.stringMatching(/\/elsewhere\.html$/)]));
    // The refresh was refused (outside the folder), so the page ends on Chromium's error page: still a navigation away.
    expect(v.navigations.length).toBeGreaterThan(0);
    await v.page.context().close();
  });
});
