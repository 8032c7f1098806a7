/**
 * Opening a built page as a reader would, watching for anything the input might make it do: a
 * script that ran (a dialog, or `window.__pwned` set), a request leaving the allowed folder, the
 * page navigating away. Every lazy iframe and image is made to load: a payload that never loaded
 * proves nothing.
 *
 * Visits reuse their pages: a new page (a new renderer process) cost Chromium 0.5 s of CPU here,
 * as much as rendering a report page in it. Each page keeps its hooks, and reports what they see
 * to the visit it is serving; between visits it shows about:blank, so nothing of one page's
 * document outlives its visit.
 */
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
  pwned: unknown;
  /** Ends the visit and gives its page back for the next one. */
  close(): Promise<void>;
}

/** Opens hostile pages; see `hostileVisitor`. */
export interface HostileVisitor {
  /**
   * Opens `file`, with `window.__pwned = false` defined before any of its scripts, loads every
   * frame and image, lets late navigations (meta refresh) start, and reports. Close the visit when done.
   */
  visit(file: string, allowedRoot: string): Promise<HostileVisit>;
}

/** A reused page and the visit it is serving (none between visits). */
interface Slot {
  readonly page: Page;
  current?: { readonly visit: HostileVisit; readonly rootUrl: string; readonly start: string };
}

/**
 * A visitor of one browser context. One per test file is enough: each concurrent visit gets a page
 * of its own with its own hooks, so visits do not see each other's requests, dialogs or scripts.
 * Like every context of test/helpers/browser.ts, its waits have no time limit of their own.
 */
export async function hostileVisitor(browser: Browser): Promise<HostileVisitor> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const idle: Slot[] = [];
  return {
    async visit(file, allowedRoot) {
      const slot = idle.pop() ?? (await newSlot(context));
      const visit: HostileVisit = {
        page: slot.page,
        dialogs: [],
        outsideRequests: [],
        failedInside: [],
        navigations: [],
        popups: [],
        pwned: undefined,
        async close() {
          slot.current = undefined;
          await slot.page.goto("about:blank");
          idle.push(slot);
        },
      };
      const start = pathToFileURL(file).href;
      slot.current = { visit, rootUrl: pathToFileURL(path.resolve(allowedRoot)).href, start };
      try {
        await slot.page.goto(start, { waitUntil: "load", timeout: 0 });
        await loadEverything(slot.page);
        visit.pwned = await slot.page
          .evaluate(() => (window as unknown as { __pwned: unknown }).__pwned)
          .catch((error: unknown) => `evaluate failed: ${String(error)}`);
      } catch (error) {
        // A page that failed mid-visit is not trusted with another.
        slot.current = undefined;
        await slot.page.close();
        throw error;
      }
      return visit;
    },
  };
}

/** A new page whose hooks report to the slot's current visit. */
async function newSlot(context: BrowserContext): Promise<Slot> {
  const page = await context.newPage();
  const slot: Slot = { page };
  const inside = (url: string): boolean => {
    if (url.startsWith("data:") || url.startsWith("about:")) return true;
    const root = slot.current?.rootUrl;
    return root !== undefined && (url === root || url.startsWith(`${root}/`));
  };
  await page.addInitScript(() => {
    (window as unknown as { __pwned: boolean }).__pwned = false;
    // Every frame of this document that has loaded (the load event of an <iframe> fires in its
    // parent, whatever the frame's origin or sandbox), so the visit can wait for all of them.
    const loaded = new WeakSet<EventTarget>();
    (window as unknown as { __framesLoaded: () => boolean }).__framesLoaded = () =>
      Array.from(document.querySelectorAll("iframe")).every((f) => loaded.has(f));
    document.addEventListener("load", (event) => event.target !== null && loaded.add(event.target), true);
  });
  page.on("dialog", (dialog) => {
    slot.current?.visit.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // Popups are pages of the same context; `popup` names only those this page opened.
  page.on("popup", (p) => slot.current?.visit.popups.push(p.url()));
  page.on("requestfailed", (req) => {
    // A hostile HTML reportable's own reference refused by its frame's CSP is the CSP working, not a
    // broken report (its frame is same-origin since it is sized to its content, so Chromium reports it).
    const refusedInFrame = req.failure()?.errorText === "csp" && req.frame().url() === "about:srcdoc";
    if (inside(req.url()) && !req.url().startsWith("about:") && !refusedInFrame)
      slot.current?.visit.failedInside.push(`${req.url()} ${req.failure()?.errorText ?? ""}`);
  });
  // Routed on the page (not the context): it sees the requests of this page and its frames only.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (inside(url)) return route.continue();
    slot.current?.visit.outsideRequests.push(url);
    return route.abort();
  });
  page.on("framenavigated", (frame) => {
    const current = slot.current;
    if (current !== undefined && frame === page.mainFrame() && frame.url() !== current.start)
      current.visit.navigations.push(frame.url());
  });
  return slot;
}

/**
 * Makes every lazy iframe and image load now (switching `loading` to eager resumes a deferred load,
 * as scrolling it into view would, in one call instead of a scroll per element), waits until every
 * frame has fired its load event and every image is complete, then lets the page run the tasks it
 * queued at load (a meta refresh of 0 s, a form submitted by script, top.location set from a frame)
 * so the test can see they did not navigate. States and events, no clock: a busy machine only
 * makes the wait longer.
 */
async function loadEverything(page: Page): Promise<void> {
  // A page that navigates away meanwhile (recorded in `navigations`) has nothing left to load or run.
  await page
    .evaluate(() => {
      for (const el of Array.from(document.querySelectorAll<HTMLImageElement | HTMLIFrameElement>("img, iframe")))
        el.loading = "eager";
    })
    .catch(() => undefined);
  await page
    .waitForFunction(
      () =>
        (window as unknown as { __framesLoaded: () => boolean }).__framesLoaded() &&
        Array.from(document.images).every((img) => img.complete),
      undefined,
      { timeout: 0 },
    )
    .catch(() => undefined);
  // Two turns of the event loop and a frame: what the load queued has started by then.
  await page
    .evaluate(
      () => new Promise<void>((resolve) => setTimeout(() => requestAnimationFrame(() => setTimeout(resolve, 0)), 0)),
    )
    .catch(() => undefined);
}

/** Text of the page as a reader gets it (hidden `<details>` content included), or of the elements matching `selector`. */
export async function pageTexts(page: Page, selector = "body"): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) => els.map((e) => e.textContent ?? ""));
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
