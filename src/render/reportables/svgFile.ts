/**
 * SVG files of figure and image reportables, made inert before they are published. The report
 * shows them with `<img>`, which never runs script or loads anything, but the file itself sits in
 * the site: a reader who opens `reportables/plot.svg` directly (or a link shared to it) gets it as
 * a document of its own, where no page CSP applies. So only static graphics survive.
 *
 * The file is parsed as XML (as a browser parses a standalone SVG: namespace prefixes mean what
 * they are bound to) by jsdom, and cleaned by DOMPurify, a maintained sanitizer, with our allow-list
 * of static SVG elements and attributes. On top of it: no link or reference but `#fragment`s and
 * embedded `data:image/` rasters, in any namespace prefix (`x:href` bound to XLink is still an
 * href); no CSS, in `<style>`, `style=` or a presentation attribute, that loads or runs anything,
 * read with a real CSS tokenizer (escapes, `image-set()`, `@import`). A file too big or nested too
 * deep is refused up front by a streaming parser, before jsdom builds a DOM of it.
 *
 * jsdom is loaded only when a run has an SVG file: loading it costs ~0.4–0.8 s, which reports
 * without SVG files never pay.
 */
import { createRequire } from "node:module";
import type { Config, DOMPurify as Purifier, UponSanitizeAttributeHookEvent } from "dompurify";
import type * as Htmlparser2 from "htmlparser2";
import type * as JsdomModule from "jsdom";
import { CuriError } from "../../util/errors.js";
import { isInertCss } from "../markup/cssRefs.js";
import { renderCaches } from "../renderCaches.js";

/** An SVG file that cannot be published safely within the limits. Exit 4, like an invalid run. */
export class SvgRefusedError extends CuriError {
  override readonly exitCode = 4;
}

/** Limits of an SVG file we publish: beyond them, parsing and cleaning would take seconds and memory for no figure a person reads. */
export const SVG_LIMITS = { bytes: 20 * 1024 * 1024, depth: 200, elements: 250_000 } as const;

/** Static SVG elements (shapes, text, paint servers, clipping, filters), in their XML case. No script, foreignObject, animation or iframe. */
const SVG_ELEMENTS = [
  "#text",
  "svg",
  "g",
  "defs",
  "symbol",
  "use",
  "title",
  "desc",
  "switch",
  "metadata",
  "path",
  "rect",
  "circle",
  "ellipse",
  "line",
  "polyline",
  "polygon",
  "text",
  "tspan",
  "textPath",
  "a",
  "image",
  "style",
  "clipPath",
  "mask",
  "pattern",
  "marker",
  "linearGradient",
  "radialGradient",
  "stop",
  "filter",
  "feBlend",
  "feColorMatrix",
  "feComponentTransfer",
  "feComposite",
  "feConvolveMatrix",
  "feDiffuseLighting",
  "feDisplacementMap",
  "feDistantLight",
  "feDropShadow",
  "feFlood",
  "feFuncA",
  "feFuncB",
  "feFuncG",
  "feFuncR",
  "feGaussianBlur",
  "feImage",
  "feMerge",
  "feMergeNode",
  "feMorphology",
  "feOffset",
  "fePointLight",
  "feSpecularLighting",
  "feSpotLight",
  "feTile",
  "feTurbulence",
];

