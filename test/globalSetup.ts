/**
 * Runs once before all test files:
 * - brings dist/ and the bundled templates/assets/compare.js up to date for the tests that spawn the real CLI (`bin/curi-report.js`) or the
 *   example, so they run the code a user runs. `tsc -b` is incremental (its build info lives in
 *   dist/, so deleting dist/ rebuilds it): when nothing changed it costs well under a second.
 * - starts ONE headless Chromium for every browser test; test/helpers/browser.ts connects to it
 *   through the WebSocket endpoint provided here, so no test file pays for its own launch.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserServer } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./helpers/chromium.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** WebSocket endpoint of the shared Chromium ("" when Chromium is not installed). */
    chromiumWsEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-b", "tsconfig.build.json"], {
    cwd: root,
    stdio: "inherit",
  });
  // The site's browser code (templates/assets/report.js, compare.js), as `npm run bundle` makes it.
  execFileSync(process.execPath, ["scripts/bundle-browser.mjs"], { cwd: root, stdio: "inherit" });
  let server: BrowserServer | undefined;
  // Without Chromium the browser tests fail with the helper's message saying how to install it.
  if (existsSync(CHROMIUM_PATH))
    server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  project.provide("chromiumWsEndpoint", server?.wsEndpoint() ?? "");
  return async () => {
    await server?.close();
  };
}
