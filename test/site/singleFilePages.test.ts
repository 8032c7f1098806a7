/**
 * Issue 12, point 13: `--single-file` inlines the report's own pages (record pages) instead of
 * warning that every 6 KB page is "too big", and says the real reason when something is left out.
 */
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/buildSite.js";
import { buildSingleFile } from "../../src/site/singleFile.js";
import { scanHtml, attr } from "../../src/site/htmlScan.js";
import { wireRun, writeRunFolder } from "../fixtures-publish/runs.js";
import { tempDir } from "./helpers/runs.js";

async function builtReport(): Promise<string> {
  const runs = path.join(await tempDir(), "runs");
  await writeRunFolder(runs, wireRun({ records: 4, reference: "pages_1_2026-11-26-T233842" }));
  const out = path.join(await tempDir(), "site");
  const result = await buildSite(runs, { outDir: out });
  return path.join(out, result.reports[0]?.folder ?? "");
}

describe("a single file of a report with record pages", () => {
  it("embeds every record page as a section the links lead to, with no warning", async () => {
    const folder = await builtReport();
    const records = (await readdir(path.join(folder, "records"))).filter((f) => f.endsWith(".html"));
    expect(records.length).toBeGreaterThan(0);
    const { html, warnings } = await buildSingleFile(folder);
    expect(warnings).toEqual([]);
    const tags = scanHtml(html).filter((t) => !t.closing);
    const ids = new Set(tags.map((t) => attr(t, "id")).filter((id) => id !== undefined));
    const sections = tags.filter((t) => t.name === "section" && (attr(t, "class") ?? "").includes("single-file-page"));
    expect(sections.map((t) => attr(t, "id"))).toHaveLength(records.length);
    const hrefs = tags.filter((t) => t.name === "a").map((t) => attr(t, "href") ?? "");
    expect(hrefs.filter((h) => /records\//.test(h))).toEqual([]);
    for (const h of hrefs.filter((x) => x.startsWith("#single-file-"))) expect(ids.has(h.slice(1))).toBe(true);
    expect(html).not.toContain("too big");
  });

  it("says a linked page is missing when it is, not that it is too big", async () => {
    const folder = await builtReport();
    await rm(path.join(folder, "records"), { recursive: true });
    const { warnings } = await buildSingleFile(folder);
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w).toMatch(/missing from the report folder/);
    expect(warnings.join("\n")).not.toContain("too big");
  });
});
