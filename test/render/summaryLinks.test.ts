/** Issue 12, point 8: the summary makes no link from text in the input: www. autolinks and bare domains too. */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { mdText } from "../../src/render/markup/mdText.js";
import { renderSummary } from "../../src/render/summary/summary.js";
import { readRun } from "../../src/run/read.js";
import { wireRun, writeRunFolder } from "../fixtures-publish/runs.js";

const LINKY = "see www.evil.example, evil.example/path, sub.evil.example, https://evil.example/x and me@evil.example";

describe("summary text from the input", () => {
  it("is no link in GitHub-flavoured Markdown, and names no host a renderer could link", async () => {
    const runs = path.join(await mkdtemp(path.join(os.tmpdir(), "curi-summary-links-")), "runs");
    const wire = wireRun({ records: 2, aggregate: true, rich: true, reference: "links_1_2026-11-26-T233842" });
    wire.run_info.experiment_name = LINKY;
    wire.run_info.notes = LINKY;
    for (const args of wire.args) args.name = LINKY;
    const run = await readRun(await writeRunFolder(runs, wire));
    const { markdown } = renderSummary(run, { baseUrl: "https://owner.github.io/repo/reports" });
    expect(markdown).toContain("evil");
    const html = await marked.parse(markdown, { gfm: true });
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? "");
    expect(hrefs.filter((h) => h.includes("evil"))).toEqual([]);
    // A bare host name, which some renderers link, is broken up too, outside code (shown literally, never linked).
    const outsideCode = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, "").replace(/(`+)[^`]*?\1/g, "");
    expect(outsideCode).not.toMatch(/evil\.example/);
  });

  it("keeps numbers and versions as they are", () => {
    expect(mdText("accuracy 0.97, v1.2.3")).toBe("accuracy 0.97, v1.2.3");
  });
});
