/**
 * Issue 12, point 3: a published SVG file, opened on its own (no page CSP), loads and runs nothing:
 * namespace prefixes other than xlink:, CSS escapes in <style> and style=, and CSS functions other
 * than url( are caught; a huge or deeply nested file fails fast with a clear error.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.js";
import { cssRefs, isInertCss } from "../../src/render/markup/cssRefs.js";
import { sanitizeSvg, SVG_LIMITS, SvgRefusedError } from "../../src/render/reportables/svgFile.js";

const HEAD = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:x="http://www.w3.org/1999/xlink" xmlns:l="http://www.w3.org/1999/xlink" width="40" height="20" viewBox="0 0 40 20">`;

/** Anything in `out` that could reach another host. */
function outside(out: string): string[] {
  return [...out.matchAll(/evil[^"'\s)<]*/g)].map((m) => m[0]);
}

describe("sanitizeSvg", () => {
  it.each([
    [
      "an image href with a namespace prefix other than xlink:",
      `<image x:href="http://evil/a.png" width="4" height="4"/><use l:href="http://evil/b.svg#x"/>`,
    ],
    [
      "a <style> url( written with a CSS escape",
      `<style>rect{fill:\\75 rl(http://evil/c.png)}</style><rect width="4" height="4"/>`,
    ],
    ["a style= url( written with a CSS escape", `<rect width="4" height="4" style="fill:\\75 rl(http://evil/d.png)"/>`],
    ["image-set() in style=", `<rect width="4" height="4" style="fill: image-set('http://evil/e.png' 1x)"/>`],
    ["@import in <style>, escaped", `<style>@\\69mport "http://evil/f.css";</style>`],
    ["a presentation attribute with an escaped url(", `<rect width="4" height="4" fill="\\75 rl(http://evil/g.png)"/>`],
    [
      "a quoted url() to another host in a filter",
      `<rect width="4" height="4" filter="url( 'http://evil/h.svg#f' )"/>`,
    ],
    [
      "script, handlers, foreignObject and a javascript: link",
      `<script>fetch("http://evil/i")</script><rect onclick="x()" width="4" height="4"/><foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="http://evil/j"/></foreignObject><a x:href="javascript:fetch('http://evil/k')"><text>t</text></a>`,
    ],
  ])("drops %s", (_, body) => {
    const out = sanitizeSvg(`${HEAD}${body}</svg>`);
    expect(out.startsWith("<svg")).toBe(true);
    expect(outside(out)).toEqual([]);
    expect(out).not.toMatch(/<script|onclick|javascript:|foreignObject|iframe/i);
  });

  it("keeps static graphics: camel-case elements, fragment references, embedded images, inert styles", () => {
    const body = `<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient><clipPath id="c"><rect width="5" height="5"/></clipPath><path id="m" d="M0 0L1 1"/></defs><style>path{stroke-linejoin:round;fill:rgb(1,2,3)}</style><use xlink:href="#m" x="3"/><image href="data:image/png;base64,iVBORw0KGgo=" width="4" height="4"/><rect width="40" height="20" fill="url(#g)" clip-path="url(#c)"/><filter id="f"><feGaussianBlur stdDeviation="2"/></filter><text x="1" y="2">a &amp; b</text>`;
    const out = sanitizeSvg(`${HEAD}${body}</svg>`);
    for (const kept of [
      "<linearGradient",
      "<clipPath",
      'viewBox="0 0 40 20"',
      "stdDeviation",
      'xlink:href="#m"',
      "data:image/png",
      'fill="url(#g)"',
      "stroke-linejoin:round",
      "a &amp; b",
    ])
      expect(out).toContain(kept);
  });

  it("keeps a <style> and text written as CDATA (Inkscape writes them so), still checking the CSS", () => {
    const kept = sanitizeSvg(
      `${HEAD}<style type="text/css"><![CDATA[ .a > rect { fill: red } ]]></style><text><![CDATA[a < b]]></text></svg>`,
    );
    expect(kept).toContain(".a &gt; rect { fill: red }");
    expect(kept).toContain("<text>a &lt; b</text>");
    const loads = sanitizeSvg(
      `${HEAD}<style><![CDATA[ rect { fill: url(http://evil/l.png) } ]]></style><rect width="4" height="4"/></svg>`,
    );
    expect(outside(loads)).toEqual([]);
  });

  it("is deterministic, and gives nothing for a file that is not well-formed SVG", () => {
    const svg = `${HEAD}<rect width="4" height="4"/></svg>`;
    expect(sanitizeSvg(svg)).toBe(sanitizeSvg(svg));
    expect(sanitizeSvg("<html><body><script>x()</script></body></html>")).toBe("");
    expect(sanitizeSvg(`${HEAD}<rect></svg>`)).toBe("");
  });

  it("refuses a deeply nested or huge file fast, naming it", () => {
    const deep = `${HEAD}${"<g>".repeat(100_000)}${"</g>".repeat(100_000)}</svg>`;
    const started = performance.now();
    expect(() => sanitizeSvg(deep, "reportables/deep.svg")).toThrow(SvgRefusedError);
    expect(() => sanitizeSvg(deep, "reportables/deep.svg")).toThrow(
      /reportables\/deep\.svg nests elements more than 200 deep/,
    );
    expect(() => sanitizeSvg(`${HEAD}${"<rect/>".repeat(SVG_LIMITS.elements + 1)}</svg>`, "wide.svg")).toThrow(
      /wide\.svg has more than/,
    );
    expect(() => sanitizeSvg(`${HEAD}<desc>${"x".repeat(SVG_LIMITS.bytes)}</desc></svg>`, "big.svg")).toThrow(
      /big\.svg is \d+\.\d MiB/,
    );
    // Not a timing assertion of speed, a guard against the old behaviour of tens of seconds.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

/**
 * A figure as matplotlib 3.6 writes it with `savefig("fit.svg")` (its paths shortened): XML
 * declaration, DOCTYPE, xlink bound before the default namespace, RDF metadata, a `<style>`,
 * markers drawn by `<use xlink:href="#…">` and clipped by a `clipPath` defined at the end.
 */
const MATPLOTLIB_SVG = `<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="72pt" height="72pt" viewBox="0 0 72 72" xmlns="http://www.w3.org/2000/svg" version="1.1">
 <metadata>
  <rdf:RDF xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
   <cc:Work>
    <dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage"/>
    <dc:format>image/svg+xml</dc:format>
    <dc:creator><cc:Agent><dc:title>Matplotlib v3.6.3, https://matplotlib.org/</dc:title></cc:Agent></dc:creator>
   </cc:Work>
  </rdf:RDF>
 </metadata>
 <defs>
  <style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>
 </defs>
 <g id="figure_1">
  <g id="patch_1">
   <path d="M 0 72 \nL 72 72 \nL 72 0 \nL 0 0 \nz\n" style="fill: #ffffff"/>
  </g>
  <g id="axes_1">
   <g id="line2d_1">
    <path d="M 11.536364 61.56 \nL 62.263636 11.16 \n" clip-path="url(#p0c63e0dfb6)" style="fill: none; stroke: #1f77b4; stroke-width: 1.5; stroke-linecap: square"/>
    <defs>
     <path id="m0ee930eb68" d="M 0 3 \nC 0.795609 3 1.55874 2.683901 2.12132 2.12132 \nC 2.683901 1.55874 3 0.795609 3 0 \nC 3 -0.795609 2.683901 -1.55874 2.12132 -2.12132 \nC 1.55874 -2.683901 0.795609 -3 0 -3 \nC -0.795609 -3 -1.55874 -2.683901 -2.12132 -2.12132 \nC -2.683901 -1.55874 -3 -0.795609 -3 0 \nC -3 0.795609 -2.683901 1.55874 -2.12132 2.12132 \nC -1.55874 2.683901 -0.795609 3 0 3 \nz\n" style="stroke: #1f77b4"/>
    </defs>
    <g clip-path="url(#p0c63e0dfb6)">
     <use xlink:href="#m0ee930eb68" x="11.536364" y="61.56" style="fill: #1f77b4; stroke: #1f77b4"/>
     <use xlink:href="#m0ee930eb68" x="62.263636" y="11.16" style="fill: #1f77b4; stroke: #1f77b4"/>
    </g>
   </g>
   <g id="patch_3">
    <path d="M 9 64.08 \nL 9 8.64 \n" style="fill: none; stroke: #000000; stroke-width: 0.8; stroke-linejoin: miter; stroke-linecap: square"/>
   </g>
   <g id="text_1">
    <!-- 1 -->
    <g transform="translate(33.0825 2.64) scale(0.12 -0.12)">
     <defs>
      <path id="DejaVuSans-31" d="M 794 531 \nL 1825 531 \nL 1825 4091 \nL 703 3866 \nL 703 4441 \nL 1819 4666 \nL 2450 4666 \nL 2450 531 \nL 3481 531 \nL 3481 0 \nL 794 0 \nL 794 531 \nz\n" transform="scale(0.015625)"/>
     </defs>
     <use xlink:href="#DejaVuSans-31"/>
    </g>
   </g>
  </g>
 </g>
 <defs>
  <clipPath id="p0c63e0dfb6">
   <rect x="9" y="8.64" width="55.8" height="55.44"/>
  </clipPath>
 </defs>
</svg>
`;

describe("sanitizeSvg on a real matplotlib figure, in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("keeps it a loadable image that draws the same pixels, its references and style intact", async () => {
    const out = sanitizeSvg(MATPLOTLIB_SVG);
    const page = await browser.newPage();
    try {
      const facts = await page.evaluate(
        async ([original, cleaned]) => {
          const doc = new DOMParser().parseFromString(cleaned, "image/svg+xml");
          const root = doc.documentElement;
          const ids = new Set(Array.from(doc.querySelectorAll("[id]"), (e) => e.id));
          const refs = [
            ...Array.from(
              doc.querySelectorAll("use"),
              (u) => u.getAttributeNS("http://www.w3.org/1999/xlink", "href") ?? "none",
            ),
            ...Array.from(
              doc.querySelectorAll("[clip-path]"),
              (e) => /^url\(#([^)]+)\)$/.exec(e.getAttribute("clip-path") ?? "")?.[1] ?? "none",
            ).map((id) => `#${id}`),
          ];
          /** Loads `svg` as an <img> (as the report shows it) and returns its size and pixels. */
          const draw = async (svg: string) => {
            const img = new Image();
            img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
            await img.decode().catch(() => undefined);
            const canvas = document.createElement("canvas");
            canvas.width = 96;
            canvas.height = 96;
            const ctx = canvas.getContext("2d");
            if (img.naturalWidth === 0 || !ctx) return { width: img.naturalWidth, pixels: "" };
            ctx.drawImage(img, 0, 0);
            return { width: img.naturalWidth, pixels: Array.from(ctx.getImageData(0, 0, 96, 96).data).join(",") };
          };
          const [theirs, ours] = [await draw(original), await draw(cleaned)];
          return {
            root: `${root.namespaceURI} ${root.localName}`,
            errors: doc.getElementsByTagName("parsererror").length,
            missing: refs.filter((ref) => !ids.has(ref.slice(1))),
            refs: refs.length,
            style: doc.querySelector("style")?.textContent,
            width: ours.width,
            samePixels: ours.pixels === theirs.pixels,
            blue: ours.pixels.includes("31,119,180,255"),
          };
        },
        [MATPLOTLIB_SVG, out] as const,
      );
      expect(facts).toEqual({
        root: "http://www.w3.org/2000/svg svg",
        errors: 0,
        missing: [],
        refs: 5,
        style: "*{stroke-linejoin: round; stroke-linecap: butt}",
        width: 96,
        samePixels: true,
        blue: true,
      });
      expect(out).toMatch(/^<svg [^>]*width="72pt" height="72pt" viewBox="0 0 72 72"/);
      expect(out).not.toMatch(/<!DOCTYPE|<\?xml|rdf:|<!--/);
    } finally {
      await page.close();
    }
  });
});

describe("cssRefs", () => {
  it("reads URLs and functions as a browser does, escapes included", () => {
    expect(
      cssRefs(`a{b:\\75 rl(x\\).png)} @import "y.css"; c{d:image-set("z" 1x); e:URL( "w" ); f:url(#id)} /* url(no) */`),
    ).toEqual([
      { kind: "url", value: "x).png" },
      { kind: "url", value: "y.css" },
      { kind: "function", value: "image-set" },
      { kind: "url", value: "w" },
      { kind: "url", value: "#id" },
    ]);
    expect(isInertCss("rect{fill:url(#g);stroke:rgb(0,0,0)}")).toBe(true);
    expect(isInertCss("rect{fill:u\\rl(http://x)}")).toBe(false);
  });
});
