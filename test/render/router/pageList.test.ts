/**
 * The router's page list is every path a site build writes: a small site (two runs of one
 * experiment, so a comparison page; a user stylesheet; comparison data split into chunks; a
 * single file) is built into a temp folder, and the list made from its report folders and
 * comparisons equals the files on disk, no more and no less.
 */
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RunContext } from "../../../src/render/context.js";
import { renderReport } from "../../../src/render/report.js";
import { comparisonOfPath, REPORT_PATHS, sitePageList, type ReportRoute } from "../../../src/render/router.js";
import { readRun } from "../../../src/run/read.js";
import { compareDataFilesOf } from "../../../src/site/buildCompare.js";
import { buildSite } from "../../../src/site/buildSite.js";
import { writeRunsFolder } from "../../site/helpers/runs.js";

/** Every file under `root`, relative with `/`, sorted by code units. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

describe("sitePageList", () => {
  it("lists exactly the files a site build writes", async () => {
    const runsDir = await writeRunsFolder(2);
    const base = path.dirname(runsDir);
    const css = path.join(base, "house.css");
    await writeFile(css, "body { color: navy; }\n");
    const outDir = path.join(base, "site");
    // Small enough that each report's comparison data is split into chunks.
    const compareDataMaxBytes = 1000;
    const result = await buildSite(runsDir, {
      outDir,
      css,
      compareDataMaxBytes,
      singleFile: true,
      stateDir: path.join(base, "state"),
    });
    expect(result.failures).toEqual([]);
    const [first] = result.reports;
    if (first === undefined) throw new Error("nothing was built");

    const reports: ReportRoute[] = [];
    for (const runDir of result.runDirs) {
      const run = await readRun(runDir);
      const rendered = await renderReport(run, { version: "0.0.0", customCss: true });
      const chunks = compareDataFilesOf(new RunContext(run), compareDataMaxBytes).length - 1;
      expect(chunks).toBeGreaterThan(0);
      reports.push({
        folder: rendered.folder,
        rendered: [...rendered.files, ...rendered.copies].map((f) => f.path),
        compareChunks: chunks,
        customCss: true,
        singleFile: true,
      });
    }
    const comparisons = result.comparisons.map((p) => comparisonOfPath(p) ?? `not a comparison page: ${p}`);
    expect(comparisons).toHaveLength(1);

    const listed = sitePageList({ reports, comparisons });
    expect(listed).toEqual(await filesUnder(outDir));
    expect(listed).toContain(`${first.folder}/${REPORT_PATHS.marker}`);
    // A run without a sweep has no analysis page; the page list and the build agree on it either way.
    expect(listed.some((p) => p.endsWith(`/${REPORT_PATHS.analysis}`))).toBe(false);
  });
});
