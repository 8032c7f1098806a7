/**
 * The sweep analysis on a report's pages: the run page's short section after the results (the
 * best card and its headline, the primary metric's ranking, the parallel coordinates, a link on, a
 * TOC entry), the full analysis.html with analysis.json beside it, and neither for a run that is
 * no sweep (one record, or one args set). Pages are read with parse5, as a browser would.
 */
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { RunContext } from "../../../src/render/context.js";
import { readAnalysisText } from "../../../src/render/formats/analysis.js";
import { renderReport, type RenderedReport } from "../../../src/render/report.js";
import { REPORT_PATHS } from "../../../src/render/router.js";
import { runOf, truthSweep } from "./sweeps.js";

type Element = DefaultTreeAdapterMap["element"];
type Node = DefaultTreeAdapterMap["node"];

/** Every element of a page, in document order. */
function elements(html: string): Element[] {
  const out: Element[] = [];
  const visit = (n: Node): void => {
    if ("tagName" in n) out.push(n);
    if ("childNodes" in n) n.childNodes.forEach(visit);
    if ("content" in n) visit(n.content as Node);
  };
  visit(parse(html) as Node);
  return out;
}

const attr = (e: Element, name: string): string | undefined => e.attrs.find((a) => a.name === name)?.value;
const text = (n: Node): string =>
  n.nodeName === "#text" && "value" in n ? n.value : "childNodes" in n ? n.childNodes.map(text).join("") : "";
function collect(root: Node, tag: string): Element[] {
  const out: Element[] = [];
  const visit = (n: Node): void => {
    if ("tagName" in n && n.tagName === tag) out.push(n);
    if ("childNodes" in n) n.childNodes.forEach(visit);
  };
  visit(root);
  return out;
}

function page(report: RenderedReport, path: string): string {
  const file = report.files.find((f) => f.path === path);
  if (file === undefined) throw new Error(`${path} was not rendered`);
  return String(file.content);
}

describe("the sweep analysis on the pages", async () => {
  const report = await renderReport(truthSweep(), { version: "test" });
  const paths = new Set([...report.files, ...report.copies].map((f) => f.path));
  const runPage = elements(page(report, REPORT_PATHS.page));
  const section = runPage.find((e) => attr(e, "id") === "analysis");

  it("puts a short analysis after the results on the run page, listed in the contents", () => {
    expect(section?.tagName).toBe("section");
    const ids = runPage.filter((e) => e.tagName === "section").map((e) => attr(e, "id"));
    expect(ids.indexOf("analysis")).toBe(ids.indexOf("results") + 1);
    const toc = runPage.find((e) => attr(e, "id") === "contents") as Element;
    expect(collect(toc, "a").map((a) => attr(a, "href"))).toContain("#analysis");
  });

  it("shows the ranking (lr, wd, batch), the best card with its headline, the chart to brush and a link to the full page", () => {
    const root = section as Element;
    const ranked = collect(root, "table").find((t) => attr(t, "class") === "an-importance") as Element;
    expect(
      collect(ranked, "th")
        .filter((th) => attr(th, "scope") === "row")
        .map(text),
    ).toEqual(["lr", "wd", "batch"]);
    const card = collect(root, "div").find((d) => (attr(d, "class") ?? "").includes("an-best-card")) as Element;
    expect(text(card)).toMatch(/lr=0\.01, wd=0(, batch=\d+)? wins by .* accuracy over 5 seeds/);
    expect(collect(root, "svg").filter((s) => (attr(s, "class") ?? "").includes("an-parallel"))).toHaveLength(1);
    // Slice charts are on the full page only.
    expect(collect(root, "svg").filter((s) => (attr(s, "class") ?? "").includes("an-slice"))).toHaveLength(0);
    const hrefs = collect(root, "a").map((a) => attr(a, "href"));
    expect(hrefs).toContain(REPORT_PATHS.analysis);
    for (const href of hrefs) expect(paths.has(String(href)), `${href} is a file of the report`).toBe(true);
  });

  it("writes analysis.html with every metric's charts and analysis.json that its reader accepts", () => {
    const full = elements(page(report, REPORT_PATHS.analysis));
    const slices = full.filter((e) => e.tagName === "svg" && (attr(e, "class") ?? "").includes("an-slice"));
    expect(slices).toHaveLength(2 * 3); // accuracy and loss, each against lr, wd, batch
    expect(full.filter((e) => e.tagName === "svg" && (attr(e, "class") ?? "").includes("an-heatmap"))).toHaveLength(2);
    for (const a of full.filter((e) => e.tagName === "a")) {
      const href = String(attr(a, "href"));
      if (href.startsWith("#")) continue;
      const target = href.startsWith("../") ? href.slice(3) : href;
      expect(paths.has(target.split("#")[0] as string), `${href} is a file of the report`).toBe(true);
    }
    const doc = readAnalysisText(page(report, REPORT_PATHS.analysisJson), REPORT_PATHS.analysisJson);
    expect(doc.primary).toBe("accuracy");
  });

  it("is left out of a run with one record, or with one args set run many times", async () => {
    const one = await renderReport(runOf([{ args: { lr: 0.1 }, metrics: { accuracy: 0.9 } }]), { version: "test" });
    const sameArgs = runOf([0, 1, 2].map((i) => ({ args: { lr: 0.1 }, metrics: { accuracy: 0.9 + i / 100 } })));
    const shared = {
      ...sameArgs,
      args: sameArgs.args.slice(0, 1),
      records: sameArgs.records.map((r) => ({ ...r, argsHash: "hash0", argsName: "r0" })),
    };
    expect(new RunContext(shared).analysis).toBeNull();
    for (const r of [one, await renderReport(shared, { version: "test" })]) {
      const files = r.files.map((f) => f.path);
      expect(files).not.toContain(REPORT_PATHS.analysis);
      expect(files).not.toContain(REPORT_PATHS.analysisJson);
      expect(page(r, REPORT_PATHS.page)).not.toContain('id="analysis"');
    }
  });
});
