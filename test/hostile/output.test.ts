/**
 * An output folder someone else can write to (a shared folder) may hold planted symbolic links:
 * a report folder, the index, `latest/` or `assets/` pointing outside. A build must write nothing
 * through them: links at file or report-folder places are replaced, links at folders the build
 * writes into are refused with an UnsafePathError (exit 5) naming the link.
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
  it("writes nothing through a link to a report folder or the index page", async () => {
    const dir = await tempDir("curi-hostile-links-");
    const outside = path.join(dir, "outside");
    const out = path.join(dir, "out");
    await mkdir(outside);
    await mkdir(out);
    await symlink(outside, path.join(out, FOLDER));
    await symlink(path.join(outside, "index.html"), path.join(out, "index.html"));
    const result = await runCli([RUN, "--out", out], dir);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(await readdir(outside)).toEqual([]);
    const tree = await treeSnapshot(out);
    expect(Object.entries(tree).filter(([, kind]) => kind.startsWith("link"))).toEqual([]);
    expect(tree[`${FOLDER}/index.html`]).toMatch(/^file /);
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
