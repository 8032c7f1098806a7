import { describe, expect, it } from "vitest";
import { attr, metaRefreshUrl, scanCssUrls, scanHtml, srcsetUrls } from "../../src/site/htmlScan.js";
import { classifyUrl, htmlIds, htmlRefs } from "../../src/site/siteRefs.js";

describe("scanHtml", () => {
  it("reads double-, single- and unquoted values, decoding entities, first duplicate winning", () => {
    const [tag] = scanHtml(`<A HREF="a&amp;b.html" title='it&#39;s "x"' data-x=plain&lt;1 href="second" hidden>`);
    expect(tag?.name).toBe("a");
    expect(attr(tag!, "href")).toBe("a&b.html");
    expect(attr(tag!, "title")).toBe(`it's "x"`);
    expect(attr(tag!, "data-x")).toBe("plain<1");
    expect(attr(tag!, "hidden")).toBe("");
    expect(tag?.attrs.filter((a) => a.name === "href")).toHaveLength(1);
  });

  it("keeps source offsets of raw values so pages can be rewritten in place", () => {
    const html = `<img alt="x" src='pic.png'>`;
    const a = scanHtml(html)[0]?.attrs.find((x) => x.name === "src");
    expect(html.slice(a!.valueStart, a!.valueEnd)).toBe("pic.png");
  });

  it("skips comments, doctype, and the content of script and style", () => {
    const html = `<!DOCTYPE html><!-- <img src="c.png"> --><script>var s = "<img src='s.png'>";</script><style>p{}</style><p id=real>`;
    const names = scanHtml(html)
      .filter((t) => !t.closing)
      .map((t) => t.name);
    expect(names).toEqual(["script", "style", "p"]);
    const script = scanHtml(html)[0];
    expect(html.slice(script!.text!.start, script!.text!.end)).toBe(`var s = "<img src='s.png'>";`);
  });

  it("finds ids inside inline SVG, skipping CDATA there", () => {
    const html = `<svg><title>t</title><![CDATA[ <g id="fake"> ]]><g id="node1"><a xlink:href="#x"><text>a</text></a></g></svg><a name="legacy"></a>`;
    expect([...htmlIds(html)]).toEqual(["node1", "legacy"]);
  });

  it("treats title as raw text in HTML but not in SVG", () => {
    expect([...htmlIds(`<title><b id="no"></b></title><svg><title>x</title><g id="yes"/></svg>`)]).toEqual(["yes"]);
  });

  it("survives an unterminated tag and a lone `<`, as a browser does (a tag cut off by the end of the file is no tag)", () => {
    expect(
      scanHtml("a < b <img src=x> <img src=y")
        .filter((t) => t.name === "img")
        .map((t) => attr(t, "src")),
    ).toEqual(["x"]);
  });
});

describe("scanCssUrls", () => {
  it("finds quoted, unquoted and @import URLs, ignoring comments", () => {
    const css = `/* url(no.png) */ a{background:url( "a b.png" )} b{mask:url(c\\29 .svg)} @import 'd.css'; i{x:URL(e.png)}`;
    expect(scanCssUrls(css).map((u) => u.url)).toEqual(["a b.png", "c).svg", "d.css", "e.png"]);
  });
});

describe("srcsetUrls and metaRefreshUrl", () => {
  it("splits srcset candidates, keeping commas inside data: URLs", () => {
    expect(srcsetUrls("a.png 1x, data:image/png;base64,AAA,BBB 2x,c.png")).toEqual([
      "a.png",
      "data:image/png;base64,AAA,BBB",
      "c.png",
    ]);
  });
  it("reads the URL of a refresh", () => {
    expect(metaRefreshUrl("0; url='../run/index.html'")).toBe("../run/index.html");
    expect(metaRefreshUrl("0;URL=https://x.test")).toBe("https://x.test");
    expect(metaRefreshUrl("5")).toBeUndefined();
  });
});

describe("classifyUrl", () => {
  it.each([
    ["https://cdn.test/x.js", "outside"],
    ["//cdn.test/x.js", "outside"],
    ["\\\\server\\share\\x.png", "file-path"],
    ["/\\cdn.test/x", "outside"],
    ["C:\\Users\\me\\a.png", "file-path"],
    ["file:///tmp/a.png", "file-path"],
    ["/home/me/a.png", "file-path"],
    ["/assets/a.css", "absolute"],
    ["  java\nscript:alert(1)", "script"],
    ["data:image/png;base64,AA", "inline"],
    ["mailto:a@b.test", "harmless"],
    ["#top", "fragment"],
    ["../a/index.html?x=1#frag", "relative"],
  ])("%s is %s", (url, type) => {
    expect(classifyUrl(url).type).toBe(type);
  });
});

describe("htmlRefs", () => {
  it("tells links from fetched assets and looks inside srcdoc", () => {
    const html = `<a href="https://docs.test">d</a><link rel=stylesheet href="s.css"><img srcset="a.png 1x, b.png 2x">
      <div style="background:url(bg.png)"></div><meta http-equiv="Refresh" content="0; url=latest/index.html">
      <iframe srcdoc="&lt;img src=&quot;https://t.test/p.gif&quot;&gt;"></iframe><svg><use href="#g"/><path fill="url(#grad)"/></svg>`;
    expect(htmlRefs(html).map((r) => [r.url, r.use])).toEqual([
      ["https://docs.test", "link"],
      ["s.css", "asset"],
      ["a.png", "asset"],
      ["b.png", "asset"],
      ["bg.png", "asset"],
      ["latest/index.html", "redirect"],
      ["https://t.test/p.gif", "asset"],
      ["#g", "asset"],
      ["#grad", "asset"],
    ]);
  });
});
