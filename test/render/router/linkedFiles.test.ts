/**
 * A reportable's linked files (run.json `files`) are copied to their own path in the report,
 * because its HTML names them: the report's folder for them is the run folder's.
 */
import { describe, expect, it } from "vitest";
import { REPORT_DIRS } from "../../../src/render/router.js";
import { REPORTABLES_DIR } from "../../../src/record/runFolder.js";

describe("a reportable's linked files", () => {
  it("go to the report's folder of the same name as the run folder's, so their links resolve in both", () => {
    expect(REPORT_DIRS.reportables).toBe(REPORTABLES_DIR);
  });
});
