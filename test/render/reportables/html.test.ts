import { parse } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { HTML_REPORTABLE_CSP, HTML_REPORTABLE_CSP_WITH_FILES } from "../../../src/render/reportables/html.js";
import { renderReportable } from "../../../src/render/reportables/index.js";
import { context, reportable, runFile } from "./make.js";
import { attributeValues, elementTexts, wellFormedProblems } from "./htmlCheck.js";

const HOSTILE = `<h1 style="color:red">Hi</h1><script>parent.document.body.remove()</script><img src="https://tracker.example/p.png" onerror="alert(1)"><style>body{display:none}</style>`;

/** Names of every element the frame's parser (scripting disabled, as in the sandbox) makes of `doc`. */
function elementNames(doc: string): string[] {
  const names: string[] = [];
  const stack: DefaultTreeAdapterMap["parentNode"][] = [parse(doc, { scriptingEnabled: false })];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    for (const child of node.childNodes) {
      if ("tagName" in child) names.push(child.tagName);
      if ("childNodes" in child) stack.push(child);
      if ("content" in child) stack.push(child.content);
    }
  }
  return names;
}

describe("HTML reportables with plugin elements", () => {
  it.each([
    [
      "a styled <object> that would undo the frame's hiding rule",
      `<OBJECT data="x.swf" style="display:block !important">fallback text</OBJECT>`,
    ],
    ["an <embed>", `<p>a</p><embed src="y.pdf" style="display:block!important">`],
    ["tags split to join once one is removed", `<<object>object data=1><<embed>embed src=2>`],
    ["an <object> in <noscript>, markup in a frame without script", `<noscript><object data=1></object></noscript>`],
    ["an <embed> inside SVG's foreignObject", `<svg><foreignObject><embed src=1></foreignObject></svg>`],
  ])("leaves the frame no plugin element: %s", (_, source) => {
    const html = renderReportable(reportable({ kind: "html", html: source }), context()).html;
    const [srcdoc] = attributeValues(html, "iframe", "srcdoc");
    const names = elementNames(srcdoc ?? "");
    expect(names).toContain("body");
    expect(names.filter((n) => n === "object" || n === "embed")).toEqual([]);
    // The source view still shows what the reportable held.
    expect(elementTexts(html, "code")).toEqual([source]);
  });

  it("keeps what is around them, and fallback content", () => {
    const [srcdoc] = attributeValues(
      renderReportable(
        reportable({ kind: "html", html: `<p>a</p><object data="x">fallback</object><textarea><object></textarea>` }),
        context(),
      ).html,
      "iframe",
      "srcdoc",
    );
    expect(srcdoc).toContain("<p>a</p><!---->fallback</object><textarea><object></textarea>");
  });
});

describe("HTML reportables", () => {
  const html = renderReportable(reportable({ kind: "html", html: HOSTILE }, "raw"), context()).html;

  it("puts the source only inside the iframe's srcdoc and the escaped view-source block", () => {
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<style");
    expect(html).not.toContain("<h1");
    expect(wellFormedProblems(html)).toEqual([]);
    const [srcdoc] = attributeValues(html, "iframe", "srcdoc");
    expect(srcdoc?.endsWith(HOSTILE)).toBe(true);
    expect(elementTexts(html, "code")).toEqual([HOSTILE]);
  });

  it("sandboxes the iframe: same origin for measuring, but never script", () => {
    expect(attributeValues(html, "iframe", "sandbox")).toEqual(["allow-same-origin"]);
    expect(html).not.toMatch(/allow-scripts|allow-forms|allow-popups|allow-top-navigation/);
    expect(attributeValues(html, "iframe", "class")).toEqual(["html-reportable"]);
    expect(attributeValues(html, "iframe", "loading")).toEqual(["lazy"]);
    expect(attributeValues(html, "iframe", "title")).toEqual(["baseline_fit_raw"]);
    expect(Number(attributeValues(html, "iframe", "height")[0])).toBeGreaterThan(100);
  });

  it("starts the srcdoc with a CSP that forbids every outside fetch", () => {
    const [srcdoc] = attributeValues(html, "iframe", "srcdoc");
    const csp = `<meta http-equiv="Content-Security-Policy" content="${HTML_REPORTABLE_CSP}">`;
    expect(srcdoc?.indexOf(csp)).toBeGreaterThanOrEqual(0);
    expect(srcdoc?.indexOf(csp)).toBeLessThan(srcdoc?.indexOf(HOSTILE) ?? -1);
    expect(HTML_REPORTABLE_CSP).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'");
  });

  it("lets only a reportable with linked files show the report's own images", () => {
    const linked = renderReportable(
      { ...reportable({ kind: "html", html: "<img src='reportables/a.png'>" }), files: [runFile("reportables/a.png")] },
      context(),
    ).html;
    expect(attributeValues(linked, "iframe", "srcdoc")[0]).toContain(`content="${HTML_REPORTABLE_CSP_WITH_FILES}"`);
    expect(attributeValues(html, "iframe", "srcdoc")[0]).not.toContain("'self'");
  });

  it("offers the source in a closed <details>", () => {
    expect(html).toMatch(/<details class="html-source"><summary>View source<\/summary>/);
  });

  // Found by fixtures/hostile/huge-strings-everywhere: 10 MB of HTML made a 20 MB srcdoc, a 38 MB page.
  it("shortens a huge reportable in the frame and in the source alike, with a note", () => {
    const big = `<p>${"x".repeat(5000)}</p>`;
    const out = renderReportable(reportable({ kind: "html", html: big }), context({ maxTextChars: 100 })).html;
    const srcdoc = attributeValues(out, "iframe", "srcdoc")[0] ?? "";
    expect(srcdoc.endsWith(big.slice(0, 100))).toBe(true);
    expect(srcdoc).not.toContain("x".repeat(101));
    expect(elementTexts(out, "code")[0]).toHaveLength(100);
    expect(out).toContain("Showing the first 100 of 5,007 characters of the HTML.");
  });
});
