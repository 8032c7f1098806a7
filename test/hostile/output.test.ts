/**
 * An output folder someone else can write to (a shared folder) may hold planted symbolic links:
 * a report folder, the index, `latest/` or `assets/` pointing outside. A build must write nothing
 * through them: each is refused with an UnsafePathError (exit 5) naming the link, before anything
 * is written (issue 23, point 3).
 */
import { mkdir, readdir, readlink, symlink } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/helpers.js";
import { tempDir, treeSnapshot } from "./helpers/cases.js";

const RUN = fileURLToPath(new URL("../../fixtures/runs/iris", import.meta.url));
const FOLDER = "iris_1_2026-01-15-T093000";

describe("an output folder with planted links", () => {
  it("refuses links leading outside at a report folder or the index page before writing anything (exit 5)", async () => {
    const dir = await tempDir("curi-hostile-links-");
    const outside = path.join(dir, "outside");
    const out = path.join(dir, "out");
    await mkdir(outside);
    await mkdir(out);
    await symlink(outside, path.join(out, FOLDER));
    await symlink(path.join(outside, "index.html"), path.join(out, "index.html"));
    const before = await treeSnapshot(out);
    const result = await runCli([RUN, "--out", out], dir);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/is a link leading outside \S+; remove the link\. Nothing was written\./);
    expect(await readdir(outside)).toEqual([]);
    expect(await treeSnapshot(out)).toEqual(before);
  });

  it.each(["latest", "assets"])(
    "refuses to write into %s/ when it is a link leading outside (exit 5)",
    async (name) => {
      const dir = await tempDir("curi-hostile-links-");
      const outside = path.join(dir, "outside");
      const out = path.join(dir, "out");
      await mkdir(outside);
      await mkdir(out);
      await symlink(outside, path.join(out, name));
      const result = await runCli([RUN, "--out", out], dir);
      expect(result.code).toBe(5);
      expect(result.stderr).toMatch(
        /^curi-report: Refusing to write \S+: its folder is a link leading outside \S+; remove the link\./,
      );
      expect(await readdir(outside)).toEqual([]);
      expect(await readlink(path.join(out, name))).toBe(outside);
    },
  );
});
