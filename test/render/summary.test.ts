import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Lexer, marked, type Token, type Tokens } from "marked";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clip, mdCode, mdText } from "../../src/render/markup/mdText.js";
import {
  COMMENT_MAX_CHARS,
  edgeCount,
  MERMAID_LIMITS,
  renderSummary,
  STEP_SUMMARY_MAX_BYTES,
  SUMMARY_MARKER,
} from "../../src/render/summary/summary.js";
import type { Run } from "../../src/run/model.js";
import { readRun } from "../../src/run/read.js";
import { buildSite } from "../../src/site/buildSite.js";
import { htmlIds } from "../../src/site/siteRefs.js";
import { launchChromium, openFile } from "../helpers/browser.js";
import { HOSTILE, wireRun, writeRunFolder } from "../fixtures-publish/runs.js";
import { RunBuilder } from "./helpers/runs.js";

const BASE = "https://owner.github.io/repo/reports";
let tmp: string;
let small: Run;
let hostile: Run;
let big: Run;
let browser: Browser;
let mermaidPage: Page;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "curi-summary-"));
  const runs = path.join(tmp, "runs");
  small = await readRun(
    await writeRunFolder(
      runs,
      wireRun({ records: 3, aggregate: true, rich: true, reference: "small_1_2026-11-26-T233842" }),
    ),
  );
  hostile = await readRun(
    await writeRunFolder(
      runs,
      wireRun({ records: 3, aggregate: true, rich: true, hostile: true, reference: "hostile_1_2026-11-26-T233842" }),
    ),
  );
  big = await readRun(
    await writeRunFolder(
      path.join(tmp, "big"),
      wireRun({ records: 1000, aggregate: true, reference: "big_1_2026-11-26-T233842" }),
    ),
  );
  browser = await launchChromium();
  const blank = path.join(tmp, "blank.html");
  await writeFile(blank, "<!DOCTYPE html><meta charset=utf-8><title>mermaid</title>");
  mermaidPage = (await openFile(browser, blank, { allowedRoot: tmp, offline: true })).page;
  await mermaidPage.addScriptTag({ path: "node_modules/mermaid/dist/mermaid.min.js" });
});

