import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir } from "../site/helpers/runs.js";
import { runCli, type CliResult } from "./helpers.js";

const INVALID = fileURLToPath(new URL("../../fixtures/invalid", import.meta.url));

/** Exit code the CLI documents for each error class. Keep in sync with src/util/errors.ts. */
const EXIT_CODES: Readonly<Record<string, number>> = { InputNotFoundError: 3, InvalidRunError: 4, UnsupportedVersionError: 4, UnsafePathError: 5 };

interface Expected {
  readonly error: string;
  readonly message_includes: readonly string[];
}

/** Runs `task` over `items`, `limit` at a time (each CLI run is its own process). */
async function inBatches<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit) results.push(...(await Promise.all(items.slice(i, i + limit).map(task))));
  return results;
}

describe("curi-report on each invalid fixture", () => {
  // One process per fixture, ~40 of them: give the whole sweep more than the default minute.
  it("exits with the documented code and a message that names the problem, without a stack trace", { timeout: 240_000 }, async () => {
    const names = (await readdir(INVALID, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(names.length).toBeGreaterThan(10);
    const cwd = await tempDir();
    const results = await inBatches(names, 6, async (name): Promise<[string, Expected, CliResult]> => {
      const expected = JSON.parse(await readFile(path.join(INVALID, name, "expected.json"), "utf8")) as Expected;
      return [name, expected, await runCli([path.join(INVALID, name), "--out", `site-${name}`], cwd)];
    });
    for (const [name, expected, res] of results) {
      expect([name, res.code]).toEqual([name, EXIT_CODES[expected.error]]);
      expect(res.stderr.startsWith("curi-report: ")).toBe(true);
      for (const text of expected.message_includes) expect([name, res.stderr]).toEqual([name, expect.stringContaining(text)]);
      expect(res.stderr).not.toMatch(/^\s+at /m);
      expect(res.stdout).not.toContain("Wrote");
    }
  });
});
