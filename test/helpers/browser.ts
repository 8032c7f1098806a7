/**
 * Real Chromium for tests of what a person sees: Debian's /usr/bin/chromium driven by
 * playwright-core (never a downloaded browser). Every test file shares the one Chromium the global
 * setup started; each connects to it and works in its own contexts (cookies, storage, routes and
 * dialogs are per context, so files cannot see each other). Collects console errors, failed
 * requests and every request that leaves the report folder, so a test can assert there were none.
 *
 * Every context made through a browser from here waits without a time limit of its own
 * (Playwright's default is 30 s per wait): a page that loads slowly on a busy machine is slow, not
 * broken, and a wait that never ends is stopped by the test's timeout (vitest.config.ts), which is
 * generous. So a test waits for events and states, and load only makes it take longer.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { inject } from "vitest";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.js";

/**
 * A connection to the shared Chromium (`close()` closes this connection and its contexts, not
 * the browser). Outside the test runner's global setup it launches a Chromium of its own.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (as .ci/run does) or set CHROMIUM_PATH.`,
    );
  }
  const endpoint = inject("chromiumWsEndpoint");
  const browser = endpoint
    ? await chromium.connect(endpoint)
    : await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  return withoutWaitLimits(browser);
}

/** `browser`, whose new contexts (and so `browser.newPage()`'s, made through `newContext`) have no default wait limit. */
function withoutWaitLimits(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(0);
    context.setDefaultNavigationTimeout(0);
    return context;
  };
  return browser;
}

/** What happened while a page was open. */
export interface PageLog {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  /** Requests to anything but a file inside `allowedRoot` (or data:/about:). */
  outsideRequests: string[];
  dialogs: string[];
}

/**
 * Opens `file` from disk in a new page and records console errors, failed and outside requests,
 * and dialogs (which are dismissed). With `offline`, every non-file request is aborted.
 */
export async function openFile(
  browser: Browser,
  file: string,
  options: { allowedRoot: string; offline?: boolean; javaScriptEnabled?: boolean },
): Promise<{ page: Page; log: PageLog }> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    offline: options.offline ?? false,
  });
  const page = await context.newPage();
  const log: PageLog = { consoleErrors: [], pageErrors: [], failedRequests: [], outsideRequests: [], dialogs: [] };
  const rootUrl = pathToFileURL(path.resolve(options.allowedRoot)).href;
  page.on("console", (msg) => {
    if (msg.type() === "error") log.consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => log.pageErrors.push(String(err)));
  page.on("requestfailed", (req) => log.failedRequests.push(`${req.url()} ${req.failure()?.errorText ?? ""}`));
  page.on("dialog", (dialog) => {
    log.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    const inside =
      url.startsWith("data:") || url.startsWith("about:") || url.startsWith(`${rootUrl}/`) || url === rootUrl;
    if (!inside) {
      log.outsideRequests.push(url);
      return route.abort();
    }
    return route.continue();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, log };
}

/**
 * Makes every image of `page` load now and waits until each has loaded and decoded, or failed.
 * Report images are `loading="lazy"`: the load event does not wait for them, and on a busy machine
 * one in view can still be loading when a test looks. A wait for a state, never for a time.
 */
export async function loadImages(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      Array.from(document.images, (img) => {
        img.loading = "eager";
        return img.decode().catch(() => undefined);
      }),
    ),
  );
}
