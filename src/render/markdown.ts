/**
 * Markdown → safe HTML for run notes and markdown reportables: marked (GFM) renders, then
 * sanitize-html keeps an allow-list. Nothing in the output can run script, restyle the page, or
 * make the report fetch anything from outside (no remote images): a report opens offline and leaks
 * no reader's visit to a third party.
 */
import { Marked } from "marked";
import type { Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { escapeHtml } from "../util/escape.js";

/** Tags Markdown may produce: text structure only. No script, style, iframe, form, input, svg, object. */
const ALLOWED_TAGS = [
  "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "code", "pre", "blockquote",
  "table", "thead", "tbody", "tr", "th", "td", "a", "img", "em", "strong", "del", "hr", "br",
];

/** GFM table alignment, the only value an `align` attribute may have. */
const ALIGN = { name: "align", multiple: false, values: ["left", "right", "center"] };

/** `rel` on every link: a linked page gets no handle on the report and no referrer. */
const LINK_REL = "noopener noreferrer";

/**
 * Normalises a URL the way browsers read it before resolving (tabs and newlines removed, outer
 * spaces and controls trimmed, `\` as `/`), so the check below sees what a browser would fetch.
 */
function normaliseUrl(url: string): string {
  return url
    .replace(/[\t\n\r]/g, "")
    // eslint-disable-next-line no-control-regex
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "")
    .replace(/\\/g, "/");
}

/** True for an image source that makes no outside request: a relative path or a `data:image/…` URL. */
export function isLocalImageSource(src: string): boolean {
  const url = normaliseUrl(src);
  if (/^data:image\//i.test(url)) return true;
  if (url.startsWith("//")) return false;
  return !/^[a-z][a-z0-9+.-]*:/i.test(url);
}

/** True for an `http:`/`https:` URL, which becomes a link when used as an image source. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(normaliseUrl(url));
}

/**
 * Markdown image syntax: local images stay images; a remote image becomes a link to it (the reader
 * chooses to follow it); any other source keeps only its alt text.
 */
function renderImage({ href, title, text }: Tokens.Image): string {
  const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
  if (isLocalImageSource(href)) return `<img src="${escapeHtml(normaliseUrl(href))}" alt="${escapeHtml(text)}"${titleAttr}>`;
  const label = escapeHtml(text === "" ? href : text);
  if (isWebUrl(href)) return `<a href="${escapeHtml(href)}"${titleAttr}>${label}</a>`;
  return label;
}

/** GFM task-list boxes as text, since form inputs are not allowed. */
function renderCheckbox({ checked }: Tokens.Checkbox): string {
  return checked ? "☑ " : "☐ ";
}

/** A private marked instance, so other code changing marked's global defaults cannot change our output. */
function markedInstance(breaks: boolean): Marked {
  const instance = new Marked({ gfm: true, breaks, async: false });
  instance.use({ renderer: { image: renderImage, checkbox: renderCheckbox } });
  return instance;
}

/** Standard Markdown, and the variant where every newline is a line break. */
const MARKED = { standard: markedInstance(false), breaks: markedInstance(true) };

/** The sanitize-html allow-list; see the module comment. */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ["href", "title", "rel"], img: ["src", "alt", "title"], th: [ALIGN], td: [ALIGN], ol: ["start"], code: ["class"] },
  allowedClasses: { code: ["language-*"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["data"] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: LINK_REL } }),
    // Raw HTML images: a non-local source is dropped, and the image with it (below).
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      return { tagName, attribs: src !== undefined && isLocalImageSource(src) ? { ...rest, src: normaliseUrl(src) } : rest };
    },
  },
  // Only `img` frames are filtered, and they never carry transform text (sanitize-html loses the
  // text after a filtered frame that had some).
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs["src"],
};

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Turn every single newline into `<br>` (as curifactory showed run notes); default false, standard Markdown. */
  readonly breaks?: boolean;
}

/**
 * Renders Markdown (GFM) to sanitized HTML. Allowed: headings, paragraphs, lists, code, quotes,
 * tables, links (http, https, mailto, relative, #anchor; with `rel="noopener noreferrer"`), images
 * with a relative or `data:image/` source, emphasis, rules and breaks. Deterministic.
 */
export function renderMarkdown(md: string, options: MarkdownOptions = {}): string {
  const html = (options.breaks === true ? MARKED.breaks : MARKED.standard).parse(md, { async: false });
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}
