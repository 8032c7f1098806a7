/**
 * Opening a built page as a reader would, watching for anything the input might make it do: a
 * script that ran (a dialog, or `window.__pwned` set), a request leaving the allowed folder, the
 * page navigating away. Every lazy iframe and image is made to load: a payload that never loaded
 * proves nothing.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";

/** What happened while a page was open, and what it showed. */
export interface HostileVisit {
  readonly page: Page;
  readonly dialogs: string[];
  /** Requests to anything but `data:`/`about:` or a file inside the allowed folder. */
  readonly outsideRequests: string[];
  /** Requests inside the allowed folder that failed. */
  readonly failedInside: string[];
  /** URLs the main frame navigated to after the first load. */
  readonly navigations: string[];
  /** Pages opened by the page (window.open, target=_blank). */
  readonly popups: string[];
  /** `window.__pwned` at the end (false unless a payload ran). */
  readonly pwned: unknown;
}

/**
 * A browser context for hostile visits. One per test file is enough: every visit opens its own
 * page with its own hooks, so visits (even concurrent ones) do not see each other's requests,
 * dialogs or scripts, and a context costs far more to make than a page.
 */
export function hostileContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 } });
}

/**
 * Opens `file` in a new page of `context`, with `window.__pwned = false` defined before any of its
 * scripts, loads every frame and image, waits for late navigations (meta refresh), and reports.
 * Close `visit.page` when done.
 */
export async function visitHostile(context: BrowserContext, file: string, allowedRoot: string): Promise<HostileVisit> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    (window as unknown as { __pwned: boolean }).__pwned = false;
  });
  const rootUrl = pathToFileURL(path.resolve(allowedRoot)).href;
  const inside = (url: string) =>
    url.startsWith("data:") || url.startsWith("about:") || url === rootUrl || url.startsWith(`${rootUrl}/`);
  const visit = {
    page,
    dialogs: [] as string[],
    outsideRequests: [] as string[],
    failedInside: [] as string[],
    navigations: [] as string[],
    popups: [] as string[],
    pwned: undefined as unknown,
  };
  page.on("dialog", (dialog) => {
    visit.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // Popups are pages of the same context; `popup` names only those this page opened.
  page.on("popup", (p) => visit.popups.push(p.url()));
  page.on("requestfailed", (req) => {
    // A hostile HTML reportable's own reference refused by its frame's CSP is the CSP working, not a
    // broken report (its frame is same-origin since it is sized to its content, so Chromium reports it).
    const refusedInFrame = req.failure()?.errorText === "csp" && req.frame().url() === "about:srcdoc";
    if (inside(req.url()) && !refusedInFrame) visit.failedInside.push(`${req.url()} ${req.failure()?.errorText ?? ""}`);
  });
  // Routed on the page (not the context): it sees the requests of this page and its frames only.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (inside(url)) return route.continue();
    visit.outsideRequests.push(url);
    return route.abort();
  });
  const start = pathToFileURL(file).href;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame() && frame.url() !== start) visit.navigations.push(frame.url());
  });
  await page.goto(start, { waitUntil: "load" });
  await loadEverything(page);
  visit.pwned = await page
    .evaluate(() => (window as unknown as { __pwned: unknown }).__pwned)
    .catch((error: unknown) => `evaluate failed: ${String(error)}`);
  return visit;
}

/**
 * Makes every lazy iframe and image load now (switching `loading` to eager resumes a deferred load,
 * as scrolling it into view would, in one call instead of a scroll per element) and waits for them.
 */
async function loadEverything(page: Page): Promise<void> {
  // A page that navigates away meanwhile (recorded in `navigations`) has nothing left to load.
  await page
    .evaluate(() => {
      for (const el of Array.from(document.querySelectorAll<HTMLImageElement | HTMLIFrameElement>("img, iframe")))
        el.loading = "eager";
    })
    .catch(() => undefined);
  await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete), undefined, {
    timeout: 10_000,
  });
  // A frame that never loads (a blocked javascript: URL inside the sandbox) must not hold the test
  // up; the frames are waited for together, so such frames cost one timeout, not one each.
  await Promise.all(
    page.frames().map((frame) => frame.waitForLoadState("load", { timeout: 3_000 }).catch(() => undefined)),
  );
  // A meta refresh of 0 s, a form submitted by script, or top.location set from a frame fire just
  // after load; give them the chance to happen so the test can see they did not.
  await page.waitForTimeout(300);
}

/** Text of the page as a reader gets it (hidden `<details>` content included), or of the elements matching `selector`. */
export async function pageTexts(page: Page, selector = "body"): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) => els.map((e) => e.textContent ?? ""));
}

/**
 * The text of every `<text>` element and `<title>` tooltip, per inline graph SVG on the page: node
 * labels are clipped to fit their node, the full text is in the tooltip a reader hovers.
 */
export async function graphTexts(page: Page): Promise<string[][]> {
  return page
    .locator("svg.curi-graph")
    .evaluateAll((svgs) =>
      svgs.map((svg) => Array.from(svg.querySelectorAll("text, title"), (t) => t.textContent ?? "")),
    );
}

/** The report's record pages (`records/*.html`: one per record, plus the pipeline pages), sorted. */
export async function recordPages(folder: string): Promise<string[]> {
  const dir = path.join(folder, "records");
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  return names
    .filter((n) => n.endsWith(".html"))
    .sort()
    .map((n) => path.join(dir, n));
}

/** Facts a test checks on a report page: banners, error boxes, broken images, whether the report is visible. */
export async function pageFacts(page: Page): Promise<{
  banners: string[];
  errorBoxes: number;
  brokenImages: string[];
  headingVisible: boolean;
  bodyDisplay: string;
}> {
  return page.evaluate(() => {
    const h1 = document.querySelector("h1");
    const box = h1?.getBoundingClientRect();
    return {
      banners: Array.from(document.querySelectorAll(".banner"), (b) => b.className),
      errorBoxes: document.querySelectorAll(".error-box").length,
      brokenImages: Array.from(document.images)
        .filter((img) => img.naturalWidth === 0)
        .map((img) => img.getAttribute("src") ?? ""),
      headingVisible: box !== undefined && box.height > 0 && getComputedStyle(h1 as Element).visibility !== "hidden",
      bodyDisplay: getComputedStyle(document.body).display,
    };
  });
}

/** Expects a visit that ran nothing from the input, fetched nothing from outside the folder and stayed put. */
export function expectSafeVisit(visit: HostileVisit, name = "the run page"): void {
  expect(
    {
      dialogs: visit.dialogs,
      pwned: visit.pwned,
      outside: visit.outsideRequests,
      navigations: visit.navigations,
      popups: visit.popups,
      failed: visit.failedInside,
    },
    name,
  ).toEqual({
    dialogs: [],
    pwned: false,
    outside: [],
    navigations: [],
    popups: [],
    failed: [],
  });
}
