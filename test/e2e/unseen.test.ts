/**
 * A run never seen by the other tests, written through the record API with names and previews
 * full of quotes, `<`, `&`, slashes and non-ASCII text, rendered by the real CLI and read back in
 * Chromium: every name shows as the same text it was given, in the report and the index.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregate,
  ArtifactManager,
  JsonReportable,
  LinePlotReportable,
  MarkdownReportable,
  Record,
  stage,
  TableReportable,
} from "../../src/record/index.js";
import { launchChromium, openFile } from "../helpers/browser.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = path.join(root, "bin/curi-report.js");

const ARGS_NAME = `it's <b>"bold"</b> & co/ünï 🚀`;
const STAGE = `load/"data" <&>`;
const ARTIFACT = `x<y & 'z' / naïve`;
const PREVIEW_VALUE = `<script>alert("pwn")</script> & café/日本`;
const REPORT_NAME = `it's a plot / <ü>`;
const GROUP = `Résultats & "metrics" <1>`;

describe("a hostile-but-valid run written through the record API", () => {
  let browser: Browser;
  let outDir: string;
  let folder: string;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "curi-unseen-"));
    const manager = new ArtifactManager("unseen", {
      root: dir,
      notes: `Notes with <i>tags</i> & "quotes"\nsecond line`,
      cli: `run --name "${ARGS_NAME}"`,
      hostname: "host<1>",
    });
    const load = stage({ name: STAGE, outputs: [ARTIFACT] }, (record) => {
      record.report(
        new LinePlotReportable(
          { [`série "a" <1>`]: [1, 2, 3], b: [3, 1, 2] },
          { name: REPORT_NAME, group: GROUP, title: `Title <&> "q"` },
        ),
      );
      record.report(
        new TableReportable([{ [`col "<a>"`]: 1, note: `a<b & c` }], { name: `table/${ARGS_NAME}`, group: GROUP }),
      );
      return { [ARTIFACT]: PREVIEW_VALUE };
    });
    const combine = aggregate({ name: "combine", inputs: [ARTIFACT], outputs: ["all"] }, (record, inputs) => {
      const values = [...(inputs[ARTIFACT] as Map<Record, unknown>).values()];
      record.report(new JsonReportable({ [`k"<&>`]: values }, { name: "json" }));
      record.report(
        new MarkdownReportable(`# Heading <script>alert(1)</script>\n\n[link](javascript:alert(1)) & **ü**`, {
          name: "md",
        }),
      );
      return { all: values };
    });
    await manager.run(async () => {
      const records = [];
      for (const args of [
        { name: ARGS_NAME, n: 1 },
        { name: "plain", n: 2 },
      ])
        records.push(await load(new Record(manager, args)));
      await combine(new Record(manager, null), records);
    });
    outDir = path.join(dir, "reports");
    await promisify(execFile)(process.execPath, [bin, path.join(dir, "runs", "latest"), "--out", outDir, "--quiet"]);
    folder = (await readdir(outDir)).find((f) => f.startsWith("unseen_1_")) ?? "";
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it("shows every name as the text it was given, and runs none of it", async () => {
    const file = path.join(outDir, folder, "index.html");
    const { page, log } = await openFile(browser, file, { allowedRoot: outDir, offline: true });
    const text = await page.evaluate(() => document.body.innerText);
    for (const expected of [
      ARGS_NAME,
      STAGE,
      ARTIFACT,
      REPORT_NAME,
      GROUP,
      "host<1>",
      `col "<a>"`,
      "a<b & c",
      `série "a" <1>`,
    ]) {
      expect(text, `visible text should contain ${expected}`).toContain(expected);
    }
    // Notes are Markdown: inline HTML tags are sanitized away, their text kept.
    expect(text).toContain(`Notes with tags & "quotes"`);
    expect(await page.evaluate(() => document.querySelectorAll("body script:not([src])").length)).toBe(0);
    // The artifact preview, a string holding a script tag, shows as text in the record's graph, on its page.
    await page.goto(pathToFileURL(path.join(path.dirname(file), "records", "0.html")).href);
    const svgText = await page.evaluate(() =>
      Array.from(document.querySelectorAll("figure.graph-record svg text"), (t) => t.textContent ?? "").join("\n"),
    );
    expect(svgText).toContain(ARTIFACT);
    expect(svgText).toContain("<script>alert(");
    expect(await page.evaluate(() => document.querySelectorAll("body script:not([src])").length)).toBe(0);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [], outsideRequests: [], dialogs: [] });
  });

  it("lists every reportable in the table of contents, each link reaching its section", async () => {
    const file = path.join(outDir, folder, "index.html");
    const { page } = await openFile(browser, file, { allowedRoot: outDir, offline: true });
    const result = await page.evaluate(() => {
      const links = Array.from(document.querySelectorAll<HTMLAnchorElement>("a[href^='#r-']"));
      return {
        count: links.length,
        missing: links
          .filter((a) => document.getElementById(decodeURIComponent(a.hash.slice(1))) === null)
          .map((a) => a.hash),
      };
    });
    expect(result.missing).toEqual([]);
    expect(result.count).toBeGreaterThanOrEqual(6);
  });

  it("lists the run in the index with its host and notes intact", async () => {
    const { page, log } = await openFile(browser, path.join(outDir, "index.html"), {
      allowedRoot: outDir,
      offline: true,
    });
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain(folder);
    expect(text).toContain("host<1>");
    expect(text).toContain(`Notes with <i>tags</i> & "quotes"`);
    expect(log.consoleErrors).toEqual([]);
  });
});
