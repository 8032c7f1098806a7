/**
 * SVG image files that try to load or run something when opened on their own (no page CSP, as a
 * shared link to `reportables/plot.svg` opens them), by ways a pattern-based cleaner misses:
 * namespace prefixes other than `xlink:`, CSS escapes, CSS functions other than `url(`, and a file
 * nested too deep to clean in reasonable time.
 */
import { errorCase, reportCase, type HostileCase } from "./case.js";
import { EVIL_HOST, PWN } from "./payloads.js";

const HEAD = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" xmlns:h="http://www.w3.org/1999/xhtml" width="40" height="20" viewBox="0 0 40 20">`;

/** Every SVG case. */
export function svgCases(): HostileCase[] {
  const prefixed = [
    HEAD,
    `<image x:href="${EVIL_HOST}/svg-prefixed-image.png" width="10" height="10"/>`,
    `<filter id="f"><feImage x:href="${EVIL_HOST}/svg-prefixed-feimage.png"/></filter>`,
    `<use x:href="${EVIL_HOST}/svg-prefixed-use.svg#a"/>`,
    `<a x:href="javascript:${PWN}"><rect width="40" height="20" fill="#4a90d9"/></a>`,
    `<h:img src="${EVIL_HOST}/svg-xhtml-img.png"/>`,
    "</svg>",
  ].join("\n");
  const css = [
    HEAD,
    `<style>rect { fill: \\75 rl(${EVIL_HOST}/svg-style-escaped.png); } @\\69mport "${EVIL_HOST}/svg-import.css";</style>`,
    `<style>circle { fill: image-set("${EVIL_HOST}/svg-image-set.png" 1x); stroke: u\\72 l("${EVIL_HOST}/svg-style-quoted.png"); }</style>`,
    `<rect width="40" height="20" style="fill: \\75 rl(${EVIL_HOST}/svg-attr-escaped.png)"/>`,
    `<rect width="10" height="10" style="background-image: image-set('${EVIL_HOST}/svg-attr-image-set.png' 1x)"/>`,
    `<rect width="10" height="10" fill="\\75 rl(${EVIL_HOST}/svg-fill-escaped.png)" cursor="url(${EVIL_HOST}/svg-cursor.cur), auto"/>`,
    `<circle cx="5" cy="5" r="4"/>`,
    "</svg>",
  ].join("\n");
  const deep = `${HEAD}${"<g>".repeat(2000)}<rect width="1" height="1"/>${"</g>".repeat(2000)}</svg>\n`;
  return [
    reportCase(
      "svg-namespace-prefix-links",
      {
        description:
          "an SVG image whose links use namespace prefixes other than xlink: (x:href on image, feImage and use; an XHTML img): opened on its own, it fetches nothing",
        texts: ["base_fit_bars"],
        bug: "the SVG cleaner looked for href and xlink:href by name, so x:href bound to the XLink namespace fetched from another host when the file was opened directly; fixed in src/render/reportables/svgFile.ts (DOMPurify on jsdom's XML parser, with our allow-list on top)",
      },
      () => undefined,
      [["reportables/fit_bars.svg", prefixed]],
    ),
    reportCase(
      "svg-css-escapes-and-functions",
      {
        description:
          "an SVG image whose <style> and style= load through CSS escapes (\\75 rl(, @\\69mport) and functions other than url( (image-set): opened on its own, it fetches nothing",
        texts: ["base_fit_bars"],
        bug: "CSS in SVG was checked with a pattern for url( and @import, which escapes and image-set() pass; fixed in src/render/markup/cssRefs.ts (css-tree's tokenizer) used by src/render/reportables/svgFile.ts",
      },
      () => undefined,
      [["reportables/fit_bars.svg", css]],
    ),
    errorCase(
      "svg-deeply-nested",
      {
        description:
          "an SVG image nested 2,000 elements deep: refused at once with the file named, instead of seconds of parsing",
        error: "SvgRefusedError",
        exit: 4,
        message_includes: ["fit_bars.svg nests elements more than 200 deep"],
      },
      () => undefined,
      [["reportables/fit_bars.svg", deep]],
    ),
  ];
}
