/**
 * Markdown reportables: rendered and sanitized by `renderMarkdown` (no script, no remote fetches).
 */
import { renderMarkdown } from "../markdown.js";
import type { RenderedFragment } from "../types.js";
import { DEFAULT_MAX_TEXT_CHARS } from "./context.js";
import type { ReportableContext } from "./context.js";
import { shortenText, shortenedNote } from "./text.js";

/** Renders Markdown inside `<div class="markdown-body">`; very long text is cut at a line end, with a note. */
export function renderMarkdownReportable(markdown: string, ctx: ReportableContext): RenderedFragment {
  const { text, shortened } = shortenText(markdown, ctx.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS);
  // Cut at the last line end so the cut cannot leave half a construct (an open code fence stays open harmlessly).
  const lineEnd = text.lastIndexOf("\n");
  const shown = shortened && lineEnd > 0 ? text.slice(0, lineEnd) : text;
  const note = shortened ? shortenedNote(shown.length, markdown.length, "characters") : "";
  return { html: `<div class="markdown-body">${renderMarkdown(shown)}</div>${note}`, files: [], copies: [] };
}