/** Attributes of static SVG, in their XML case (no event handlers, no `xml:base`). */
const SVG_ATTRIBUTES = [
  "id",
  "class",
  "style",
  "lang",
  "xml:space",
  "xml:lang",
  "xmlns",
  "xmlns:xlink",
  "version",
  "role",
  "aria-label",
  "aria-hidden",
  "tabindex",
  "width",
  "height",
  "x",
  "y",
  "x1",
  "y1",
  "x2",
  "y2",
  "cx",
  "cy",
  "r",
  "rx",
  "ry",
  "fx",
  "fy",
  "fr",
  "d",
  "points",
  "pathLength",
  "viewBox",
  "preserveAspectRatio",
  "transform",
  "href",
  "xlink:href",
  "xlink:title",
  "target",
  "fill",
  "fill-opacity",
  "fill-rule",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-linecap",
  "stroke-linejoin",
  "stroke-miterlimit",
  "stroke-dasharray",
  "stroke-dashoffset",
  "opacity",
  "color",
  "display",
  "visibility",
  "overflow",
  "clip",
  "clip-path",
  "clip-rule",
  "clipPathUnits",
  "mask",
  "maskUnits",
  "maskContentUnits",
  "marker-start",
  "marker-mid",
  "marker-end",
  "markerWidth",
  "markerHeight",
  "markerUnits",
  "refX",
  "refY",
  "orient",
  "font-family",
  "font-size",
  "font-style",
  "font-weight",
  "font-variant",
  "font-stretch",
  "text-anchor",
  "dominant-baseline",
  "alignment-baseline",
  "baseline-shift",
  "letter-spacing",
  "word-spacing",
  "text-decoration",
  "writing-mode",
  "direction",
  "unicode-bidi",
  "dx",
  "dy",
  "rotate",
  "textLength",
  "lengthAdjust",
  "startOffset",
  "method",
  "spacing",
  "side",
  "gradientUnits",
  "gradientTransform",
  "spreadMethod",
  "offset",
  "stop-color",
  "stop-opacity",
  "patternUnits",
  "patternContentUnits",
  "patternTransform",
  "filter",
  "filterUnits",
  "primitiveUnits",
  "in",
  "in2",
  "result",
  "mode",
  "operator",
  "k1",
  "k2",
  "k3",
  "k4",
  "values",
  "type",
  "tableValues",
  "slope",
  "intercept",
  "amplitude",
  "exponent",
  "stdDeviation",
  "edgeMode",
  "kernelMatrix",
  "order",
  "divisor",
  "bias",
  "targetX",
  "targetY",
  "preserveAlpha",
  "scale",
  "xChannelSelector",
  "yChannelSelector",
  "radius",
  "baseFrequency",
  "numOctaves",
  "seed",
  "stitchTiles",
  "flood-color",
  "flood-opacity",
  "lighting-color",
  "surfaceScale",
  "diffuseConstant",
  "specularConstant",
  "specularExponent",
  "kernelUnitLength",
  "azimuth",
  "elevation",
  "z",
  "pointsAtX",
  "pointsAtY",
  "pointsAtZ",
  "limitingConeAngle",
  "color-interpolation",
  "color-interpolation-filters",
  "shape-rendering",
  "text-rendering",
  "image-rendering",
  "vector-effect",
  "paint-order",
  "mix-blend-mode",
  "isolation",
  "requiredExtensions",
  "systemLanguage",
];

/** A raster or SVG image embedded in the file itself: shown without any request. */
const EMBEDDED_IMAGE = /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i;

