/**
 * Issue 23 point 11: a report page edited in place after a build is kept by the next build on the
 * same machine (the state vouches for the folder by identity and marker, without hashing it), and
 * `check` said the site was fine. Now the marker keeps a short digest of each file and `check`
 * names the edited file and says that `--full` rebuilds it; a full build clears it.
 */
import { appendFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/buildSite.js";
import { checkSite, type SiteProblem } from "../../src/site/check.js";
import { MARKER_FILE, type ReportMarker } from "../../src/site/reportMarker.js";
import { tempDir, writeRunFolder } from "./helpers/runs.js";

/** The `edited-report` findings of a check of `site`, as [file, message]. */
async function edited(site: string): Promise<[string, string][]> {
  const problems: SiteProblem[] = await checkSite(site);
  return problems.filter((p) => p.kind === "edited-report").map((p) => [p.file, p.message]);
}

describe("check and report folders edited after their build (23.11)", () => {
  it("names a page edited in place, which the next build keeps, and says --full rebuilds it", async () => {
    const root = await tempDir("curi-edited-");
    const runsDir = path.join(root, "runs");
    const folder = path.basename(await writeRunFolder(runsDir, 1));
    const site = path.join(root, "site");
    const stateDir = path.join(root, "state");
    await buildSite(runsDir, { outDir: site, stateDir });
    expect(await edited(site)).toEqual([]);

    const page = path.join(site, folder, "index.html");
    await appendFile(page, "<!-- edited by hand -->");
    const again = await buildSite(runsDir, { outDir: site, stateDir });
    expect(again.reports).toEqual([]);
    expect(await readFile(page, "utf8")).toContain("edited by hand");
    const found = await edited(site);
    expect(found.map(([file]) => file)).toEqual([`${folder}/index.html`]);
    expect(found[0]?.[1]).toContain("was changed after the build that wrote it");
    expect(found[0]?.[1]).toContain("--full");
    expect((await checkSite(site)).find((p) => p.kind === "edited-report")?.severity).toBe("error");

    await buildSite(runsDir, { outDir: site, stateDir, incremental: false });
    expect(await readFile(page, "utf8")).not.toContain("edited by hand");
    expect(await edited(site)).toEqual([]);
  });

  it("says files were added to a folder, and reads a format-1 marker (no per-file digests) by the folder's digest", async () => {
    const root = await tempDir("curi-edited-");
    const runsDir = path.join(root, "runs");
    const folder = path.basename(await writeRunFolder(runsDir, 1));
    const site = path.join(root, "site");
    await buildSite(runsDir, { outDir: site, stateDir: path.join(root, "state") });
    await writeFile(path.join(site, folder, "extra.txt"), "added\n");
    const added = await edited(site);
    expect(added.map(([file]) => file)).toEqual([folder]);
    expect(added[0]?.[1]).toMatch(
      /files were added, removed or renamed after the build .*lists \d+, the folder holds \d+/,
    );

    const markerPath = path.join(site, folder, MARKER_FILE);
    const { files: _files, ...rest } = JSON.parse(await readFile(markerPath, "utf8")) as ReportMarker;
    await writeFile(markerPath, JSON.stringify({ ...rest, format: 1 }));
    const old = (await checkSite(site)).filter((p) => p.file.startsWith(folder));
    expect(old.map((p) => p.kind)).toEqual(["edited-report"]);
    expect(old[0]?.message).toContain("its files are not the ones the build wrote");
  });
});
