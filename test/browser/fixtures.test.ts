/**
 * Every fixture's report and the index, opened from file:// in real Chromium with the network
 * off: no console error, no failed or outgoing request, every in-page link resolving to an
 * element, every relative link leading to a file of the site, every image loaded.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportFolderName } from "../../src/render/router.js";
import { buildSite } from "../../src/site/buildSite.js";
import { launchChromium, loadImages, openFile } from "../helpers/browser.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const runsDir = path.join(root, "fixtures/runs");
const fixtures = (await readdir(runsDir, { withFileTypes: true }))
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** Checks a loaded page: anchors resolve, relative links exist on disk, images decoded. */
async function checkPage(page: Page, file: string): Promise<void> {
  // Lazy images may still be loading after the load event (a clean-clone CI run saw one).
  await loadImages(page);
  const facts = await page.evaluate(() => {
    const anchors = Array.from(
      document.querySelectorAll<HTMLAnchorElement>("a[href]"),
      (a) => a.getAttribute("href") ?? "",
    );
    const missingTargets = anchors.filter(
      (h) => h.startsWith("#") && h.length > 1 && document.getElementById(decodeURIComponent(h.slice(1))) === null,
    );
    const images = Array.from(document.images, (img) => ({
      src: img.getAttribute("src") ?? "",
      ok: img.complete && img.naturalWidth > 0,
    }));
    return { anchors, missingTargets, images };
  });
  expect(facts.missingTargets, `in-page links without a target in ${file}`).toEqual([]);
  for (const image of facts.images) expect(image, `image in ${file}`).toEqual({ src: image.src, ok: true });
  const relative = facts.anchors.filter(
    (h) => !h.startsWith("#") && !/^[a-z][a-z0-9+.-]*:/i.test(h) && !h.startsWith("//"),
  );
  for (const href of relative) {
    const target = path.resolve(path.dirname(file), decodeURIComponent(href.split("#")[0] ?? ""));
    expect(existsSync(target), `${href} from ${file}`).toBe(true);
  }
  if (file.endsWith(path.join("index.html")) && !file.endsWith(path.join("latest", "index.html"))) {
    // Absolute links would break under a Pages sub-path; none may appear.
    expect(facts.anchors.filter((h) => h.startsWith("/"))).toEqual([]);
  }
}

describe("fixture reports in Chromium from file://", () => {
  let browser: Browser;
  let outDir: string;
  let folders: string[] = [];

  beforeAll(async () => {
    outDir = path.join(await mkdtemp(path.join(os.tmpdir(), "curi-browser-")), "reports");
    const result = await buildSite(runsDir, { outDir });
    expect(result.failures).toEqual([]);
    folders = result.reports.map((r) => r.folder);
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it("built one report per fixture", () => {
    expect(folders.length).toBe(fixtures.length);
  });

  it("opens the index cleanly, and it links to every report", async () => {
    const file = path.join(outDir, "index.html");
    const { page, log } = await openFile(browser, file, { allowedRoot: outDir, offline: true });
    await checkPage(page, file);
    const links = await page.evaluate(() =>
      Array.from(document.querySelectorAll("a[href]"), (a) => a.getAttribute("href")),
    );
    for (const folder of folders) expect(links).toContain(`${folder}/index.html`);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [], outsideRequests: [], dialogs: [] });
  });

  for (const name of fixtures) {
    it(`opens the ${name} report cleanly: links resolve, images load, nothing leaves the folder`, async () => {
      const run = JSON.parse(await readFile(path.join(runsDir, name, "run.json"), "utf8")) as {
        run_info: { reference: string };
      };
      const folder = reportFolderName(run.run_info.reference);
      expect(folders).toContain(folder);
      const file = path.join(outDir, folder, "index.html");
      const { page, log } = await openFile(browser, file, { allowedRoot: outDir, offline: true });
      await checkPage(page, file);
      const inPageLinks = await page.evaluate(() => document.querySelectorAll("a[href^='#']").length);
      expect(inPageLinks).toBeGreaterThan(3);
      if (name === "all-reportables") {
        // Every kind of reportable shows: images among them, and none failed to render.
        expect(await page.locator(".reportable img").count()).toBeGreaterThan(0);
        expect(await page.locator(".error-box").count()).toBe(0);
      }
      expect(log).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [], outsideRequests: [], dialogs: [] });
      await page.context().close();
    });
  }
});
