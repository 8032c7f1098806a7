/**
 * A file a reportable links that a browser would open as a page of its own (a plotly `write_html`
 * page, an `.xhtml`, an `.xml` with XHTML in it: see site/linkedMarkup.ts) is not copied as it is:
 * opened from disk, from `serve` or from GitHub Pages, its scripts would run with the site's origin,
 * which on Pages (`<owner>.github.io`) every project site of the owner shares. In its place the
 * report writes this page, under the same name so the reportable's links still lead to it: the
 * file's document in an `<iframe sandbox="allow-same-origin" srcdoc>`, no `allow-scripts`, under
 * a Content-Security-Policy of its own and the wrapper's (inherited by the frame). The frame's
 * sandbox and policy are what contain it, enforced by the browser on the bytes it parses; so
 * nothing here has to read the file as a browser would (no parser of ours between the file and
 * containment, for HTML, XHTML or any XML type a host may serve it as).
 *
 * Why not the other ways: sanitizing would need a sanitizer for each dialect a host may serve the
 * name as, each a parser differential away from a bypass, and a plotly page sanitized shows as
 * little as one framed; serving as text/plain is not ours to choose on GitHub Pages or from disk
 * (the extension decides), and a renamed file breaks the reportable's links.
 *
 * The page is polyglot: it parses the same as HTML and as XML (XHTML namespace, every element
 * closed, no character XML forbids), because a `.xhtml` or `.xml` name is opened as XML. Script
 * elements are left out of the framed copy (they could never run there: only their bytes go), so a
 * page carrying a 3.5 MB plotly.js stays small; and it is bounded like every other page.
 */
import { parse } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";
import { clipField } from "../../util/clip.js";
import { escapeHtml, showControlChars } from "../../util/escape.js";
import { frameDocument, HTML_REPORTABLE_CSP_WITH_FILES, HTML_REPORTABLE_SANDBOX } from "./html.js";
import { groupDigits } from "../../util/clip.js";

/** Largest framed document, in bytes as written (escaped, in the srcdoc attribute); past it, it is cut with a note. */
export const CONTAINED_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The wrapper's own policy: nothing from outside, no script; its styles inline; no `<base>` and no
 * form target (default-src does not cover those two). The frame inherits it and has
 * HTML_REPORTABLE_CSP_WITH_FILES on top (images beside the file may show).
 */
export const CONTAINED_PAGE_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** What the site layer read of the linked file. */
export interface LinkedSource {
  /** The file's path inside the run folder (`reportables/plot.html`), shown on the page. */
  readonly name: string;
  /** Its text, decoded (at most what was read). */
  readonly text: string;
  /** Its size in bytes, and how many of them were read (fewer for a file over the read bound). */
  readonly bytes: number;
  readonly readBytes: number;
}

type ParentNode = DefaultTreeAdapterMap["parentNode"];

/** Source ranges of every script element (any namespace), outermost only, in document order. */
function scriptSpans(tree: ParentNode): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const stack: ParentNode[] = [tree];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    for (const child of node.childNodes) {
      const at = "tagName" in child ? child.sourceCodeLocation : undefined;
      if ("tagName" in child && child.tagName === "script" && at !== undefined && at !== null) {
        spans.push({ start: at.startOffset, end: at.endOffset });
        continue;
      }
      if ("childNodes" in child) stack.push(child);
      if ("content" in child) stack.push(child.content);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * `doc` without its script elements, each replaced by an empty comment (so text around it cannot
 * join into a tag), and how many there were. Read as the frame reads it: scripting disabled.
 */
export function withoutScripts(doc: string): { text: string; scripts: number } {
  if (!/<script/i.test(doc)) return { text: doc, scripts: 0 };
  const spans = scriptSpans(parse(doc, { scriptingEnabled: false, sourceCodeLocationInfo: true }));
  let text = "";
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    text += `${doc.slice(at, span.start)}<!---->`;
    at = span.end;
  }
  return { text: text + doc.slice(at), scripts: spans.length };
}

