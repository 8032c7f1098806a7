import { describe, expect, it } from "vitest";
import { renderReportable } from "../../../src/render/reportables/index.js";
import { context, reportable } from "./make.js";
import { attributeValues, elementTexts, ids, wellFormedProblems } from "./htmlCheck.js";

const LATEX =
  "\\begin{tabular}{lr}\n\\toprule\nmodel & score \\\\\n<b>lr</b> & 0.97 \\\\\n\\bottomrule\n\\end{tabular}";

describe("LaTeX reportables", () => {
  const html = renderReportable(reportable({ kind: "latex", latex: LATEX }), context({ idPrefix: "rp-7" })).html;

  it("shows the LaTeX verbatim and escaped in <pre class=latex><code>", () => {
    expect(html).toContain('<pre class="latex"><code id="rp-7-latex">');
    expect(elementTexts(html, "code")).toEqual([LATEX]);
    expect(html).not.toContain("<b>");
    expect(wellFormedProblems(html)).toEqual([]);
  });

  it("emits a copy button that targets the code block and stays hidden until a script enables it", () => {
    expect(attributeValues(html, "button", "data-copy-target")).toEqual(["rp-7-latex"]);
    expect(html).toMatch(/<button type="button" class="copy" data-copy-target="rp-7-latex" hidden>/);
    expect(ids(html)).toEqual(["rp-7-latex"]);
  });
});
