import { describe, expect, it } from "vitest";
import { renderIndex } from "../../../src/render/views/indexPage.js";
import { renderReport } from "../../../src/render/report.js";
import { indexEntryFromRunInfo } from "../../../src/render/formats/runInfo.js";
import type { Reportable, Run } from "../../../src/run/model.js";
import { showControlChars } from "../../../src/util/escape.js";
import { HOSTILE_NAMES, hostileRun } from "../helpers/runs.js";
import { decodeEntities, fileText, pageOf, pageProblems, textOf } from "./pageCheck.js";

const EVIL = `it's "q" <b>bold</b> & <script>alert(1)</script> 😀 café \u202Eevil\u202C עברית`;

/** Every run-controlled string set to something hostile. */
function evilRun(): Run {
  const base = hostileRun();
  const reportables: Reportable[] = HOSTILE_NAMES.map((name, i) => ({
    qualifiedName: `${name} ${i}`,
    name,
    group: i % 3 === 0 ? null : `group ${EVIL} ${i % 2}`,
    record: i % base.records.length,
    stage: name,
    files: [],
    kind: "json",
    value: { [name]: name },
  }));
  return {
    ...base,
    info: {
      ...base.info,
      reference: `ref ${EVIL}`,
      experimentName: `exp ${EVIL}`,
      hostname: `host ${EVIL}`,
      commit: `commit ${EVIL}`,
      cli: `experiment ${EVIL} --notes "x"`,
      status: "error",
      error: `ValueError - ${EVIL}`,
      fullStore: true,
      reproduce: `reproduce ${EVIL}`,
      notes: `notes ${EVIL}\n<img src=x onerror=alert(1)> [link](javascript:alert(1))`,
      paramFiles: [`file ${EVIL}`],
      params: { [`file ${EVIL}`]: [[`args ${EVIL}`, `hash ${EVIL}`]] },
    },
    args: [
      {
        name: `args ${EVIL}`,
        hash: `hash ${EVIL}`,
        values: { name: `args ${EVIL}`, [`key ${EVIL}`]: `value ${EVIL}` },
        ignored: [],
        reprs: {},
      },
      { name: `other ${EVIL}`, hash: "h2", values: { name: "x", [`key ${EVIL}`]: 2 }, ignored: [], reprs: {} },
    ],
    reportables,
  };
}

describe("hostile strings", () => {
  it("never reach the page as markup, and the page stays sound", async () => {
    const report = await renderReport(evilRun(), { version: "1" });
    const html = pageOf(report);
    expect(pageProblems(html)).toEqual([]);
    expect(html).not.toMatch(/<script>|<b>bold|onerror=|javascript:/i);
    // Control characters show as text instead of vanishing (reportable bodies are the reportable renderers' to test).
    const outsideBodies = html.replace(/<div class="reportable-body">[\s\S]*?<\/div>\n<p class="back">/g, "");
    for (const c of ["\u0007", "\u001b", "\u007f"]) expect(outsideBodies).not.toContain(c);
    expect(html).toContain("bell\\u0007");
  });

  it("show up as the same text in headings, contents, info, args and attributes", async () => {
    const run = evilRun();
    const html = pageOf(await renderReport(run, { version: "1" }));
    expect(textOf(html, /<h1>([\s\S]*?)<\/h1>/g)).toEqual([`Report: exp ${EVIL} - 1`]);
    expect(textOf(html, /<title>([\s\S]*?)<\/title>/g)[0]).toBe(`exp ${EVIL}/1`);
    const toc = /<nav class="reportables-toc"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "";
    const labels = textOf(toc, /<a href="#r-[^"]*">([\s\S]*?)<\/a>/g);
    expect([...labels].sort()).toEqual(run.reportables.map((r) => showControlChars(r.qualifiedName)).sort());
    expect(textOf(toc, /<a href="#group-\d+">([\s\S]*?)<\/a>/g)).toEqual([`group ${EVIL} 1`, `group ${EVIL} 0`]);
    const info = /<section class="info"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    const infoText = decodeEntities(info.replace(/<[^>]*>/g, ""));
    for (const s of [
      `host ${EVIL}`,
      `commit ${EVIL}`,
      `experiment ${EVIL} --notes "x"`,
      `reproduce ${EVIL}`,
      `args ${EVIL}`,
      `hash ${EVIL}`,
      `file ${EVIL}`,
    ]) {
      expect(infoText).toContain(s);
    }
    expect(textOf(html, /<div class="banner banner-error" role="alert">([\s\S]*?)<\/div>/g)).toEqual([
      `Run failed: ValueError - ${EVIL}`,
    ]);
    const args = /<section class="args" id="args">[\s\S]*$/.exec(html)?.[0] ?? "";
    const argsText = decodeEntities(args.replace(/<[^>]*>/g, ""));
    expect(argsText).toContain(JSON.stringify(`key ${EVIL}`));
    expect(argsText).toContain(JSON.stringify(`value ${EVIL}`));
    expect(textOf(args, /<th scope="col">([\s\S]*?)<\/th>/g)).toEqual(["args set", `key ${EVIL}`]);
    const notes = /<div class="notes">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
    expect(decodeEntities(notes.replace(/<[^>]*>/g, ""))).toContain(`notes it's "q" bold & `);
  });

  it("cannot break out of attributes: every id and href is from the router or a safe encoding", async () => {
    const html = pageOf(await renderReport(evilRun(), { version: "1" }));
    for (const m of html.matchAll(/\s(id|href|src)="([^"]*)"/g)) {
      expect(m[2], m[0]).not.toMatch(/[<>"'\s]/);
    }
  });

  it("keeps a bidi override inside its own isolated element", async () => {
    const html = pageOf(await renderReport(evilRun(), { version: "1" }));
    expect(html).toContain(`<h1>Report: <bdi>exp `);
  });

  it("are escaped on the index page too, from a tampered run_info.json", async () => {
    const report = await renderReport(evilRun(), { version: "1" });
    const entry = indexEntryFromRunInfo(JSON.parse(fileText(report, "run_info.json")), report.folder);
    const [index] = renderIndex([entry], [`informal ${EVIL}`], { version: "1" });
    const html = String(index?.content);
    expect(pageProblems(html)).toEqual([]);
    expect(html).not.toMatch(/<script>|<b>bold|onerror=/i);
    const line = /<li class="run">([\s\S]*?)<\/li>/.exec(html)?.[1] ?? "";
    const text = decodeEntities(line.replace(/<[^>]*>/g, ""));
    for (const s of [
      `ref ${EVIL}`,
      `host ${EVIL}`,
      `ValueError - ${EVIL}`,
      `file ${EVIL}`,
      `args ${EVIL}`,
      `notes ${EVIL}`,
      `experiment ${EVIL} --notes "x"`,
    ]) {
      expect(text).toContain(s);
    }
    expect(textOf(html, /<section class="experiment" id="exp-0">\s*<h2>([\s\S]*?)<\/h2>/g)).toEqual([`exp ${EVIL}`]);
  });
});
