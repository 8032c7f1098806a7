import { describe, expect, it } from "vitest";
import { renderReportable } from "../../../src/render/reportables/index.js";
import type { JsonValue } from "../../../src/run/model.js";
import { context, reportable } from "./make.js";
import { elementTexts, wellFormedProblems } from "./htmlCheck.js";

/** The JSON reportable's `<pre>` text, decoded. */
function shownJson(value: JsonValue, maxTextChars?: number): { html: string; text: string } {
  const html = renderReportable(
    reportable({ kind: "json", value }),
    context(maxTextChars === undefined ? {} : { maxTextChars }),
  ).html;
  return { html, text: elementTexts(html, "pre")[0] ?? "" };
}

describe("JSON reportables", () => {
  it('shows "a<b" escaped and intact, with the rest of the value after it', () => {
    const value = { a: "a<b", after: "still here </pre><script>x</script>" };
    const { html, text } = shownJson(value);
    expect(html).toContain("&quot;a&lt;b&quot;");
    expect(html).not.toContain("<script>");
    expect(JSON.parse(text)).toEqual(value);
    expect(wellFormedProblems(html)).toEqual([]);
  });

  it("pretty-prints with two spaces", () => {
    expect(shownJson({ k: [1, 2] }).text).toBe('{\n  "k": [\n    1,\n    2\n  ]\n}');
  });

  it("keeps non-ASCII characters as written, not as \\u escapes", () => {
    const { text } = shownJson({ café: "ünïcødé ✓ 😀" });
    expect(text).toContain('"café": "ünïcødé ✓ 😀"');
    expect(text).not.toContain("\\u");
  });

  it("renders scalars and null", () => {
    expect(shownJson(null).text).toBe("null");
    expect(shownJson("x & y").text).toBe('"x & y"');
  });

  it("shortens very long JSON with a note and never splits a character", () => {
    const long = { text: "😀".repeat(1000) };
    // The emoji pairs start at index 13, so a cut after 100 units would split the 44th one.
    const { html, text } = shownJson(long, 100);
    expect(text.length).toBe(99);
    expect(text).not.toMatch(/[\ud800-\udbff]$/);
    expect(html).toMatch(/Showing the first \d+ of 2,016 characters\./);
  });

  it("adds no note when the value fits", () => {
    expect(shownJson({ a: 1 }).html).not.toContain("shortened-note");
  });
});
