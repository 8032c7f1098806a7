import { describe, expect, it } from "vitest";
import { renderReportable } from "../../../src/render/reportables/index.js";
import type { Reportable } from "../../../src/run/model.js";
import { context, reportable, runFile, table } from "./make.js";
import { ids, wellFormedProblems } from "./htmlCheck.js";

/** One reportable of every kind, each carrying some text that needs escaping. */
const EVERY_KIND: Reportable[] = [
  reportable({ kind: "html", html: "<p>it's <b>bold</b></p>" }, "html"),
  reportable({ kind: "json", value: { a: "a<b", n: [1, 2.5, null] } }, "json"),
  reportable({ kind: "table", table: table([[1, 0.5, "<x>", true, "m"]], ["row 'a'"]) }, "table"),
  reportable(
    {
      kind: "lineplot",
      plot: {
        title: "T<1>",
        xLabel: "x & y",
        yLabel: null,
        series: [{ name: 'a"b', y: [1, 2, 3], x: null, marker: null, linestyle: null }],
      },
    },
    "lineplot",
  ),
  reportable({ kind: "figure", format: "svg", alt: null, file: runFile("reportables/f.svg") }, "figure"),
  reportable(
    { kind: "image", format: "png", alt: "alt", sourceName: "w.png", file: runFile("reportables/w.png") },
    "image",
  ),
  reportable({ kind: "latex", latex: "a & b \\\\ <c>" }, "latex"),
  reportable({ kind: "markdown", markdown: "# T\n\n<img src=x onerror=alert(1)>" }, "markdown"),
];

describe("renderReportable", () => {
  it.each(EVERY_KIND.map((r) => [r.kind, r] as const))("renders a %s reportable as well-formed HTML", (_kind, r) => {
    const { html } = renderReportable(r, context());
    expect(html).not.toContain("error-box");
    expect(wellFormedProblems(html)).toEqual([]);
  });

  it("is deterministic: the same input twice gives the same string", () => {
    for (const r of EVERY_KIND) {
      expect(renderReportable(r, context())).toEqual(renderReportable(structuredClone(r), context()));
    }
  });

  it("emits only ids that start with the context's id prefix", () => {
    for (const r of EVERY_KIND) {
      const all = ids(renderReportable(r, context({ idPrefix: "rp-12" })).html);
      for (const id of all) expect(id.startsWith("rp-12-")).toBe(true);
    }
  });

  it("gives a line plot with no series an error box instead of throwing", () => {
    const broken = reportable(
      { kind: "lineplot", plot: { title: null, xLabel: null, yLabel: null, series: [] } },
      "empty",
    );
    const fragment = renderReportable(broken, context());
    expect(fragment.html).toContain('<div class="error-box" role="alert">');
    expect(fragment.html).toContain(
      "Reportable baseline_fit_empty (lineplot) of record 0, stage fit, could not be rendered",
    );
    expect(fragment.html).toContain("line plot has no series");
    expect(fragment).toMatchObject({ files: [], copies: [] });
  });

  it("survives data that breaks the model's types (missing fields, unknown kind)", () => {
    const broken = [
      { ...reportable({ kind: "json", value: null }), kind: "hologram" },
      { ...reportable({ kind: "table", table: table([]) }), table: undefined },
      {
        ...reportable({ kind: "lineplot", plot: { title: null, xLabel: null, yLabel: null, series: [] } }),
        plot: { series: [{ name: null, y: [1], x: [1, 2] }] },
      },
      { ...reportable({ kind: "markdown", markdown: "" }), markdown: 42 },
    ] as unknown as Reportable[];
    for (const r of broken) {
      const fragment = renderReportable(r, context());
      expect(fragment.html).toContain("error-box");
      expect(wellFormedProblems(fragment.html)).toEqual([]);
    }
  });

  it("escapes the qualified name in the error box", () => {
    const broken = {
      ...reportable({ kind: "json", value: null }),
      kind: "x",
      qualifiedName: "<img src=x>",
    } as unknown as Reportable;
    expect(renderReportable(broken, context()).html).toContain("Reportable &lt;img src=x&gt; (x)");
  });
});
