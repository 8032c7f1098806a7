/** Every valid fixture run renders to a sound, deterministic page whose links all lead somewhere. */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/render/report.js";
import { readRun } from "../../../src/run/read.js";
import { fileText, pageOf, pageProblems } from "./pageCheck.js";

const RUNS = fileURLToPath(new URL("../../../fixtures/runs/", import.meta.url));
const names = readdirSync(RUNS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe.each(names)("fixture %s", (name) => {
  it("renders a sound page, twice to the same bytes", async () => {
    const run = await readRun(path.join(RUNS, name));
    const a = await renderReport(run, { version: "1" });
    const b = await renderReport(await readRun(path.join(RUNS, name)), { version: "1" });
    expect(b).toEqual(a);
    const html = pageOf(a);
    expect(pageProblems(html)).toEqual([]);
    expect(html).not.toContain('class="error-box"');
    // Every relative file link or image points at a file the report folder will hold.
    const produced = new Set([...a.files.map((f) => f.path), ...a.copies.map((c) => c.path), "style.css", "report.js"]);
    const refs = [...html.matchAll(/\s(?:href|src)="([^"#][^"]*)"/g)].map((m) => decodeURIComponent(m[1] ?? ""));
    for (const ref of refs) expect(produced, ref).toContain(ref);
    expect(JSON.parse(fileText(a, "run_info.json")).reference).toBe(run.info.reference);
    expect(html.includes('id="reportables"')).toBe(run.reportables.length > 0);
    expect(html.includes("View log")).toBe(run.log !== null);
  });
});
