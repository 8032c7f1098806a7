/**
 * Raw HTML reportables (curifactory's HTMLReporter pasted them into the page unescaped). Here they
 * render in a sandboxed iframe: `sandbox=""` (no allow-scripts, no allow-same-origin) gives the
 * content an opaque origin that cannot run script, submit forms or touch the report, and a CSP
 * meta tag stops it fetching anything from outside. The escaped source is one click away.
 */
import { clipField } from "../../util/clip.js";
import { escapeHtml } from "../../util/escape.js";
import type { RenderedFragment } from "../types.js";
import { DEFAULT_MAX_TEXT_CHARS } from "./context.js";
import type { ReportableContext } from "./context.js";
import { shortenText, shortenedNote } from "./text.js";

/** Put first in every srcdoc: no network at all, inline styles and data: images allowed. */
export const HTML_REPORTABLE_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** Height of the frame before the reader resizes it (CSS makes `.html-reportable` resizable). */
const DEFAULT_HEIGHT = 400;

/** The document the iframe shows: the CSP meta tag, then the reportable's HTML untouched. */
function frameDocument(html: string): string {
  return `<!DOCTYPE html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${HTML_REPORTABLE_CSP}">${html}`;
}

/**
 * Renders raw HTML in a sandboxed iframe plus a "view source" `<details>`; `title` names the frame
 * for screen readers. HTML longer than the context's limit is cut, in the frame and in the source
 * alike (a cut tag is harmless inside the sandbox), with a note under both.
 */
export function renderHtmlReportable(html: string, title: string, ctx: ReportableContext): RenderedFragment {
  const source = shortenText(html, ctx.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS);
  const note = source.shortened ? shortenedNote(source.text.length, html.length, "characters of the HTML") : "";
  const frame =
    `<iframe class="html-reportable" sandbox="" srcdoc="${escapeHtml(frameDocument(source.text))}" ` +
    `title="${escapeHtml(clipField(title, 200))}" loading="lazy" height="${DEFAULT_HEIGHT}"></iframe>`;
  const details = `<details class="html-source"><summary>View source</summary><pre><code>${escapeHtml(source.text)}</code></pre></details>`;
  return { html: `<div class="html-reportable-frame">${frame}</div>${details}${note}`, files: [], copies: [] };
}
