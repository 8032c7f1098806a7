/**
 * SVG files of figure and image reportables, made inert before they are published. The report
 * shows them with `<img>`, which never runs script, but the file itself sits in the site: a reader
 * who opens `reportables/plot.svg` directly (or a link shared to it) would run its script with the
 * site's origin, and fetch whatever it names. So only static graphics survive: an allow-list of
 * SVG elements, no event handlers, no links or references but `#fragment`s and embedded
 * `data:image/` rasters, no styles that load anything.
 */
import sanitizeHtml from "../sanitizer.js";

/** Static SVG elements (shapes, text, paint servers, clipping, filters). No script, foreignObject, animation or iframe. */
const SVG_ELEMENTS = [
  "svg", "g", "defs", "symbol", "use", "title", "desc", "switch",
  "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
  "text", "tspan", "textPath", "a", "image", "style",
  "clipPath", "mask", "pattern", "marker", "linearGradient", "radialGradient", "stop",
  "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
  "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
  "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode",
  "feMorphology", "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
];

/** Attributes that hold a URL the browser follows or fetches. */
const LINK_ATTRIBUTES = new Set(["href", "xlink:href", "src"]);

/** A raster or SVG image embedded in the file itself: shown without any request. */
const EMBEDDED_IMAGE = /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i;

/** CSS that loads something (`url()` not pointing at `#id`, `@import`) or runs something (old IE). */
const ACTIVE_CSS = /url\(\s*(?!['"]?#)|@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding/i;

/** Keeps an attribute only when it can neither run script nor load anything. */
function safeAttribute(name: string, value: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith("on") || lower === "xml:base") return false;
  if (LINK_ATTRIBUTES.has(lower)) return value.trim().startsWith("#") || EMBEDDED_IMAGE.test(value.trim());
  return !ACTIVE_CSS.test(value);
}

const OPTIONS: sanitizeHtml.IOptions = {
  parser: { xmlMode: true },
  allowedTags: SVG_ELEMENTS,
  // Attributes are judged one by one below; sanitize-html's own URL check would refuse data: images.
  allowedAttributes: false,
  allowedSchemesAppliedToAttributes: [],
  // `style` elements are kept (plots use them for line joins), but only when they load nothing.
  allowVulnerableTags: true,
  disallowedTagsMode: "discard",
  nonTextTags: ["script", "style", "textarea", "option", "foreignObject", "noscript"],
  transformTags: {
    "*": (tagName, attribs) => ({ tagName, attribs: Object.fromEntries(Object.entries(attribs).filter(([n, v]) => safeAttribute(n, v))) }),
  },
  exclusiveFilter: (frame) => frame.tag === "style" && ACTIVE_CSS.test(frame.text),
};

/**
 * Returns `svg` with only static graphics left (see the module comment). Deterministic. Text that
 * is not an SVG document comes back without any markup, so it shows as a broken image, inertly.
 */
export function sanitizeSvg(svg: string): string {
  const clean = sanitizeHtml(svg, OPTIONS).trim();
  return clean.startsWith("<svg") ? `${clean}\n` : "";
}