/** Keeps an attribute only when it can neither run script nor load anything, whatever its prefix. */
function safeAttribute(name: string, value: string): boolean {
  const local = name.slice(name.indexOf(":") + 1).toLowerCase();
  if (local.startsWith("on") || local === "base") return false;
  if (local === "href" || local === "src") return value.trim().startsWith("#") || EMBEDDED_IMAGE.test(value.trim());
  // Any value that could hold a CSS function or escape is read as CSS (`fill="url(…)"`, `style=`).
  return !/[(\\@]/.test(value) || isInertCss(local === "style" ? value : `x{p:${value}}`);
}

/** DOMPurify and an XML parser on one jsdom window, made once per process (see the module comment for the cost). */
interface Cleaner {
  readonly purifier: Purifier;
  readonly parser: DOMParser;
}

let cleaner: Cleaner | undefined;

function loadCleaner(): Cleaner {
  if (cleaner !== undefined) return cleaner;
  const require = createRequire(import.meta.url);
  const { JSDOM } = require("jsdom") as typeof JsdomModule;
  const createPurifier = require("dompurify") as (window: unknown) => Purifier;
  const { window } = new JSDOM("");
  const made = createPurifier(window);
  made.addHook("uponSanitizeAttribute", (_node: Element, data: UponSanitizeAttributeHookEvent) => {
    if (!safeAttribute(data.attrName, data.attrValue)) data.keepAttr = false;
  });
  made.addHook("afterSanitizeElements", (node: Node) => {
    // A `<style>` that loads anything is emptied: plots keep the ones that only set paint and strokes.
    if ((node as Element).localName === "style" && !isInertCss(node.textContent ?? "")) node.textContent = "";
  });
  cleaner = { purifier: made, parser: new window.DOMParser() };
  return cleaner;
}

const OPTIONS: Config = {
  PARSER_MEDIA_TYPE: "application/xhtml+xml",
  ALLOWED_TAGS: SVG_ELEMENTS,
  ALLOWED_ATTR: SVG_ATTRIBUTES,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Embedded images stay (DOMPurify allows data: only where it is told to); our href rule keeps only data:image/.
  ADD_DATA_URI_TAGS: ["image", "feImage"],
  KEEP_CONTENT: false,
};

/**
 * Throws `SvgRefusedError` when `svg` is over the size limit or nests or counts elements beyond
 * the limits; reads it with a streaming parser that stops at the first excess.
 */
function checkLimits(svg: string, file: string): void {
  const refuse = (what: string): never => {
    throw new SvgRefusedError(
      `${file} ${what}, too much to check and publish safely; simplify the image or save it as PNG, then export the run again.`,
    );
  };
  if (svg.length > SVG_LIMITS.bytes)
    refuse(`is ${(svg.length / (1024 * 1024)).toFixed(1)} MiB (limit ${SVG_LIMITS.bytes / (1024 * 1024)} MiB)`);
  let depth = 0;
  let elements = 0;
  // A streaming parser: it holds no tree, and stops (by the throw) at the first excess.
  const { Parser } = createRequire(import.meta.url)("htmlparser2") as typeof Htmlparser2;
  const parser = new Parser(
    {
      onopentag: () => {
        depth++;
        elements++;
        if (depth > SVG_LIMITS.depth) refuse(`nests elements more than ${SVG_LIMITS.depth} deep`);
        if (elements > SVG_LIMITS.elements)
          refuse(`has more than ${SVG_LIMITS.elements.toLocaleString("en")} elements`);
      },
      onclosetag: () => {
        depth--;
      },
    },
    { xmlMode: true },
  );
  parser.end(svg);
}

/**
 * The root `<svg>` of `svg` read as a standalone SVG file, or undefined when it is not a
 * well-formed XML document whose root is an SVG-namespace `<svg>` (what a browser would not show).
 * Parsed here rather than by DOMPurify because DOMPurify wraps a string in an XHTML body before
 * parsing, where the XML declaration and `<!DOCTYPE svg …>` that matplotlib, Inkscape and others
 * write are not well-formed: every such file came back empty. The DOCTYPE is read, never fetched:
 * an internal entity is replaced by its text once, never recursively (no "billion laughs"), and a
 * file that uses an external one is refused as not well-formed.
 */
function parseSvgRoot(parser: DOMParser, svg: string): Element | undefined {
  const root = parser.parseFromString(svg, "image/svg+xml").documentElement;
  if (root.namespaceURI !== SVG_NS || root.localName !== "svg") return undefined;
  unwrapCdata(root);
  return root;
}

/** DOM nodeType of a CDATA section. */
const CDATA_SECTION_NODE = 4;

/**
 * Replaces every CDATA section under `node` by a text node of the same text. A CDATA section is
 * only another way to write text (Inkscape and others wrap `<style>` in one), but DOMPurify
 * drops the node, which emptied those stylesheets; as text it is checked like any other.
 */
function unwrapCdata(node: Node): void {
  for (const child of [...node.childNodes]) {
    const doc = child.ownerDocument;
    if (child.nodeType === CDATA_SECTION_NODE && doc !== null)
      node.replaceChild(doc.createTextNode(child.nodeValue ?? ""), child);
    else unwrapCdata(child);
  }
}

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Returns `svg` with only static graphics left (see the module comment). Deterministic. Text that
 * is not a well-formed SVG document comes back empty, so it shows as a broken image, inertly.
 * The XML declaration, DOCTYPE and comments around the root are not kept: the result is the
 * cleaned `<svg>` element, a complete SVG file on its own (UTF-8, as the report writes it).
 * Throws `SvgRefusedError` for a file beyond `SVG_LIMITS`; `file` names it in the message.
 */
export function sanitizeSvg(svg: string, file = "the SVG file"): string {
  // With the render caches on, a file cleaned before (it passed the limits then) is not read
  // again, and jsdom and DOMPurify are not loaded; a refused file is never cached.
  const cache = renderCaches().svg;
  return cache === null ? cleanSvg(svg, file) : cache.through(svg, () => cleanSvg(svg, file));
}

/** {@link sanitizeSvg} itself. */
function cleanSvg(svg: string, file: string): string {
  checkLimits(svg, file);
  const { purifier, parser } = loadCleaner();
  const root = parseSvgRoot(parser, svg);
  if (root === undefined) return "";
  const clean = purifier.sanitize(root, OPTIONS).trim();
  return clean.startsWith("<svg") ? `${clean}\n` : "";
}
