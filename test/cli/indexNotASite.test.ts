/** Issue 12, point 15: `curi-report index --out` writes only into a site curi-report built. */
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { writeRunsFolder } from "../site/helpers/runs.js";

async function cli(cwd: string, args: readonly string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const io: CliIo = { stdout: { write: () => true }, stderr: { write: (c: string) => (stderr += c) }, cwd, env: {} };
  return { code: await main(args, io), stderr };
}

describe("curi-report index --out", () => {
  it("leaves a folder that is not a site alone (exit 3), empty or not", async () => {
    const cwd = path.dirname(await writeRunsFolder(1));
    await mkdir(path.join(cwd, "docs", "notes"), { recursive: true });
    await writeFile(path.join(cwd, "docs", "index.html"), "<p>my own page</p>");
    await mkdir(path.join(cwd, "empty"));
    for (const out of ["docs", "empty", "."]) {
      const before = (await readdir(path.join(cwd, out))).sort();
      const { code, stderr } = await cli(cwd, ["index", "--out", out]);
      expect({ out, code }).toEqual({ out, code: 3 });
      expect(stderr).toContain("is not a curi-report site");
      expect((await readdir(path.join(cwd, out))).sort()).toEqual(before);
    }
  });

  it("rebuilds the index of a site, also after its index page was deleted", async () => {
    const cwd = path.dirname(await writeRunsFolder(1));
    expect((await cli(cwd, ["runs", "--out", "site", "--quiet"])).code).toBe(0);
    await rm(path.join(cwd, "site", "index.html"));
    expect((await cli(cwd, ["index", "--out", "site", "--quiet"])).code).toBe(0);
    expect(await readdir(path.join(cwd, "site"))).toContain("index.html");
  });
});
