/**
 * Issue 12, point 13: `--single-file` inlines the report's own pages (record pages) instead of
 * warning that every 6 KB page is "too big", and says the real reason when something is left out.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/buildSite.js";
import { MemoryTarget } from "../../src/site/MemoryTarget.js";
import { scanHtml, attr } from "../../src/site/htmlScan.js";
import { wireRun, writeRunFolder } from "../fixtures-publish/runs.js";
import { tempDir } from "./helpers/runs.js";

/** A 4-record report built to memory with its single file: the folder's record pages and the file. */
async function builtReport(): Promise<{ records: string[]; html: string; warnings: readonly string[] }> {
  const runs = path.join(await tempDir(), "runs");
  await writeRunFolder(runs, wireRun({ records: 4, reference: "pages_1_2026-11-26-T233842" }));
  const target = new MemoryTarget(path.join(await tempDir(), "site"));
  const result = await buildSite(runs, { outDir: target.root, target, singleFile: true });
  const single = result.reports[0]?.singleFile;
  if (single === undefined) throw new Error("no single file");
  const records = target.memory.list().filter((f) => /^[^/]+\/records\/[^/]+\.html$/.test(f));
  return { records, html: await target.memory.readText(single.path), warnings: single.warnings };
}

describe("a single file of a report with record pages", () => {
  it("embeds every record page as a section the links lead to, with no warning", async () => {
    const { records, html, warnings } = await builtReport();
    expect(records.length).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
    const tags = scanHtml(html).filter((t) => !t.closing);
    const ids = new Set(tags.map((t) => attr(t, "id")).filter((id) => id !== undefined));
    const sections = tags.filter((t) => t.name === "section" && (attr(t, "class") ?? "").includes("single-file-page"));
    // Every record page, and the sweep analysis page the run page links (the run is a sweep).
    const pages = sections.map((t) => attr(t, "data-page") ?? "");
    expect(pages.filter((p) => p.startsWith("records/"))).toHaveLength(records.length);
    expect(pages.filter((p) => !p.startsWith("records/"))).toEqual(["analysis.html"]);
    const hrefs = tags.filter((t) => t.name === "a").map((t) => attr(t, "href") ?? "");
    expect(hrefs.filter((h) => /records\//.test(h))).toEqual([]);
    for (const h of hrefs.filter((x) => x.startsWith("#single-file-"))) expect(ids.has(h.slice(1))).toBe(true);
    expect(html).not.toContain("too big");
  });

  it("keeps every id unique, and a same-page link of an embedded page leads into that page's section", async () => {
    const { html } = await builtReport();
    const tags = scanHtml(html);
    const ids = tags
      .filter((t) => !t.closing)
      .map((t) => attr(t, "id"))
      .filter((id): id is string => id !== undefined);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    // Which section holds each id, and each link (by offset into the file).
    const sections = tags.filter(
      (t) => t.name === "section" && !t.closing && (attr(t, "class") ?? "").includes("single-file-page"),
    );
    const sectionAt = (offset: number): string | undefined =>
      sections.findLast((s) => s.start <= offset)?.start.toString();
    const idSection = new Map(
      tags
        .filter((t) => !t.closing && attr(t, "id") !== undefined)
        .map((t) => [attr(t, "id") as string, sectionAt(t.start)]),
    );
    let inPage = 0;
    for (const a of tags.filter((t) => !t.closing && (t.name === "a" || t.name === "use"))) {
      const href = attr(a, "href") ?? attr(a, "xlink:href") ?? "";
      if (!href.startsWith("#") || href === "#" || sectionAt(a.start) === undefined) continue;
      const target = href.slice(1);
      expect(idSection.has(target), `${href} leads to an element`).toBe(true);
      if (!sections.some((s) => attr(s, "id") === target) && sectionAt(a.start) === idSection.get(target)) inPage++;
    }
    // Record pages have links within themselves (their table of contents, artifact rows): some must resolve there.
    expect(inPage).toBeGreaterThan(0);
  });
});
