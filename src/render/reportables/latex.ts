/**
 * LaTeX reportables (curifactory's LatexTableReporter): the source as text, ready to copy into a
 * paper. A page script may enhance the hidden copy button; without it the text is plain to select.
 */
import { escapeHtml, showControlChars } from "../../util/escape.js";
import type { RenderedFragment } from "../types.js";
import { DEFAULT_MAX_TEXT_CHARS } from "./context.js";
import type { ReportableContext } from "./context.js";
import { shortenText, shortenedNote } from "./text.js";

/**
 * Renders LaTeX as `<pre class="latex"><code id="{idPrefix}-latex">`, preceded by a `<button
 * class="copy" data-copy-target="…" hidden>`: hidden until a script unhides it, so readers without
 * JavaScript see no dead button.
 */
export function renderLatexReportable(latex: string, ctx: ReportableContext): RenderedFragment {
  const { text, shortened } = shortenText(latex, ctx.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS);
  const note = shortened ? shortenedNote(text.length, latex.length, "characters") : "";
  const id = escapeHtml(`${ctx.idPrefix}-latex`);
  const button = `<button type="button" class="copy" data-copy-target="${id}" hidden>Copy LaTeX</button>`;
  const html = `<div class="latex-block">${button}<pre class="latex"><code id="${id}">${escapeHtml(showControlChars(text))}</code></pre>${note}</div>`;
  return { html, files: [], copies: [] };
}
