import { describe, expect, it } from "vitest";
import { isEmbeddedImageSource, MARKDOWN_MAX_CHARS, renderMarkdown } from "../../src/render/markup/markdown.js";
import { attributeValues, elementTexts, wellFormedProblems } from "./reportables/htmlCheck.js";

describe("renderMarkdown keeps document structure", () => {
  const md = [
    "# Results",
    "## Details & notes",
    "",
    "Plain *em*, **strong**, ~~gone~~ and `inline < code`.",
    "",
    "| model | score |",
    "|:------|------:|",
    "| lr    | 0.97  |",
    "",
    "```python",
    "if a < b and c > d:",
    "    print('x')",
    "```",
    "",
    "> quoted",
    "",
    "1. one",
    "2. two",
    "",
    "---",
    "- [x] done",
    "- [ ] todo",
  ].join("\n");
  const html = renderMarkdown(md);

  it("keeps headings, emphasis, tables, code, quotes, lists and rules", () => {
    expect(elementTexts(html, "h1")).toEqual(["Results"]);
    expect(elementTexts(html, "h2")).toEqual(["Details & notes"]);
    expect(html).toContain("<em>em</em>");
    expect(html).toContain("<strong>strong</strong>");
    expect(html).toContain("<del>gone</del>");
    expect(elementTexts(html, "th")).toEqual(["model", "score"]);
    expect(attributeValues(html, "th", "align")).toEqual(["left", "right"]);
    expect(elementTexts(html, "td")).toEqual(["lr", "0.97"]);
    expect(html).toContain('<pre><code class="language-python">');
    expect(elementTexts(html, "pre")[0]).toBe("if a < b and c > d:\n    print('x')\n");
    expect(html).toContain("<blockquote>");
    expect(elementTexts(html, "li").slice(0, 2)).toEqual(["one", "two"]);
    expect(html).toContain("<hr />");
    expect(wellFormedProblems(html)).toEqual([]);
  });

  it("shows task-list boxes as text instead of form inputs", () => {
    expect(html).not.toContain("<input");
    expect(elementTexts(html, "li").slice(2)).toEqual(["☑ done", "☐ todo"]);
  });

  it("adds no ids (they could collide with the report's anchors)", () => {
    expect(html).not.toMatch(/\sid=/);
  });

  it("is deterministic", () => {
    expect(renderMarkdown(md)).toBe(html);
  });

  it("joins single newlines by default and breaks them on request (for run notes)", () => {
    expect(renderMarkdown("first line\nsecond line")).toBe("<p>first line\nsecond line</p>\n");
    expect(renderMarkdown("first line\nsecond line", { breaks: true })).toBe("<p>first line<br />second line</p>\n");
  });
});

describe("renderMarkdown removes anything that could script, restyle or fetch", () => {
  const hostile = (md: string): string => {
    const html = renderMarkdown(md);
    expect(wellFormedProblems(html)).toEqual([]);
    return html;
  };

  it("removes <script> with its content", () => {
    const html = hostile("Hello <script>alert('x')</script> world");
    expect(html).not.toMatch(/script|alert/);
    expect(html).toContain("Hello");
    expect(html).toContain("world");
  });

  it("removes event handler attributes", () => {
    const html = hostile(
      '<img src="data:image/png;base64,AA" onerror="alert(1)"> <a href="#a" onclick="alert(2)">a</a> <p onmouseover="x()">p</p>',
    );
    expect(html).not.toMatch(/onerror|onclick|onmouseover|alert/);
    expect(attributeValues(html, "img", "src")).toEqual(["data:image/png;base64,AA"]);
  });

  it("drops javascript:, vbscript: and data: link targets but keeps the link text", () => {
    const html = hostile(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) <a href="jav&#x09;ascript:alert(1)">c</a> [d](vbscript:x) [e](data:text/html,hi) after',
    );
    expect(html).not.toMatch(/javascript|vbscript|data:|href="jav/i);
    for (const t of ["a", "b", "c", "d", "e", "after"]) expect(html).toContain(t);
  });

  it("keeps http, https, mailto, relative and #anchor links, each with rel=noopener noreferrer", () => {
    const html = hostile(
      "[h](http://a.org) [s](https://b.org/x?y=1&z=2) [m](mailto:me@c.org) [r](../other/index.html) [t](#reportables)",
    );
    expect(attributeValues(html, "a", "href")).toEqual([
      "http://a.org",
      "https://b.org/x?y=1&z=2",
      "mailto:me@c.org",
      "../other/index.html",
      "#reportables",
    ]);
    expect(attributeValues(html, "a", "rel")).toEqual(Array(5).fill("noopener noreferrer"));
  });

  it("overrides a rel or target the author wrote", () => {
    const html = hostile('<a href="https://a.org" rel="opener" target="_blank">x</a>');
    expect(attributeValues(html, "a", "rel")).toEqual(["noopener noreferrer"]);
    expect(html).not.toContain("target");
  });

  it("turns remote Markdown images into links and loads nothing from outside", () => {
    const html = hostile("![chart](https://cdn.example/chart.png) and ![](http://x.example/a.gif)");
    expect(html).not.toContain("<img");
    expect(attributeValues(html, "a", "href")).toEqual(["https://cdn.example/chart.png", "http://x.example/a.gif"]);
    expect(elementTexts(html, "a")).toEqual(["chart", "http://x.example/a.gif"]);
  });

  it("drops remote, protocol-relative and backslash raw-HTML images and keeps the text around them", () => {
    const html = hostile(
      'a <img src="https://t.example/p.png"> b <img src="//t.example/p.png"> c <img src=" \\\\t.example\\p.png"> d <img src="/\t/t.example/p.png"> e',
    );
    expect(html).not.toContain("<img");
    expect(html).toMatch(/a\s+b\s+c\s+d\s+e/);
  });

  it("keeps data:image sources only: not other data: URLs, and no paths, which name no file of the report", () => {
    const html = hostile(
      '![rel](plots/a.png) ![d](data:image/png;base64,iVBORw0KGgo=) ![t](data:text/html;base64,PHNjcmlwdD4=) <img src="data:text/html,x">',
    );
    expect(attributeValues(html, "img", "src")).toEqual(["data:image/png;base64,iVBORw0KGgo="]);
    expect(html).toContain("rel");
    expect(html).toContain("t");
    expect(html).not.toContain("text/html");
  });

  // Found by fixtures/hostile/xss-notes-markdown: these made a report page request files outside its folder.
  it("requests nothing outside the report: absolute, parent, encoded-parent and backslash image paths become their alt text", () => {
    const html = hostile(
      '![abs](/etc/hostname) ![up](../../../etc/hostname) ![enc](%2e%2e/%2e%2e/etc/hostname) ![bs](..\\..\\etc\\hostname) <img src="/etc/hostname"> <img src=x onerror=alert(1)> <img src="%2E%2E/x.png">',
    );
    expect(html).not.toContain("<img");
    for (const alt of ["abs", "up", "enc", "bs"]) expect(html).toContain(alt);
  });

  it("removes iframes, objects, forms, inputs, styles and style attributes", () => {
    const html = hostile(
      '<iframe src="https://e.example"></iframe><object data="x"></object><form action="https://e.example"><input name="q"><button>go</button></form><style>body{display:none}</style><p style="position:fixed">styled</p><svg><circle/></svg><base href="https://e.example/">',
    );
    expect(html).not.toMatch(/<(iframe|object|form|input|button|style|svg|base|circle)\b|style=|display:none/);
    expect(html).toContain("styled");
  });

  it("removes class names other than code languages, so notes cannot borrow the report's styles", () => {
    const html = hostile('<p class="error-box">x</p>\n\n```js\ncode\n```');
    expect(html).not.toContain("error-box");
    expect(html).toContain('class="language-js"');
  });
});

