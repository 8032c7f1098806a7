/**
 * Every hostile case in one site, built by one `curi-report <runs folder>` run: the reports that
 * must build are built and listed on the index, the refused ones are listed as failures with
 * their own exit code; the index and latest pages, opened in Chromium, run nothing from the runs
 * and fetch nothing outside the site; and every page carries a Content-Security-Policy that
 * forbids inline script and every outside load.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportOutcome } from "../../scripts/hostile/expected.js";
import { runCli, type CliResult } from "../cli/helpers.js";
import { launchChromium } from "../helpers/browser.js";
import { listCases, prepareCase, tempDir } from "./helpers/cases.js";
import { cspProblems } from "./helpers/csp.js";
import { expectSafeVisit, hostileVisitor, pageTexts } from "./helpers/page.js";

const cases = await listCases();
// The huge cases are left to cases.*.test.ts (casesSuite.ts): here they would only make the one build slow.
const chosen = cases.filter((c) => c.expected.setup?.expand === undefined);
let browser: Browser;
let site: string;
let build: CliResult;

beforeAll(async () => {
  const root = await tempDir("curi-hostile-site-");
  for (const c of chosen) await prepareCase(c.name, path.join(root, "runs", c.name), c.expected.setup);
  site = path.join(root, "site");
  build = await runCli([path.join(root, "runs"), "--out", site, "--quiet"], root);
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
});

/** Every HTML page of the built site, relative to it. */
async function sitePages(): Promise<string[]> {
  return (await readdir(site, { recursive: true })).filter((f) => f.endsWith(".html")).sort();
}

describe("a site of every hostile run", () => {
  it("builds every report case, refuses every error case by name, and exits with the first failure's code", async () => {
    const failures = chosen.filter((c) => c.expected.outcome === "error");
    for (const c of failures) expect(build.stderr).toContain(`${c.name}: `);
    expect(build.stderr).toContain(`${failures.length} of ${chosen.length} runs failed.`);
    expect([4, 5]).toContain(build.code);
    const listed = JSON.parse(await readFile(path.join(site, "latest.json"), "utf8")) as { path: string | null };
    expect(listed.path).not.toBeNull();
  });

  it("shows every run on the index as text, and nothing from the runs runs or loads there", async () => {
    const visit = await (await hostileVisitor(browser)).visit(path.join(site, "index.html"), site);
    try {
      expectSafeVisit(visit, "the index");
      const [text = ""] = await pageTexts(visit.page);
      for (const c of chosen.filter((x) => x.expected.outcome === "report")) {
        for (const t of (c.expected as ReportOutcome).index_texts ?? [])
          expect(text.includes(t), `index lacks ${JSON.stringify(t)} of ${c.name}`).toBe(true);
      }
    } finally {
      await visit.page.context().close();
    }
  });

  it("leads from the latest page only to a report inside the site", async () => {
    const html = await readFile(path.join(site, "latest", "index.html"), "utf8");
    const refresh = /<meta http-equiv="refresh" content="0; url=([^"]*)">/.exec(html)?.[1] ?? "";
    expect(refresh).toMatch(/^\.\.\/[^/]+\/index\.html$/);
    expect((await readdir(path.join(site, path.dirname(refresh.slice(3))))).includes("index.html")).toBe(true);
  });

  it("gives every page a Content-Security-Policy that forbids inline script and every load from outside", async () => {
    const pages = await sitePages();
    expect(pages.length).toBeGreaterThan(chosen.length / 2);
    for (const page of pages) {
      const html = await readFile(path.join(site, page), "utf8");
      // `/>` too: a linked page's contained copy (containedPage.ts) is XHTML as well as HTML.
      const policies = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/g)].map(
        (m) => decodeAttribute(m[1] ?? ""),
      );
      expect(policies.length, page).toBeGreaterThanOrEqual(1);
      expect(cspProblems(policies[0] ?? ""), page).toEqual([]);
      // Every HTML reportable's frame document carries its own, stricter policy first.
      for (const srcdoc of html.matchAll(/<iframe[^>]*\ssrcdoc="([^"]*)"/g)) {
        const doc = decodeAttribute(srcdoc[1] ?? "");
        const frame =
          /^<!DOCTYPE html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(
            doc,
          );
        expect(frame, `${page}: an HTML reportable's frame has no policy first`).not.toBeNull();
        expect(cspProblems(frame?.[1] ?? "", { noScript: true }), page).toEqual([]);
      }
    }
  });
});

/** The text of an attribute value as the browser reads it (the entities our escaping writes, and decimal references). */
function decodeAttribute(value: string): string {
  return value.replace(/&(quot|lt|gt|amp|#[0-9]{1,7});/g, (_, e: string) =>
    e.startsWith("#")
      ? String.fromCodePoint(Number(e.slice(1)))
      : (({ quot: '"', lt: "<", gt: ">", amp: "&" } as Record<string, string>)[e] ?? ""),
  );
}
