/**
 * A reportable's linked files (run.json `files`) are copied to their own path in the report,
 * because its HTML names them. Only `reportables/` is theirs: a linked file anywhere else in the
 * run folder would replace one of the report's own files, so it is refused, in an error box.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPORT_DIRS, REPORT_PATHS } from "../../../src/render/router.js";
import { REPORTABLES_DIR } from "../../../src/record/runFolder.js";
import { readRun } from "../../../src/run/read.js";
import { writeRunDocument } from "../../../src/run/write.js";
import { buildReport } from "../../../src/site/buildReport.js";
import { tempDir, wireRun, writeRunFolder } from "../../site/helpers/runs.js";

describe("a reportable's linked files", () => {
  it("go to the report's folder of the same name as the run folder's, so their links resolve in both", () => {
    expect(REPORT_DIRS.reportables).toBe(REPORTABLES_DIR);
  });

  it.each([REPORT_PATHS.page, REPORT_PATHS.runInfo])(
    "may not replace the report's own %s: the reportable shows an error box instead",
    async (own) => {
      const base = await tempDir();
      const runDir = await writeRunFolder(path.join(base, "runs"), 1);
      const doc = wireRun(1);
      const [html] = doc.reportables;
      if (html === undefined) throw new Error("the helper's run has reportables");
      await writeFile(path.join(runDir, own), "planted by the run's author");
      await writeRunDocument(runDir, { ...doc, schema_version: 2, reportables: [{ ...html, files: [own] }] });
      const outDir = path.join(base, "reports");
      const built = await buildReport(await readRun(runDir), { outDir });
      const page = await readFile(path.join(outDir, built.folder, REPORT_PATHS.page), "utf8");
      const written = await readFile(path.join(outDir, built.folder, own), "utf8");
      expect(written).not.toContain("planted");
      expect(page).toContain('<meta name="generator" content="curi-report');
      expect(page).toContain(`its linked file &quot;${own}&quot; is not under reportables/`);
      expect(JSON.parse(await readFile(path.join(outDir, built.folder, REPORT_PATHS.runInfo), "utf8"))).toMatchObject({
        reference: "tiny_1_2026-11-21-T100001",
      });
    },
  );
});