// Characters XML 1.0 forbids even as references (C0 controls but tab, LF, CR; U+FFFE, U+FFFF; lone surrogates).
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these are the characters to find
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` with every character XML forbids replaced by U+FFFD (HTML would show most as U+FFFD too). */
function xmlSafe(text: string): string {
  return text.replace(NOT_XML, "\ufffd");
}

/**
 * `text` escaped for a double-quoted attribute that reads the same as HTML and as XML: XML turns a
 * literal tab or line break in an attribute into a space (a `<pre>` would lose its lines), so
 * those are character references too.
 */
function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Bytes `c` (a UTF-16 unit) takes once escaped by `escapeAttribute` and written as UTF-8. */
function escapedCost(c: number): number {
  if (c === 0x0a || c === 0x0d) return 5; // &#10; &#13;
  if (c === 0x09) return 4; // &#9;
  if (c === 0x26) return 5; // &amp;
  if (c === 0x22) return 6; // &quot;
  if (c === 0x27) return 5; // &#39;
  if (c === 0x3c || c === 0x3e) return 4; // &lt; &gt;
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdfff) return 2; // half of a four-byte pair
  return 3;
}

/** How many leading UTF-16 units of `text` fit in `max` bytes once escaped (never half a pair). */
function fittingUnits(text: string, max: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    bytes += escapedCost(text.charCodeAt(i));
    if (bytes > max) {
      const previous = text.charCodeAt(i - 1);
      return i > 0 && previous >= 0xd800 && previous <= 0xdbff ? i - 1 : i;
    }
  }
  return text.length;
}

/** The sentences under the heading: what was left out, each only when something was. */
function leftOut(source: LinkedSource, scripts: number, shownUnits: number, totalUnits: number): string {
  const said: string[] = [];
  if (scripts > 0) said.push(`${groupDigits(scripts)} script element${scripts === 1 ? " was" : "s were"} left out.`);
  if (source.readBytes < source.bytes || shownUnits < totalUnits)
    said.push(
      `The file is ${groupDigits(source.bytes)} bytes; only its first part is shown (${groupDigits(shownUnits)} characters).`,
    );
  return said.length === 0 ? "" : ` ${said.join(" ")}`;
}

/**
 * The page that takes the place of a linked file a browser would open as a page: its document in a
 * sandboxed frame without scripts, and a line saying what this is. Deterministic: same file, same bytes.
 */
export function containedPage(source: LinkedSource): string {
  const stripped = withoutScripts(xmlSafe(source.text));
  const units = fittingUnits(stripped.text, CONTAINED_MAX_BYTES);
  const framed = frameDocument(stripped.text.slice(0, units), HTML_REPORTABLE_CSP_WITH_FILES);
  const name = escapeHtml(xmlSafe(showControlChars(clipField(source.name, 200))));
  const note =
    `<code>${name}</code> is a file a reportable of this run linked. It is shown below without running its ` +
    "scripts: a run's scripts never run in its report, where they would share the site's origin with every page on it." +
    escapeHtml(leftOut(source, stripped.scripts, units, stripped.text.length));
  return [
    "<!DOCTYPE html>",
    `<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8"/>`,
    `<meta http-equiv="Content-Security-Policy" content="${CONTAINED_PAGE_CSP}"/>`,
    `<meta name="viewport" content="width=device-width, initial-scale=1"/>`,
    `<title>${name} (contained)</title>`,
    "<style>body{margin:0;font:14px/1.4 system-ui,sans-serif}p{margin:0;padding:.5rem .75rem;background:#fff4d6;border-bottom:1px solid #e0c77a}iframe{display:block;width:100%;height:calc(100vh - 4rem);border:0}</style>",
    `</head><body><p class="contained-note">${note}</p>`,
    `<iframe class="contained" sandbox="${HTML_REPORTABLE_SANDBOX}" title="${name}" srcdoc="${escapeAttribute(framed)}"></iframe>`,
    "</body></html>",
    "",
  ].join("\n");
}