describe("isEmbeddedImageSource", () => {
  it.each([
    ["plots/a.png", false],
    ["./a.png", false],
    ["/abs/a.png", false],
    ["../a.png", false],
    ["%2e%2e/a.png", false],
    ["#frag", false],
    ["data:image/svg+xml;base64,PHN2Zz4=", true],
    ["DATA:IMAGE/png;base64,AA", true],
    ["https://x.example/a.png", false],
    ["HTTP://x.example/a.png", false],
    ["//x.example/a.png", false],
    ["\\\\x.example\\a.png", false],
    ["/\t/x.example/a.png", false],
    ["  //x.example/a.png", false],
    ["data:text/html,<b>", false],
    ["javascript:alert(1)", false],
    ["file:///etc/passwd", false],
  ])("%j is embedded: %s", (src, embedded) => {
    expect(isEmbeddedImageSource(src)).toBe(embedded);
  });
});

// Found by fixtures/hostile/huge-strings-everywhere: 10 MB of notes overflowed marked's stack and
// took the whole report down; dense emphasis markers made one build take minutes.
describe("renderMarkdown stays fast and never throws on hostile sizes", () => {
  it("cuts text past the limit at a line end and says so", () => {
    const md = "a line of notes\n".repeat(10_000);
    const html = renderMarkdown(md, { maxChars: 1_000 });
    expect(elementTexts(html, "p")[0]?.startsWith("a line of notes")).toBe(true);
    expect(html).toContain(`Showing the first 991 of 160,000 characters.`);
    expect(renderMarkdown("x\n".repeat(MARKDOWN_MAX_CHARS))).toContain("Showing the first");
  });

  it("renders 10 MB of notes as their first 50,000 characters", () => {
    const html = renderMarkdown("notes line <b>\n".repeat(700_000));
    expect(html).toContain("Showing the first 49,994 of 10,500,000 characters.");
    expect(html.length).toBeLessThan(60_000);
  });

  it("shows deep nesting and dense emphasis as plain text with a note", () => {
    for (const md of [
      "> ".repeat(20_000) + "deep",
      "> - ".repeat(5_000) + "deep",
      "*_a".repeat(10_000),
      "_a".repeat(20_000),
    ]) {
      const html = renderMarkdown(md);
      expect(html).toMatch(/<pre class="markdown-plain">/);
      expect(html).toMatch(
        /shown as plain text: (a paragraph holds [\d,]+ emphasis markers|it nests quotes or lists too deeply)/,
      );
      expect(html).not.toContain("<b>");
      expect(wellFormedProblems(html)).toEqual([]);
    }
  });

  it("renders a big table and prose full of snake_case names as Markdown", () => {
    const table = [
      "| run | model |",
      "|---|---|",
      ...Array.from({ length: 2_000 }, (_, i) => `| run_name_${i}_x | model_a_b_c **${i}** |`),
    ].join("\n");
    expect(renderMarkdown(table)).toContain("<td>run_name_0_x</td>");
    const prose = Array.from({ length: 600 }, (_, i) => `the value of snake_case_name_${i} was fine.`).join(" ");
    expect(renderMarkdown(prose)).not.toContain("markdown-plain");
  });

  it("still renders ordinary emphasis, and long prose with snake_case names, as Markdown", () => {
    const prose = Array.from({ length: 40 }, (_, i) => `Run *${i}* of snake_case_name was **fine**.`).join(" ");
    const html = renderMarkdown(prose);
    expect(html).toContain("<em>0</em>");
    expect(html).not.toContain("markdown-plain");
  });
});
