import { describe, expect, it } from "vitest";
import { renderReportable } from "../../../src/render/reportables/index.js";
import { context, reportable } from "./make.js";
import { elementTexts, wellFormedProblems } from "./htmlCheck.js";

describe("markdown reportables", () => {
  it("renders sanitized Markdown inside a markdown-body div", () => {
    const html = renderReportable(
      reportable({ kind: "markdown", markdown: "## Findings\n\n**lr** wins<script>x()</script>" }),
      context(),
    ).html;
    expect(html.startsWith('<div class="markdown-body"><h2>Findings</h2>')).toBe(true);
    expect(html).toContain("<strong>lr</strong> wins");
    expect(html).not.toContain("script");
    expect(wellFormedProblems(html)).toEqual([]);
  });

  it("cuts very long Markdown at a line end and says so", () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i}`).join("\n\n");
    const html = renderReportable(
      reportable({ kind: "markdown", markdown: lines }),
      context({ maxTextChars: 100 }),
    ).html;
    const paragraphs = elementTexts(html, "p").filter((p) => p.startsWith("line "));
    expect(paragraphs.length).toBeGreaterThan(5);
    expect(paragraphs.every((p) => /^line \d+$/.test(p))).toBe(true);
    expect(html).toMatch(/Showing the first \d+ of 1,888 characters\./);
  });
});