afterAll(async () => {
  await browser?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** Parses Mermaid text with mermaid's own parser (v11) in Chromium; resolves to the error message or "ok". */
async function mermaidParse(text: string): Promise<string> {
  return mermaidPage.evaluate(async (t) => {
    try {
      await (window as unknown as { mermaid: { parse(text: string): Promise<unknown> } }).mermaid.parse(t);
      return "ok";
    } catch (error) {
      return String(error);
    }
  }, text);
}

/** The ```mermaid blocks of some Markdown, as GFM reads them. */
function mermaidBlocks(markdown: string): string[] {
  return Lexer.lex(markdown, { gfm: true })
    .filter((t): t is Tokens.Code => t.type === "code" && (t as Tokens.Code).lang === "mermaid")
    .map((t) => t.text);
}

function tables(markdown: string): Tokens.Table[] {
  return Lexer.lex(markdown, { gfm: true }).filter((t: Token): t is Tokens.Table => t.type === "table");
}

describe("renderSummary", () => {
  it("starts with the marker and states status, reference, experiment, commit and duration", () => {
    const { markdown, shortened, dag } = renderSummary(small);
    expect(markdown.split("\n")[0]).toBe(SUMMARY_MARKER);
    const facts = Object.fromEntries(tables(markdown)[0]?.rows.map((r) => [r[0]?.text, r[1]?.text]) ?? []);
    expect(facts).toMatchObject({ Status: "✅ complete", Experiment: "pub", Duration: "12.5 s" });
    expect(facts["Reference"]).toContain("small\\_1\\_2026-11-26-T233842");
    expect(facts["Commit"]).toContain("0123abc4567def");
    expect(facts["Commit"]).toContain("uncommitted changes");
    expect(shortened).toEqual([]);
    expect(dag).toBe("full");
  });

  it.each([
    ["error", "❌ error"],
    ["incomplete", "⚠️ incomplete"],
    ["LIVE", "🔵 running (LIVE)"],
  ] as const)("shows status %s as %s", (status, text) => {
    const run = {
      ...small,
      info: { ...small.info, status, error: status === "error" ? "ValueError - bad | thing" : undefined },
    } as Run;
    const markdown = renderSummary(run).markdown;
    expect(markdown).toContain(`| Status | ${text} |`);
    if (status === "error") expect(markdown).toContain("ValueError - bad \\| thing");
  });

  it("lists only the args that differ, counting the keys that agree", () => {
    const table = tables(renderSummary(small).markdown).find((t) => t.header[0]?.text === "args set");
    expect(table?.header.map((h) => h.text)).toEqual(["args set", "`lr`", "`layers`"]);
    expect(table?.rows.map((r) => r[0]?.text)).toEqual(["`lr_0`", "`lr_1`", "`lr_2`"]);
    expect(renderSummary(small).markdown).toContain("_2 keys have the same value in every args set (not shown)._");
  });

  it("shows key results: scalar fields of JSON reportables and the first rows of tables", () => {
    const markdown = renderSummary(small).markdown;
    const all = tables(markdown);
    const at = all.findIndex((t) => t.header[0]?.text === "reportable");
    const [results, scores] = all.slice(at);
    expect(results?.header.map((h) => h.text)).toEqual(["reportable", "record", "values"]);
    expect(results?.rows[1]?.[2]?.text).toBe(
      "`accuracy` = `0.75`, `loss` = `0.5`, `epochs` = `10`, `converged` = `true`, \\(\\+1 more\\)",
    );
    expect(scores?.header.map((h) => h.text)).toEqual(["args | name", "accuracy", "rank"]);
    expect(scores?.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["lr\\_0", "0.500", "0"],
      ["lr\\_1", "0.501", "1"],
      ["lr\\_2", "0.502", "2"],
    ]);
  });

  it("links into the published report with anchors that exist on the built page", async () => {
    const markdown = renderSummary(small, { baseUrl: `${BASE}/` }).markdown;
    const site = path.join(tmp, "site");
    await buildSite(small.dir, { outDir: site, version: "0.0.0-test" });
    const { readFile } = await import("node:fs/promises");
    const ids = htmlIds(await readFile(path.join(site, "small_1_2026-11-26-T233842", "index.html"), "utf8"));
    const links = [...markdown.matchAll(/\]\((https:[^)]+)\)/g)].map((m) => m[1] ?? "");
    expect(links.length).toBeGreaterThan(8);
    for (const link of links) {
      expect(link.startsWith(`${BASE}/small_1_2026-11-26-T233842/index.html`), link).toBe(true);
      const anchor = link.split("#")[1];
      if (anchor !== undefined) expect(ids.has(decodeURIComponent(anchor)), anchor).toBe(true);
    }
    expect(links).toContain(`${BASE}/small_1_2026-11-26-T233842/index.html#args-1`);
    expect(renderSummary(small).markdown).not.toContain("](http");
  });

  it("parses as Mermaid with mermaid's own parser", async () => {
    const blocks = mermaidBlocks(renderSummary(small).markdown);
    expect(blocks).toHaveLength(1);
    expect(await mermaidParse(blocks[0] ?? "")).toBe("ok");
    expect(await mermaidParse("flowchart TB\n  a --> [")).not.toBe("ok"); // the parser does reject bad text
  });

  it("escapes untrusted text: no HTML, no mentions, no broken cells or fences", async () => {
    const { markdown } = renderSummary(hostile, { baseUrl: BASE });
    const html = await marked.parse(markdown, { gfm: true });
    expect(html).not.toMatch(/<script|<b>/i);
    expect(html).not.toContain('href="https://evil.test');
    expect(markdown).not.toMatch(/(^|[^\u200b])@octocat/);
    expect(markdown).toContain("@&#8203;octocat");
    for (const table of tables(markdown)) {
      for (const row of table.rows) expect(row.length).toBe(table.header.length);
    }
    // Every row of the args table survived as a row (no newline or pipe split it).
    expect(tables(markdown)[1]?.rows).toHaveLength(3);
    const blocks = mermaidBlocks(markdown);
    expect(blocks).toHaveLength(1);
    expect(await mermaidParse(blocks[0] ?? "")).toBe("ok");
    expect(markdown.split("\n").filter((l) => l.startsWith(SUMMARY_MARKER))).toHaveLength(1);
  });

  it("keeps a 1,000-record run under the comment limit, its DAG folded by pipeline as the map is", async () => {
    const summary = renderSummary(big, { baseUrl: BASE });
    expect(summary.markdown.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(summary.dag).toBe("full");
    const [block = ""] = mermaidBlocks(summary.markdown);
    // The sweep's records are one pipeline, drawn once with their count; the aggregate is kept.
    expect(block).toContain("1#44;000 records");
    expect(block).toContain("aggregate of 1#44;000 records");
    expect(block).toMatch(/-->\|"×1#44;000"\|/);
    expect(edgeCount(block)).toBeLessThanOrEqual(MERMAID_LIMITS.maxEdges);
    expect(await mermaidParse(block)).toBe("ok");
    expect(summary.markdown).toContain("970 more args sets");
    expect(summary.markdown).toContain("981 more results are in the report");
  });

  it("keeps a 1,000-record run under 1 MiB in step-summary mode", () => {
    const summary = renderSummary(big, { maxLength: STEP_SUMMARY_MAX_BYTES, unit: "bytes" });
    expect(Buffer.byteLength(summary.markdown, "utf8")).toBeLessThanOrEqual(STEP_SUMMARY_MAX_BYTES);
    expect(summary.dag).toBe("full");
  });

  it("links to the map instead of a diagram of more pipelines than anyone can read", () => {
    const b = new RunBuilder();
    for (let r = 0; r < 70; r++) b.stage(b.record(`r${r}`), `stage_${r}`, { outputs: ["x"] });
    const summary = renderSummary(b.build(), { baseUrl: BASE });
    expect(summary.dag).toBe("linked");
    expect(mermaidBlocks(summary.markdown)).toEqual([]);
    expect(summary.markdown).toContain("70 records in 70 pipelines are too many to read as a diagram here");
  });

  it("draws pipelines with too many nodes between them as one box each, parseable by Mermaid", async () => {
    const b = new RunBuilder();
    for (let r = 0; r < 10; r++) {
      const record = b.record(`r${r}`);
      for (const step of ["a", "b", "c"]) b.stage(record, `s${r}_${step}`, { outputs: ["x", "y"] });
    }
    const summary = renderSummary(b.build());
    expect(summary.dag).toBe("collapsed");
    const [block] = mermaidBlocks(summary.markdown);
    expect(summary.markdown).toContain("### Stage DAG (one box per pipeline)");
    expect(block?.length).toBeLessThanOrEqual(MERMAID_LIMITS.maxChars);
    expect(edgeCount(block ?? "")).toBeLessThanOrEqual(MERMAID_LIMITS.maxEdges);
    expect(await mermaidParse(block ?? "")).toBe("ok");
  });

  it("shortens step by step to fit any budget, and says so", () => {
    const full = renderSummary(small).markdown.length;
    let previous = Infinity;
    for (const budget of [full - 1, 2000, 1700, 1400, 1000, 600]) {
      const summary = renderSummary(small, { maxLength: budget });
      expect(summary.markdown.length, `budget ${budget}`).toBeLessThanOrEqual(budget);
      expect(summary.markdown.length).toBeLessThanOrEqual(previous);
      expect(summary.markdown).toContain("Shortened to fit the --max-chars budget of ");
      expect(summary.shortened.length).toBeGreaterThan(0);
      previous = summary.markdown.length;
    }
    expect(renderSummary(small, { maxLength: full - 1 }).shortened[0]).toMatch(/stage DAG/);
    expect(renderSummary(small, { maxLength: 1500 }).dag).toBe("omitted");
  });

  it("is deterministic", () => {
    expect(renderSummary(big, { baseUrl: BASE }).markdown).toBe(renderSummary(big, { baseUrl: BASE }).markdown);
  });

  it("says when there is only one args set", async () => {
    const one = await readRun(
      await writeRunFolder(path.join(tmp, "one"), wireRun({ records: 1, reference: "one_1_2026-11-26-T233842" })),
    );
    expect(renderSummary(one).markdown).toContain("One args set, `lr_0`: nothing to compare.");
  });
});

