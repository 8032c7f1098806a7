/**
 * Raw HTML reportables (curifactory's HTMLReporter pasted them into the page unescaped). Here they
 * render in a sandboxed iframe: `sandbox="allow-same-origin"` without allow-scripts runs no script
 * at all (no `<script>`, no event handler, no javascript: URL), submits no form and navigates
 * only itself, while the report's own report.js may read the frame's height and fit the frame
 * to its content (with JavaScript off the frame keeps {@link DEFAULT_HEIGHT} and stays
 * resizable). A CSP meta tag inside stops it fetching anything but data: images. A reportable
 * with linked files (a custom Python reportable's render() output, copied into the report) may
 * also show images from the report's own origin ('self'); from file:// that is any local file,
 * shown as an image only: no script can read it and no request can carry it off. Proved in
 * Chromium by test/render/reportables/htmlFrame.test.ts. The escaped source is one click away.
 */
import { createRequire } from "node:module";
import type * as Parse5 from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";
import { clipField } from "../../util/clip.js";
import { escapeHtml } from "../../util/escape.js";
import type { RenderedFragment } from "../types.js";
import { DEFAULT_MAX_TEXT_CHARS } from "./context.js";
import type { ReportableContext } from "./context.js";
import { shortenText, shortenedNote } from "./text.js";

/** Put first in every srcdoc: no network and no script; inline styles and data: images allowed. */
export const HTML_REPORTABLE_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** The CSP of a reportable with linked files: its images may also come from the report ('self'). */
export const HTML_REPORTABLE_CSP_WITH_FILES = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

/** Sandbox of the frame: same origin (so report.js can measure it) but no script, forms, popups or top navigation. */
export const HTML_REPORTABLE_SANDBOX = "allow-same-origin";

/** Height of the frame until report.js fits it to its content, or for good with JavaScript off (CSS makes `.html-reportable` resizable). */
export const DEFAULT_HEIGHT = 400;

/**
 * Hides plugin elements in the frame, in case any is left after `withoutPlugins` (which removes
 * them). They can never load under the frame's CSP (object-src falls back to default-src 'none'),
 * but in Chromium an `<object>`/`<embed>` whose load was refused can restart it when the frame's
 * layout changes (an autofocus, a media element, a resize) and then never finish: the frame's load
 * event, and so the whole report page's, never fires (seen with fixtures/hostile/
 * html-reportable-script and -remote-loads). Not laid out, they are not loaded.
 */
export const FRAME_STYLE_TEXT = "object,embed{display:none!important}";
const FRAME_STYLE = `<style>${FRAME_STYLE_TEXT}</style>`;

/** An element start tag named object or embed, in any case (a tag name ends at white space, `/` or `>`). */
const PLUGIN_TAG = /<(?:object|embed)[\s/>]/i;

type ParentNode = DefaultTreeAdapterMap["parentNode"];

/** Source ranges of the start tags of every `<object>` and `<embed>` element in `tree` (walked without recursion: input may nest deeply). */
function pluginTags(tree: ParentNode): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const stack: ParentNode[] = [tree];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    for (const child of node.childNodes) {
      if ("tagName" in child && (child.tagName === "object" || child.tagName === "embed")) {
        const at = child.sourceCodeLocation?.startTag;
        if (at !== undefined) spans.push({ start: at.startOffset, end: at.endOffset });
      }
      if ("childNodes" in child) stack.push(child);
      if ("content" in child) stack.push(child.content);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * `doc` without the start tags of plugin elements, so the frame never makes one (their fallback
 * content shows, as it would for a plugin that cannot load); FRAME_STYLE alone could be undone by
 * a hostile inline style (`display:block !important`). Read by parse5 as the frame reads it: with
 * scripting disabled (a sandbox without allow-scripts), so `<noscript>` content is markup. Each
 * tag becomes an empty comment, so text around it cannot join into a new tag (`<<object>object>`);
 * the rest stays byte for byte, and a document without such a tag is not parsed at all.
 */
function withoutPlugins(doc: string): string {
  if (!PLUGIN_TAG.test(doc)) return doc;
  let out = "";
  let at = 0;
  // parse5 loads here, at the first HTML reportable, not with every report (~30 ms of a small build).
  const { parse } = createRequire(import.meta.url)("parse5") as typeof Parse5;
  for (const span of pluginTags(parse(doc, { scriptingEnabled: false, sourceCodeLocationInfo: true }))) {
    out += `${doc.slice(at, span.start)}<!---->`;
    at = span.end;
  }
  return out + doc.slice(at);
}

/**
 * The document a script-less frame shows: the CSP meta tag and FRAME_STYLE, then `html` (without
 * plugin elements). Also what a linked HTML file is framed in (containedPage.ts).
 */
export function frameDocument(html: string, csp: string): string {
  return withoutPlugins(
    `<!DOCTYPE html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}">${FRAME_STYLE}${html}`,
  );
}

/**
 * Renders raw HTML in a sandboxed iframe plus a "view source" `<details>`; `title` names the frame
 * for screen readers. HTML longer than the context's limit is cut, in the frame and in the source
 * alike (a cut tag is harmless inside the sandbox), with a note under both. `linksFiles` says the
 * reportable brought files of its own (their images are then allowed, see the module comment).
 */
export function renderHtmlReportable(
  html: string,
  title: string,
  ctx: ReportableContext,
  linksFiles = false,
): RenderedFragment {
  const source = shortenText(html, ctx.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS);
  const note = source.shortened ? shortenedNote(source.text.length, html.length, "characters of the HTML") : "";
  const frame =
    `<iframe class="html-reportable" sandbox="${HTML_REPORTABLE_SANDBOX}" srcdoc="${escapeHtml(frameDocument(source.text, linksFiles ? HTML_REPORTABLE_CSP_WITH_FILES : HTML_REPORTABLE_CSP))}" ` +
    `title="${escapeHtml(clipField(title, 200))}" loading="lazy" height="${DEFAULT_HEIGHT}"></iframe>`;
  const details = `<details class="html-source"><summary>View source</summary><pre><code>${escapeHtml(source.text)}</code></pre></details>`;
  return { html: `<div class="html-reportable-frame">${frame}</div>${details}${note}`, files: [], copies: [] };
}
