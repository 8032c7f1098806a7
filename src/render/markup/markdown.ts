/**
 * Markdown → safe HTML for run notes and markdown reportables: marked (GFM) renders, then
 * sanitize-html keeps an allow-list. Nothing in the output can run script, restyle the page, or
 * make the report fetch anything from outside (no remote images): a report opens offline and leaks
 * no reader's visit to a third party.
 */
import { createRequire } from "node:module";
import type * as MarkedModule from "marked";
import type { Marked, Tokens } from "marked";
import sanitizeHtml from "./sanitizer.js";
import { renderCaches } from "../renderCaches.js";
import { groupDigits } from "../../util/clip.js";
import { escapeHtml, showControlChars } from "../../util/escape.js";

/** Tags Markdown may produce: text structure only. No script, style, iframe, form, input, svg, object. */
const ALLOWED_TAGS = [
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "p",
  "ul",
  "ol",
  "li",
  "code",
  "pre",
  "blockquote",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "a",
  "img",
  "em",
  "strong",
  "del",
  "hr",
  "br",
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
  return (
    url
      .replace(/[\t\n\r]/g, "")
      // eslint-disable-next-line no-control-regex
      .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "")
      .replace(/\\/g, "/")
  );
}

/**
 * True for an image source the report can show without fetching anything: a `data:image/…` URL.
 * Any path is refused, relative ones too: the report copies no files for Markdown, so a path can
 * never name a file of the report, and `..`, `/etc/…` or `%2e%2e/` make the page request files
 * outside its folder (from disk, or another site's pages on a host).
 */
export function isEmbeddedImageSource(src: string): boolean {
  return /^data:image\//i.test(normaliseUrl(src));
}

/** True for an `http:`/`https:` URL, which becomes a link when used as an image source. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(normaliseUrl(url));
}

/**
 * Markdown image syntax: embedded (`data:image/`) images stay images; a remote image becomes a link
 * to it (the reader chooses to follow it); any other source keeps only its alt text.
 */
function renderImage({ href, title, text }: Tokens.Image): string {
  const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
  if (isEmbeddedImageSource(href))
    return `<img src="${escapeHtml(normaliseUrl(href))}" alt="${escapeHtml(text)}"${titleAttr}>`;
  const label = escapeHtml(text === "" ? href : text);
  if (isWebUrl(href)) return `<a href="${escapeHtml(href)}"${titleAttr}>${label}</a>`;
  return label;
}

/** GFM task-list boxes as text, since form inputs are not allowed. */
function renderCheckbox({ checked }: Tokens.Checkbox): string {
  return checked ? "☑ " : "☐ ";
}

/** A private marked instance, so other code changing marked's global defaults cannot change our output. */
function markedInstance(marked: typeof MarkedModule, breaks: boolean): Marked {
  const instance = new marked.Marked({ gfm: true, breaks, async: false });
  instance.use({ renderer: { image: renderImage, checkbox: renderCheckbox } });
  return instance;
}

/** Standard Markdown, and the variant where every newline is a line break. */
let instances: { readonly standard: Marked; readonly breaks: Marked } | undefined;

/**
 * The marked instances, made at the first Markdown rendered: loading marked costs ~40 ms, which a
 * report without Markdown (or whose Markdown is all in the render cache) never pays. marked is
 * ES modules only; Node (≥ 20.19) loads it synchronously, so rendering stays synchronous.
 */
function markedFor(breaks: boolean): Marked {
  if (instances === undefined) {
    const marked = createRequire(import.meta.url)("marked") as typeof MarkedModule;
    instances = { standard: markedInstance(marked, false), breaks: markedInstance(marked, true) };
  }
  return breaks ? instances.breaks : instances.standard;
}