describe("Markdown escaping helpers", () => {
  it("mdText neutralises markup, mentions and autolinks", () => {
    expect(mdText("a|b <i> @me https://x.test\n[l](u) `c`")).toBe(
      "a\\|b &lt;i&gt; @&#8203;me https:&#8203;//x.&#8203;test \\[l\\]\\(u\\) \\`c\\`",
    );
  });
  it("mdCode picks a fence longer than any backtick run and escapes pipes", () => {
    expect(mdCode("a``b|c")).toBe("```a``b\\|c```");
    expect(mdCode("`x`")).toBe("`` `x` ``");
  });
  it("clip never splits a surrogate pair", () => {
    expect(clip("😀😀😀", 2)).toBe("😀…");
    expect(HOSTILE.length).toBeGreaterThan(50);
  });
});

describe("issue references in run text", () => {
  it("cross-reference no issue: #12, org/repo#3 and GH-7 are broken as mentions are", () => {
    const text = mdText("fixes #12, see org/repo#3 and GH-7 or gh-8 (not v1#x)");
    // GitHub links a `#` or `GH-` directly followed by digits; a zero-width space stops it.
    expect(text.replaceAll("&#8203;", "\u200b")).not.toMatch(/#\d|gh-\d/i);
    expect(text).toContain("#&#8203;12");
    expect(text).toContain("org/repo#&#8203;3");
    expect(text).toContain("GH-&#8203;7");
    expect(text).toContain("gh-&#8203;8");
    expect(text).toContain("v1\\#x");
  });
});
