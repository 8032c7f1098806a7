/**
 * An output folder that cannot be written gives one clear OutputError sentence naming the path,
 * exit code 6, no stack trace, and no claim that anything was written. Tests run as root in CI,
 * where chmod stops nothing, so the blocked path lies under a regular file; a read-only folder is
 * tried as well when not root.
 */
import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/buildSite.js";
import { OutputError } from "../../src/util/errors.js";
import { runCli } from "../cli/helpers.js";
import { tempDir } from "./helpers/cases.js";

const RUN = fileURLToPath(new URL("../../fixtures/runs/iris", import.meta.url));

/** A temp folder holding a regular file `file.txt`. */
async function withFile(): Promise<{ dir: string; file: string }> {
  const dir = await tempDir("curi-hostile-out-");
  const file = path.join(dir, "file.txt");
  await writeFile(file, "in the way\n");
  return { dir, file };
}

describe("an output folder that cannot be written", () => {
  it.each([
    ["a path under a regular file", (file: string) => path.join(file, "out")],
    ["a regular file", (file: string) => file],
  ])("as %s: exit 6 and one sentence naming the path", async (_, outOf) => {
    const { dir, file } = await withFile();
    const out = outOf(file);
    const result = await runCli([RUN, "--out", out], dir);
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(
      /^curi-report: Cannot write \S+ \((ENOTDIR|EEXIST|ENOENT)\); check that the output folder is writable/,
    );
    expect(result.stderr).toContain(dir);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).not.toContain("Wrote");
    // Indexing such a path is indexing a site that is not there: input not found, exit 3.
    const index = await runCli(["index", "--out", out], dir);
    expect(index.code).toBe(3);
    expect(index.stderr).toMatch(/^curi-report: \S+ is not a folder; build a report first/);
  });

  it("reaches the library caller as an OutputError with the same sentence", async () => {
    const { file } = await withFile();
    const result = await buildSite(RUN, { outDir: path.join(file, "out") });
    expect(result.reports).toEqual([]);
    expect(result.failures[0]?.error).toBeInstanceOf(OutputError);
    expect(String((result.failures[0]?.error as Error).message)).toContain(path.join(file, "out"));
  });

  it.skipIf(process.getuid?.() === 0)("as a read-only folder (not root): exit 6", async () => {
    const dir = await tempDir("curi-hostile-ro-");
    const parent = path.join(dir, "ro");
    await mkdir(parent);
    await chmod(parent, 0o555);
    const result = await runCli([RUN, "--out", path.join(parent, "out")], dir);
    await chmod(parent, 0o755);
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/^curi-report: Cannot write .*\((EACCES|EPERM)\)/);
  });
});
