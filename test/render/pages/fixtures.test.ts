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
    // Every link or image of every page (run page, record pages, pipeline lists, graphs' nodes)
    // points at a file the report folder will hold, and at an element that exists there.
    const produced = new Set([...a.files.map((f) => f.path), ...a.copies.map((c) => c.path), "style.css", "report.js"]);
    for (const page of a.files.filter((f) => f.path.endsWith(".html"))) {
      const text = String(page.content);
      for (const m of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const [file = "", anchor] = decodeURIComponent(m[1] ?? "").split("#");
        const target =
          file === "" ? page.path : path.posix.normalize(path.posix.join(path.posix.dirname(page.path), file));
        expect(produced, `${page.path} → ${m[1] ?? ""}`).toContain(target);
        if (anchor !== undefined && anchor !== "" && target.endsWith(".html"))
          expect(fileText(a, target), `${page.path} → ${m[1] ?? ""}`).toContain(`id="${anchor}"`);
      }
    }
    expect(JSON.parse(fileText(a, "run_info.json")).reference).toBe(run.info.reference);
    expect(html.includes('id="reportables"')).toBe(run.reportables.length > 0);
    expect(html.includes("View log")).toBe(run.log !== null);
  });
});
