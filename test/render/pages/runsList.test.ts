/**
 * The list of every run (`runs/<p>.html`) at a size no test can build as a site: 5,000 synthetic
 * index entries with long, hostile names, rendered as the index renders them. Every run is on
 * exactly one page in the index's newest-first order, every page is whole (parsed with htmlparser2)
 * and under 1 MiB, the pages' links resolve, and the index shows the newest runs and links the list.
 */
import { parseDocument, DomUtils } from "htmlparser2";
import type { Element } from "domhandler";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_PAGE_BYTES } from "../../../src/render/pageBound.js";
import { indexEntryFromRunInfo, renderIndex, type IndexEntry } from "../../../src/render/views/indexPage.js";
import { sortNewestFirst } from "../../../src/render/views/indexView.js";
import { RUN_LIST_BOUNDS } from "../../../src/render/views/runsList.js";
import type { RenderedFile } from "../../../src/render/types.js";
import {
  isReservedName,
  isSitePage,
  runsListPageOf,
  runsListPagePath,
  sitePageList,
} from "../../../src/render/router.js";

/** Text a hostile run puts in its fields: markup, quotes, entities, a right-to-left mark and a wide character. */
const HOSTILE = `<img src=x onerror=alert(1)>"'&amp;\u202e\u{1F600}`;

/** A run's entry; `heavy` runs fill every field past the index's clip with characters that escape to several bytes. */
function entry(i: number, heavy: boolean): IndexEntry {
  const stamp = `2026-01-01-T${String(i).padStart(6, "0")}`;
  const long = heavy ? `"<&'`.repeat(300) : "";
  // A folder name as long as a file system allows (255 bytes), distinct per run.
  const reference = `exp${i % 3}_${i}_${stamp}_${HOSTILE}_`.padEnd(200, "x").slice(0, 200);
  return indexEntryFromRunInfo(
    {
      reference,
      experiment_name: `exp${i % 3}`,
      run_number: i,
      timestamp: stamp,
      commit: "abc",
      workdir_dirty: i % 5 === 0,
      param_files: ["p"],
      params: Object.fromEntries(
        Array.from({ length: heavy ? 12 : 1 }, (_, k) => [`params_${k}${long}`, [[`set_${HOSTILE}${long}`, "h"]]]),
      ),
      full_store: false,
      status: i % 7 === 0 ? "error" : "complete",
      error: i % 7 === 0 ? `ValueError ${HOSTILE}${long}` : null,
      cli: `experiment exp -p p ${HOSTILE}${long}`,
      hostname: `host-${HOSTILE}${long}`,
      notes: `notes of ${i} ${HOSTILE}${long}`,
    },
    reference,
  );
}

/**
 * 5,000 runs in an order that is not the index's; two runs of 15 heavy ones in a row (about 80 KB
 * a line), more than a page's byte bound holds, so pages are filled by bytes as well as by count.
 */
const ENTRIES = Array.from({ length: 5_000 }, (_, i) => (i * 7919) % 5_000).map((n) => entry(n, n % 2_500 < 15));

/** The rendered files whose path is in `runs/`, by page number. */
function listPages(files: readonly RenderedFile[]): { path: string; html: string }[] {
  return files
    .filter((f) => f.path.startsWith("runs/"))
    .map((f) => ({ path: f.path, html: String(f.content) }))
    .sort((a, b) => Number(/\d+/.exec(a.path)?.[0]) - Number(/\d+/.exec(b.path)?.[0]));
}

/** Where `href` on the page at `from` leads, relative to the site root (no fragment). */
function resolve(from: string, href: string): string {
  const noFragment = href.split("#")[0] ?? "";
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), decodeURIComponent(noFragment)));
}

