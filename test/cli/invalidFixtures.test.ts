import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir } from "../site/helpers/runs.js";
import { runCli, runMain, type CliResult } from "./helpers.js";

const INVALID = fileURLToPath(new URL("../../fixtures/invalid", import.meta.url));

/** Exit code the CLI documents for each error class. Keep in sync with src/util/errors.ts. */
const EXIT_CODES: Readonly<Record<string, number>> = {
  InputNotFoundError: 3,
  InvalidRunError: 4,
  UnsupportedVersionError: 4,
  UnsafePathError: 5,
};

interface Expected {
  readonly error: string;
  readonly message_includes: readonly string[];
}

describe("curi-report on each invalid fixture", () => {
  // The CLI's main runs in this process for each fixture; the first fixture of each error class
  // also runs as a real process, which must give the same exit code and messages.
  it("exits with the documented code and a message that names the problem, without a stack trace", async () => {
    const names = (await readdir(INVALID, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(names.length).toBeGreaterThan(10);
    const cwd = await tempDir();
    const spawnedClasses = new Set<string>();
    const results: [string, Expected, CliResult][] = [];
    for (const name of names) {
      const expected = JSON.parse(await readFile(path.join(INVALID, name, "expected.json"), "utf8")) as Expected;
      const args = [path.join(INVALID, name), "--out", `site-${name}`];
      const result = await runMain(args, cwd);
      if (!spawnedClasses.has(expected.error)) {
        spawnedClasses.add(expected.error);
        expect(await runCli(args, cwd), `${name} as a process`).toEqual(result);
      }
      results.push([name, expected, result]);
    }
    expect(spawnedClasses.size).toBeGreaterThanOrEqual(3);
    for (const [name, expected, res] of results) {
      expect([name, res.code]).toEqual([name, EXIT_CODES[expected.error]]);
      expect(res.stderr.startsWith("curi-report: ")).toBe(true);
      for (const text of expected.message_includes)
        expect([name, res.stderr]).toEqual([name, expect.stringContaining(text)]);
      expect(res.stderr).not.toMatch(/^\s+at /m);
      expect(res.stdout).not.toContain("Wrote");
    }
  });
});
