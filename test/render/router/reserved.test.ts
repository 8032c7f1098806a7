/**
 * The router's reserved names: what a site writes at its top, what it keeps for history and
 * pull-request previews, and the stems of its top-level pages (a report's single file,
 * `<folder>.html`, is written beside the folder). A run whose report folder would take one is
 * refused, and a folder of that name is never listed as a report.
 */
import { lstat, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  isReservedName,
  previewSitePath,
  REPORT_PATHS,
  RESERVED_SITE_PATHS,
  siteRootFiles,
  SITE_PATHS,
} from "../../../src/render/router.js";
import { readRun } from "../../../src/run/read.js";
import { buildIndex } from "../../../src/site/buildIndex.js";
import { buildReport } from "../../../src/site/buildReport.js";
import { UnsafePathError } from "../../../src/util/errors.js";
import { runMain, TEST_ENV } from "../../cli/helpers.js";
import { tempDir, writeRunFolder } from "../../site/helpers/runs.js";

describe("reserved names", () => {
  it("cover every name the site writes at its top, the names kept for history and previews, case-insensitively", () => {
    for (const file of siteRootFiles()) expect(isReservedName(file.split("/")[0] ?? ""), file).toBe(true);
    const top = previewSitePath(12).split("/")[0] ?? "";
    for (const name of ["compare", "history.json", "HISTORY.json", "pr", "PR", top, RESERVED_SITE_PATHS.history])
      expect(isReservedName(name), name).toBe(true);
    for (const name of ["iris_1_2026-11-26-T233842", "indexes", "prs", "latest_1", "history"])
      expect(isReservedName(name), name).toBe(false);
  });

  it.each(["index", "Index", "compare", "pr", "history.json"])(
    "refuse a run whose report folder would be %j, writing nothing",
    async (reference) => {
      const base = await tempDir();
      const runDir = await writeRunFolder(path.join(base, "runs"), 1, { reference });
      const outDir = path.join(base, "reports");
      await expect(buildReport(await readRun(runDir), { outDir })).rejects.toThrow(UnsafePathError);
      await expect(lstat(outDir)).rejects.toThrow();
    },
  );

  it("keep the site's index page when a run named `index` is built with --single-file", async () => {
    const base = await tempDir();
    await writeRunFolder(path.join(base, "runs"), 1);
    await writeRunFolder(path.join(base, "runs"), 2, { reference: "index" });
    const env = { ...TEST_ENV, XDG_CACHE_HOME: path.join(base, "cache") };
    const res = await runMain(["build", "runs", "--out", "site", "--single-file"], base, env);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain("reserved or unsafe; rename the run");
    const index = await readFile(path.join(base, "site", SITE_PATHS.index), "utf8");
    expect(index).toContain('<meta name="generator" content="curi-report');
    expect(index).toContain("tiny_1_2026-11-21-T100001");
  });

  it("keep a pr/ folder (pull-request previews) out of the index, even with a run_info.json in it", async () => {
    const base = await tempDir();
    const outDir = path.join(base, "reports");
    await buildReport(await readRun(await writeRunFolder(path.join(base, "runs"), 1)), { outDir });
    const preview = path.join(outDir, RESERVED_SITE_PATHS.previews);
    await mkdir(preview);
    await writeFile(
      path.join(preview, REPORT_PATHS.runInfo),
      await readFile(path.join(outDir, "tiny_1_2026-11-21-T100001", REPORT_PATHS.runInfo)),
    );
    const index = await buildIndex(outDir);
    expect(index.reports.map((r) => r.folder)).toEqual(["tiny_1_2026-11-21-T100001"]);
    expect(index.informal).toEqual([]);
  });
});