/** The sanitize-html allow-list; see the module comment. */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title"],
    th: [ALIGN],
    td: [ALIGN],
    ol: ["start"],
    code: ["class"],
  },
  allowedClasses: { code: ["language-*"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["data"] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: LINK_REL } }),
    // Raw HTML images: a source that is not embedded is dropped, and the image with it (below).
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      return {
        tagName,
        attribs: src !== undefined && isEmbeddedImageSource(src) ? { ...rest, src: normaliseUrl(src) } : rest,
      };
    },
  },
  // Only `img` frames are filtered, and they never carry transform text (sanitize-html loses the
  // text after a filtered frame that had some).
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs["src"],
};

/** Longest Markdown rendered: longer text is cut at a line end, with a note (a page, not a book). */
export const MARKDOWN_MAX_CHARS = 50_000;

/**
 * Most `*` and `_` one block (text between blank lines) may hold before it is shown as plain text.
 * marked's emphasis parsing is quadratic in them: 10,000 chars of `*_a` take seconds, 100,000 take
 * minutes, so a hostile note could stall every build. Prose stays far below this.
 */
const MAX_EMPHASIS_PER_BLOCK = 500;

/** Most quote and list markers before a line's text; a few thousand overflow marked's stack. */
const MAX_NESTING_MARKERS = 100;

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Turn every single newline into `<br>` (as curifactory showed run notes); default false, standard Markdown. */
  readonly breaks?: boolean;
  /** Characters rendered before the text is cut (at a line end); default {@link MARKDOWN_MAX_CHARS}. */
  readonly maxChars?: number;
}

/** Rendered Markdown, and what was done to keep it fast and safe. */
export interface MarkdownParts {
  /** Sanitized HTML of the (possibly shortened) Markdown, or the escaped text in `<pre>` when shown plain. */
  readonly html: string;
  /** Set when the text was cut: characters shown and in all. */
  readonly shortened: { readonly shown: number; readonly total: number } | null;
  /** Set when the Markdown was shown as plain text instead, saying why. */
  readonly plainReason: string | null;
}

/**
 * Renders Markdown (GFM) to sanitized HTML. Allowed: headings, paragraphs, lists, code, quotes,
 * tables, links (http, https, mailto, relative, #anchor; with `rel="noopener noreferrer"`), images
 * with a `data:image/` source, emphasis, rules and breaks. Text past `maxChars` is cut with a note;
 * Markdown too deeply nested or too dense with emphasis markers to render quickly is shown as
 * plain text with a note. Deterministic, and never throws.
 */
export function renderMarkdown(md: string, options: MarkdownOptions = {}): string {
  const parts = renderMarkdownParts(md, options);
  return parts.html + markdownNotes(parts);
}

/**
 * {@link renderMarkdown} without the notes, for callers that place them. With the render caches
 * on, a text rendered before with the same options is taken from the cache, and neither marked
 * nor sanitize-html is loaded.
 */
export function renderMarkdownParts(md: string, options: MarkdownOptions = {}): MarkdownParts {
  const cache = renderCaches().markdown;
  if (cache === null) return renderParts(md, options);
  const input = `${options.breaks === true ? "breaks" : "standard"} ${options.maxChars ?? MARKDOWN_MAX_CHARS}\n${md}`;
  const stored = cache.through(input, () => JSON.stringify(renderParts(md, options)));
  return readParts(stored) ?? renderParts(md, options);
}

/** Parts stored by {@link renderMarkdownParts}, or null when the text is not such parts (never trusted blindly). */
function readParts(text: string): MarkdownParts | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The entry's digest matched, so only another version's parts get here: render again.
    return null;
  }
  const parts = value as Partial<MarkdownParts> | null;
  const shortened = parts?.shortened;
  const okShortened =
    shortened === null ||
    (typeof shortened === "object" && typeof shortened?.shown === "number" && typeof shortened.total === "number");
  if (typeof parts?.html !== "string" || !okShortened) return null;
  if (parts.plainReason !== null && typeof parts.plainReason !== "string") return null;
  return {
    html: parts.html,
    shortened: shortened === null ? null : { shown: shortened.shown, total: shortened.total },
    plainReason: parts.plainReason,
  };
}

