import { describe, expect, it } from "vitest";
import { renderReportable } from "../../../src/render/reportables/index.js";
import { planReport } from "../../../src/render/router.js";
import type { Reportable, Run } from "../../../src/run/model.js";
import { context, reportable, runFile } from "./make.js";

describe("what Python curifactory runs bring: gif/webp/jpeg figures and linked files", () => {
  it("shows gif, webp and jpeg figures through <img> with the browser's extension", () => {
    for (const [format, ext] of [
      ["gif", ".gif"],
      ["webp", ".webp"],
      ["jpeg", ".jpg"],
    ] as const) {
      const fragment = renderReportable(
        reportable({ kind: "figure", format, alt: null, file: runFile(`reportables/f${ext}`) }),
        context(),
      );
      expect(fragment.copies).toEqual([
        { path: `reportables/baseline_fit_scores${ext}`, source: runFile(`reportables/f${ext}`) },
      ]);
      expect(fragment.html).toContain(`src="reportables/baseline_fit_scores${ext}"`);
    }
  });

  it("copies a reportable's linked files to the same relative path, so its HTML's links resolve", () => {
    const files = [runFile("reportables/gallery_bars.png"), runFile("reportables/sub/values.csv")];
    const r = { ...reportable({ kind: "html", html: "<img src='reportables/gallery_bars.png'>" }, "gallery"), files };
    expect(renderReportable(r, context()).copies).toEqual(files.map((f) => ({ path: f.relative, source: f })));
  });

  it("copies the user guide's image written beside reportables/ to the same place (issue 20 point 2)", () => {
    const guide = runFile("reportablesguide.png");
    const r = { ...reportable({ kind: "html", html: "<img src='reportablesguide.png'>" }, "guide"), files: [guide] };
    const fragment = renderReportable(r, context());
    expect(fragment.copies).toEqual([{ path: "reportablesguide.png", source: guide }]);
    expect(fragment.html).not.toContain("Not copied");
  });

  it("never copies a linked file over one of the report's own (a linked index.html replaced the run's page)", () => {
    const own = ["index.html", "run_info.json", "records/0.html", "graphs/map.gv", "report.js", "log.txt", "sub/x.png"];
    const r = { ...reportable({ kind: "html", html: "" }, "taker"), files: own.map((f) => runFile(f)) };
    const fragment = renderReportable(r, context());
    expect(fragment.copies).toEqual([]);
    expect(fragment.html).toContain("Not copied into the report: <code>index.html</code>, <code>run_info.json</code>");
    expect(fragment.html).toContain("and 2 more");
  });

  it("keeps generated file names clear of linked files, and repeated qualified names apart", () => {
    const linked: Reportable = {
      ...reportable({ kind: "html", html: "" }, "gallery"),
      files: [runFile("reportables/baseline_fit_bars.png")],
    };
    const figure = reportable({ kind: "figure", format: "png", alt: null, file: runFile("reportables/x.png") }, "bars");
    const again = reportable({ kind: "figure", format: "png", alt: null, file: runFile("reportables/y.png") }, "bars");
    const plan = planReport({
      info: { reference: "r_1_2026-01-01-T000000" },
      records: [],
      args: [],
      reportables: [linked, figure, again],
    } as unknown as Run);
    const bases = plan.reportables.map((p) => p.fileBase);
    expect(bases[1]).not.toBe("reportables/baseline_fit_bars");
    expect(new Set(bases).size).toBe(3);
    expect(new Set(plan.reportables.map((p) => p.anchor)).size).toBe(3);
  });
});
