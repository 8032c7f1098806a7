/**
 * Issue 23, point 3: a site whose write paths (`latest/`, `assets/`, `latest.json`, `index.html`,
 * `compare/`, a report folder) are links leading outside it is refused before anything is written:
 * the build exits 5 naming the link, and the site and what the link leads to are byte for byte as
 * they were (no report swapped in, no index replaced).
 */
import { appendFile, cp, mkdir, rename, symlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { captureMain } from "../cli/helpers.js";
import { main } from "../../src/cli/main.js";
import { treeSnapshot } from "../hostile/helpers/cases.js";
import { tempDir, writeRunsFolder } from "./helpers/runs.js";

/** The newest of the two runs `writeRunsFolder(2)` writes: its report folder is a write path of every build. */
const NEWEST = "tiny_2_2026-11-22-T100002";

/** A built two-run site (so it has `compare/`) in a fresh folder beside its runs, and an `outside` folder. */
async function builtSite(): Promise<{ cwd: string; site: string; outside: string }> {
  const runs = await writeRunsFolder(2);
  const cwd = path.dirname(runs);
  const site = path.join(cwd, "site");
  const first = await captureMain(main, ["runs", "--out", "site"], cwd);
  expect(first.stderr).toBe("");
  // The next build has something new to write: a report swapped in would show in the site's bytes.
  await appendFile(path.join(runs, NEWEST, "log.txt"), "one more line\n");
  const outside = await tempDir("curi-outside-");
  return { cwd, site, outside };
}

describe("a site whose write paths are links leading outside it", () => {
  it.each(["latest", "assets", "latest.json", "index.html", "compare", NEWEST])(
    "%s: the build exits 5 before writing anything, and nothing changes",
    async (name) => {
      const { cwd, site, outside } = await builtSite();
      // What was there moves outside, and a link to it takes its place: the site shows the same content.
      const moved = path.join(outside, name);
      await cp(path.join(site, name), moved, { recursive: true });
      await rename(path.join(site, name), path.join(outside, `${name}.orig`));
      await symlink(moved, path.join(site, name));
      await mkdir(path.join(outside, "untouched"));
      const [siteBefore, outsideBefore] = [await treeSnapshot(site), await treeSnapshot(outside)];

      const result = await captureMain(main, ["runs", "--out", "site", "--full"], cwd);

      expect(result.code, result.stderr).toBe(5);
      expect(result.stderr).toContain(path.join(site, name));
      expect(result.stderr).toMatch(/is a link leading outside .*; remove the link/);
      expect(await treeSnapshot(site)).toEqual(siteBefore);
      expect(await treeSnapshot(outside)).toEqual(outsideBefore);
    },
  );

  it("a link inside the site at a report folder is still replaced by the report (nothing leaves the site)", async () => {
    const { cwd, site } = await builtSite();
    await rename(path.join(site, NEWEST), path.join(site, ".kept"));
    await symlink(".kept", path.join(site, NEWEST));
    const result = await captureMain(main, ["runs", "--out", "site", "--full"], cwd);
    expect(result.code, result.stderr).toBe(0);
    const tree = await treeSnapshot(site);
    expect(tree[NEWEST]).toBe("dir");
  });
});