/** Renders the parts (see {@link renderMarkdown}). */
function renderParts(md: string, options: MarkdownOptions): MarkdownParts {
  const max = options.maxChars ?? MARKDOWN_MAX_CHARS;
  let text = md;
  let shortened: MarkdownParts["shortened"] = null;
  if (md.length > max) {
    // Cut at the last line end so the cut cannot leave half a construct (an open fence stays open harmlessly).
    const lineEnd = md.lastIndexOf("\n", max);
    text = md.slice(0, lineEnd > 0 ? lineEnd : safeCut(md, max));
    shortened = { shown: text.length, total: md.length };
  }
  const reason = tooComplex(text);
  if (reason !== null) return { html: plain(text), shortened, plainReason: reason };
  try {
    const html = markedFor(options.breaks === true).parse(text, { async: false });
    return { html: sanitizeHtml(html, SANITIZE_OPTIONS), shortened, plainReason: null };
  } catch (error) {
    // A stack overflow on nesting the pre-check missed, or a marked bug: the text is still worth showing.
    return {
      html: plain(text),
      shortened,
      plainReason: `it could not be rendered (${error instanceof Error ? error.name : "error"})`,
    };
  }
}

/** The visible notes for a shortened or plain-text rendering ("" when neither happened). */
export function markdownNotes(parts: MarkdownParts): string {
  const notes: string[] = [];
  if (parts.shortened !== null)
    notes.push(
      `Showing the first ${groupDigits(parts.shortened.shown)} of ${groupDigits(parts.shortened.total)} characters.`,
    );
  if (parts.plainReason !== null) notes.push(`This Markdown is shown as plain text: ${parts.plainReason}.`);
  return notes.map((n) => `<p class="shortened-note">${escapeHtml(n)}</p>`).join("");
}

/** Why `md` should not go through marked, or null when it can. */
function tooComplex(md: string): string | null {
  for (const block of md.split(/\n[ \t]*\n/)) {
    const markers = emphasisMarkers(block);
    if (markers > MAX_EMPHASIS_PER_BLOCK)
      return `a paragraph holds ${groupDigits(markers)} emphasis markers (* and _), too many to render quickly`;
  }
  for (const line of md.split("\n")) {
    const prefix = /^(?:[ \t>*+-]|\d{1,9}[.)])*/.exec(line)?.[0] ?? "";
    if (prefix.replace(/[ \t]/g, "").length > MAX_NESTING_MARKERS) return "it nests quotes or lists too deeply";
  }
  return null;
}

/**
 * The `*` and `_` of a block that marked may try to pair up. Not counted: `_` inside a short
 * word (`snake_case_name` cannot open emphasis, and costs nothing), and anything in a table row
 * beyond its own count (cells are parsed one by one, so the worst row is what matters).
 */
function emphasisMarkers(block: string): number {
  let prose = 0;
  let worstRow = 0;
  for (const line of block.split("\n")) {
    let count = 0;
    for (const word of line.match(/\S+/g) ?? []) {
      const stars = word.split("*").length - 1;
      const underscores =
        word.length > 64
          ? word.split("_").length - 1
          : (word.match(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g) ?? []).length;
      count += stars + underscores;
    }
    if (/^\s*\|/.test(line)) worstRow = Math.max(worstRow, count);
    else prose += count;
  }
  return Math.max(prose, worstRow);
}

/** Text as an escaped `<pre>`, the fallback that always shows everything. */
function plain(text: string): string {
  return `<pre class="markdown-plain">${escapeHtml(showControlChars(text))}</pre>\n`;
}

/** `max`, moved back one when it would split a surrogate pair. */
function safeCut(text: string, max: number): number {
  const last = text.charCodeAt(max - 1);
  return last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
}