describe("the list of every run", () => {
  const files = renderIndex(ENTRIES, [], { version: "1" });
  const pages = listPages(files);
  const docs = pages.map((p) => ({ ...p, doc: parseDocument(p.html) }));
  const paths = new Set(pages.map((p) => p.path));
  const folders = new Set(ENTRIES.map((e) => e.folder));

  it("lists every run on exactly one page, newest first, each page whole and under 1 MiB", () => {
    expect(pages.length).toBeGreaterThan(Math.ceil(ENTRIES.length / RUN_LIST_BOUNDS.page.lines));
    const listed: string[] = [];
    for (const { path: at, html, doc } of docs) {
      expect(Buffer.byteLength(html, "utf8"), at).toBeLessThanOrEqual(MAX_PAGE_BYTES);
      expect(html, at).not.toContain('class="page-cut"');
      expect(html.trimEnd().endsWith("</html>"), at).toBe(true);
      const lines = DomUtils.findAll((el) => el.name === "li" && el.attribs["class"] === "run", doc.children);
      expect(lines.length, at).toBeLessThanOrEqual(RUN_LIST_BOUNDS.page.lines);
      for (const line of lines) {
        const link = DomUtils.findOne((el) => el.name === "a", line.children) as Element;
        listed.push(resolve(at, link.attribs["href"] ?? "").replace(/\/index\.html$/, ""));
        // Run text is text: the hostile markup shows as written and makes no element.
        expect(DomUtils.textContent(link)).toContain(HOSTILE.slice(0, 20));
      }
      expect(DomUtils.findAll((el) => el.name === "img" || el.attribs["onerror"] !== undefined, doc.children)).toEqual(
        [],
      );
    }
    expect(listed).toEqual(sortNewestFirst(ENTRIES).map((e) => e.folder));
  });

  it("links the pages to each other, newer to older, and every link resolves", () => {
    docs.forEach(({ path: at, doc }, k) => {
      const rel = (name: string): string | undefined =>
        DomUtils.findOne((el) => el.name === "a" && el.attribs["rel"] === name, doc.children)?.attribs["href"];
      expect(rel("prev") === undefined ? null : resolve(at, rel("prev") ?? ""), at).toBe(pages[k - 1]?.path ?? null);
      expect(rel("next") === undefined ? null : resolve(at, rel("next") ?? ""), at).toBe(pages[k + 1]?.path ?? null);
      for (const a of DomUtils.findAll((el) => el.name === "a", doc.children)) {
        const target = resolve(at, a.attribs["href"] ?? "");
        const ok = paths.has(target) || target === "index.html" || folders.has(target.replace(/\/index\.html$/, ""));
        expect(ok, `${at} links ${target}`).toBe(true);
      }
    });
    // Each pager names the first and last pages and five either side of its own, with a gap (…) between.
    docs.forEach(({ path: at, doc }, k) => {
      const pages = DomUtils.findAll((el) => el.attribs["class"] === "pages", doc.children);
      expect(pages, at).toHaveLength(2); // above and below the list
      const near = docs.map((_, p) => p + 1).filter((p) => p === 1 || p === docs.length || Math.abs(p - (k + 1)) <= 5);
      const shown = near.map((p, i) => (i > 0 && p > (near[i - 1] ?? 0) + 1 ? `… ${p}` : String(p))).join(" ");
      expect(DomUtils.textContent(pages[0] as Element), at).toBe(shown);
    });
    expect(docs.length).toBeGreaterThan(12); // so some pager has a gap
  });

  it("shows the newest runs on the index and links the list", () => {
    const index = String(files.find((f) => f.path === "index.html")?.content);
    expect(Buffer.byteLength(index, "utf8")).toBeLessThanOrEqual(MAX_PAGE_BYTES);
    expect(index).not.toContain('class="page-cut"');
    const all = /<section class="experiment" id="all-runs">([\s\S]*?)<\/section>/.exec(index)?.[1] ?? "";
    const shown = (all.match(/<li class="run">/g) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(RUN_LIST_BOUNDS.index.lines);
    expect(all).toContain(
      `<p class="note runs-cut">Showing the newest ${shown} of 5,000 runs — <a href="runs/1.html">all runs</a></p>`,
    );
    expect(all).toContain(`<a href="runs/1.html">Every run, newest first</a> (${pages.length} pages)`);
  });
});

describe("the runs list's paths", () => {
  it("are the router's: reserved, pages of the site, and in the page list", () => {
    expect(isReservedName("runs")).toBe(true);
    expect(isReservedName("Runs")).toBe(true);
    expect(runsListPagePath(12)).toBe("runs/12.html");
    for (const page of ["runs/1.html", "runs/12.html"]) {
      expect(runsListPageOf(page), page).not.toBeNull();
      expect(isSitePage(page), page).toBe(true);
    }
    for (const other of ["runs/0.html", "runs/01.html", "runs/x.html", "runs/1.htm", "runs/1/index.html"]) {
      expect(runsListPageOf(other), other).toBeNull();
      expect(isSitePage(other), other).toBe(false);
    }
    const listed = sitePageList({ reports: [], comparisons: [], runsListPages: 3 });
    expect(listed.filter((p) => p.startsWith("runs/"))).toEqual(["runs/1.html", "runs/2.html", "runs/3.html"]);
    expect(sitePageList({ reports: [], comparisons: [] })).toContain("runs/1.html");
  });
});
