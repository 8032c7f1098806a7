/**
 * Issue 12, point 3: a published SVG file, opened on its own (no page CSP), loads and runs nothing:
 * namespace prefixes other than xlink:, CSS escapes in <style> and style=, and CSS functions other
 * than url( are caught; a huge or deeply nested file fails fast with a clear error.
 */
import { describe, expect, it } from "vitest";
import { cssRefs, isInertCss } from "../../src/render/cssRefs.js";
import { sanitizeSvg, SVG_LIMITS, SvgRefusedError } from "../../src/render/reportables/svgFile.js";

const HEAD = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:x="http://www.w3.org/1999/xlink" xmlns:l="http://www.w3.org/1999/xlink" width="40" height="20" viewBox="0 0 40 20">`;

/** Anything in `out` that could reach another host. */
function outside(out: string): string[] {
  return [...out.matchAll(/evil[^"'\s)<]*/g)].map((m) => m[0]);
}

describe("sanitizeSvg", () => {
  it.each([
    ["an image href with a namespace prefix other than xlink:", `<image x:href="http://evil/a.png" width="4" height="4"/><use l:href="http://evil/b.svg#x"/>`],
    ["a <style> url( written with a CSS escape", `<style>rect{fill:\\75 rl(http://evil/c.png)}</style><rect width="4" height="4"/>`],
    ["a style= url( written with a CSS escape", `<rect width="4" height="4" style="fill:\\75 rl(http://evil/d.png)"/>`],
    ["image-set() in style=", `<rect width="4" height="4" style="fill: image-set('http://evil/e.png' 1x)"/>`],
    ["@import in <style>, escaped", `<style>@\\69mport "http://evil/f.css";</style>`],
    ["a presentation attribute with an escaped url(", `<rect width="4" height="4" fill="\\75 rl(http://evil/g.png)"/>`],
    ["a quoted url() to another host in a filter", `<rect width="4" height="4" filter="url( 'http://evil/h.svg#f' )"/>`],
    ["script, handlers, foreignObject and a javascript: link", `<script>fetch("http://evil/i")</script><rect onclick="x()" width="4" height="4"/><foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="http://evil/j"/></foreignObject><a x:href="javascript:fetch('http://evil/k')"><text>t</text></a>`],
  ])("drops %s", (_, body) => {
    const out = sanitizeSvg(`${HEAD}${body}</svg>`);
    expect(out.startsWith("<svg")).toBe(true);
    expect(outside(out)).toEqual([]);
    expect(out).not.toMatch(/<script|onclick|javascript:|foreignObject|iframe/i);
  });

  it("keeps static graphics: camel-case elements, fragment references, embedded images, inert styles", () => {
    const body = `<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient><clipPath id="c"><rect width="5" height="5"/></clipPath><path id="m" d="M0 0L1 1"/></defs><style>path{stroke-linejoin:round;fill:rgb(1,2,3)}</style><use xlink:href="#m" x="3"/><image href="data:image/png;base64,iVBORw0KGgo=" width="4" height="4"/><rect width="40" height="20" fill="url(#g)" clip-path="url(#c)"/><filter id="f"><feGaussianBlur stdDeviation="2"/></filter><text x="1" y="2">a &amp; b</text>`;
    const out = sanitizeSvg(`${HEAD}${body}</svg>`);
    for (const kept of ["<linearGradient", "<clipPath", "viewBox=\"0 0 40 20\"", "stdDeviation", "xlink:href=\"#m\"", "data:image/png", 'fill="url(#g)"', "stroke-linejoin:round", "a &amp; b"]) expect(out).toContain(kept);
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
    expect(() => sanitizeSvg(deep, "reportables/deep.svg")).toThrow(/reportables\/deep\.svg nests elements more than 200 deep/);
    expect(() => sanitizeSvg(`${HEAD}${"<rect/>".repeat(SVG_LIMITS.elements + 1)}</svg>`, "wide.svg")).toThrow(/wide\.svg has more than/);
    expect(() => sanitizeSvg(`${HEAD}<desc>${"x".repeat(SVG_LIMITS.bytes)}</desc></svg>`, "big.svg")).toThrow(/big\.svg is \d+\.\d MiB/);
    // Not a timing assertion of speed, a guard against the old behaviour of tens of seconds.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe("cssRefs", () => {
  it("reads URLs and functions as a browser does, escapes included", () => {
    expect(cssRefs(`a{b:\\75 rl(x\\).png)} @import "y.css"; c{d:image-set("z" 1x); e:URL( "w" ); f:url(#id)} /* url(no) */`)).toEqual([
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
