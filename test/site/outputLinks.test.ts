/**
 * Issue 12, point 9: a build into an output folder that holds links stops with a clear error
 * instead of writing through them, also when a link leads to another folder inside the site.
 */
import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { writeRunsFolder } from "./helpers/runs.js";

async function cli(cwd: string, args: readonly string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const io: CliIo = { stdout: { write: () => true }, stderr: { write: (c: string) => (stderr += c) }, cwd, env: {} };
  return { code: await main(args, io), stderr };
}

describe("links in the output folder", () => {
  it.each(["assets", "latest"])(
    "%s -> a folder inside the site: the build stops with exit 5 and writes nothing through it",
    async (name) => {
      const runs = await writeRunsFolder(1);
      const cwd = path.dirname(runs);
      const site = path.join(cwd, "site");
      await mkdir(path.join(site, "kept"), { recursive: true });
      await writeFile(path.join(site, "kept", "index.html"), "mine");
      await symlink("kept", path.join(site, name));
      const { code, stderr } = await cli(cwd, ["runs", "--out", "site"]);
      expect(code).toBe(5);
      expect(stderr).toContain("is a link");
      expect(stderr).toContain("remove the link");
      expect(await readdir(path.join(site, "kept"))).toEqual(["index.html"]);
      expect(await readFile(path.join(site, "kept", "index.html"), "utf8")).toBe("mine");
    },
  );
});
