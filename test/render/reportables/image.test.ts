import { describe, expect, it } from "vitest";
import { renderReportable } from "../../../src/render/reportables/index.js";
import { context, reportable, runFile } from "./make.js";
import { attributeValues, wellFormedProblems } from "./htmlCheck.js";

describe("figure and image reportables", () => {
  it("shows an SVG figure through <img> (never inline) and asks for the file to be copied", () => {
    const file = runFile("reportables/fit scatter.svg");
    const fragment = renderReportable(
      reportable({ kind: "figure", format: "svg", alt: "Scatter of <fit>", file }),
      context({ fileBase: "reportables/baseline_fit_scatter" }),
    );
    expect(fragment.copies).toEqual([{ path: "reportables/baseline_fit_scatter.svg", source: file }]);
    expect(fragment.files).toEqual([]);
    expect(attributeValues(fragment.html, "img", "src")).toEqual(["reportables/baseline_fit_scatter.svg"]);
    expect(attributeValues(fragment.html, "img", "alt")).toEqual(["Scatter of <fit>"]);
    expect(attributeValues(fragment.html, "img", "loading")).toEqual(["lazy"]);
    expect(fragment.html).not.toContain("<svg");
    expect(wellFormedProblems(fragment.html)).toEqual([]);
  });

  it("uses the reportable's name as alt text when there is none", () => {
    const fragment = renderReportable(
      reportable({ kind: "figure", format: "png", alt: null, file: runFile("reportables/a.png") }, "loss curve"),
      context(),
    );
    expect(attributeValues(fragment.html, "img", "alt")).toEqual(["loss curve"]);
  });

  it.each([
    ["png", ".png"],
    ["jpeg", ".jpg"],
    ["gif", ".gif"],
    ["webp", ".webp"],
    ["svg", ".svg"],
  ] as const)("copies a %s image to fileBase + %s", (format, ext) => {
    const file = runFile(`reportables/weights.${format}`);
    const fragment = renderReportable(
      reportable({ kind: "image", format, alt: null, sourceName: "weights", file }),
      context({ fileBase: "reportables/x" }),
    );
    expect(fragment.copies).toEqual([{ path: `reportables/x${ext}`, source: file }]);
    expect(attributeValues(fragment.html, "img", "src")).toEqual([`reportables/x${ext}`]);
  });

  it("percent-encodes the file path in src while the copy keeps the plain path", () => {
    const fragment = renderReportable(
      reportable({ kind: "image", format: "png", alt: null, sourceName: null, file: runFile("a.png") }),
      context({ fileBase: "reportables/it's #1" }),
    );
    expect(attributeValues(fragment.html, "img", "src")).toEqual(["reportables/it's%20%231.png"]);
    expect(fragment.copies[0]?.path).toBe("reportables/it's #1.png");
    expect(fragment.html).not.toContain("it's");
  });

  it("gives an error box, not a broken image, for an unknown format", () => {
    const broken = reportable({
      kind: "image",
      format: "bmp" as "png",
      alt: null,
      sourceName: null,
      file: runFile("a.bmp"),
    });
    const fragment = renderReportable(broken, context());
    expect(fragment.html).toContain('class="error-box"');
    expect(fragment.html).toContain("image format &quot;bmp&quot; is not one of svg, png, jpeg, gif, webp");
    expect(fragment.copies).toEqual([]);
  });
});
