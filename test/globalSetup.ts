/**
 * Runs once before all test files:
 * - brings dist/, the bundled CLI (dist/src/bundle/) and the bundled templates/assets/compare.js up to date for the tests that spawn the real CLI (`bin/curi-report.js`) or the
 *   example, so they run the code a user runs. dist/ is transpiled by esbuild (scripts/transpile.mjs,
 *   about 1 s of CPU), not built by `tsc -b`, which type-checked everything again (25 s on a clean clone).
 * - starts ONE headless Chromium for every browser test; test/helpers/browser.ts connects to it
 *   through the WebSocket endpoint provided here, so no test file pays for its own launch.
 * The three are independent and run at once: the tests wait for the slowest, not for the sum.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./helpers/chromium.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** WebSocket endpoint of the shared Chromium ("" when Chromium is not installed). */
    chromiumWsEndpoint: string;
  }
}

/** Runs a Node script of the repository, its output shown; rejects when it fails. */
function node(root: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, args, { cwd: root }, (error) => (error ? reject(error) : resolve()));
    child.stdout?.pipe(process.stdout);
    child.stderr?.pipe(process.stderr);
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  // Without Chromium the browser tests fail with the helper's message saying how to install it.
  const launching = existsSync(CHROMIUM_PATH)
    ? chromium.launchServer({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] })
    : undefined;
  const built = Promise.all([
    // dist/ as `tsc -b` lays it out, transpiled only: the static step of `npm run check` type-checks.
    node(root, ["scripts/transpile.mjs"]),
    // The site's browser code (templates/assets/report.js, compare.js), as `npm run bundle` makes it.
    node(root, ["scripts/bundle-browser.mjs"]),
    // The bundled CLI that bin/curi-report.js runs (from the sources, so it needs no tsc first).
    node(root, ["scripts/bundle-cli.mjs"]),
  ]);
  // Both settle before either is judged, so a failed build never leaves a Chromium running.
  const [server, build] = await Promise.allSettled([launching, built]);
  if (build.status === "rejected") {
    if (server.status === "fulfilled") await server.value?.close();
    throw build.reason;
  }
  if (server.status === "rejected") throw server.reason;
  project.provide("chromiumWsEndpoint", server.value?.wsEndpoint() ?? "");
  return async () => {
    await server.value?.close();
  };
}
