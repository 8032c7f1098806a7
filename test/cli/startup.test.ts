/**
 * What a small report costs its process beyond the report itself (issue 22's small-run floor):
 * the real CLI, run as a user runs it, on fixtures/runs/iris (3 records, 1 reportable).
 */
import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { tempDir } from "../site/helpers/runs.js";
import { BIN } from "./helpers.js";

const IRIS = fileURLToPath(new URL("../../fixtures/runs/iris", import.meta.url));
const INTL_LOG = fileURLToPath(new URL("../helpers/intlLog.mjs", import.meta.url));

/** Builds iris into a fresh folder with `cache` as the user's cache folder; resolves to stderr. */
async function buildIris(cache: string, nodeArgs: readonly string[] = []): Promise<string> {
  const out = path.join(await tempDir("curi-startup-out-"), "site");
  const { stderr } = await promisify(execFile)(process.execPath, [...nodeArgs, BIN, IRIS, "--out", out, "--quiet"], {
    env: { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: cache },
  });
  expect(await readdir(out)).toContain("index.html");
  return stderr;
}

describe("a small report's start-up", () => {
  it("formats no text by locale, so ICU's locale data is never loaded (cold and warm caches)", async () => {
    const cache = await tempDir("curi-startup-cache-");
    for (const round of ["cold", "warm"]) {
      const stderr = await buildIris(cache, ["--import", INTL_LOG]);
      expect(
        stderr.split("\n").filter((l) => l.startsWith("intl ")),
        `${round} caches`,
      ).toEqual([]);
    }
  });
});
