/**
 * Markdown reportables: rendered and sanitized by `renderMarkdown` (no script, no remote fetches),
 * cut to a length that renders quickly, and shown as plain text when marked would be too slow.
 */
import { MARKDOWN_MAX_CHARS, markdownNotes, renderMarkdownParts } from "../markup/markdown.js";
import type { RenderedFragment } from "../types.js";
import type { ReportableContext } from "./context.js";

/**
 * Renders Markdown inside `<div class="markdown-body">`; text longer than the context's
 * `maxTextChars` (at most {@link MARKDOWN_MAX_CHARS}) is cut at a line end, with a note after the div.
 */
export function renderMarkdownReportable(markdown: string, ctx: ReportableContext): RenderedFragment {
  const maxChars = Math.min(ctx.maxTextChars ?? MARKDOWN_MAX_CHARS, MARKDOWN_MAX_CHARS);
  const parts = renderMarkdownParts(markdown, { maxChars });
  return { html: `<div class="markdown-body">${parts.html}</div>${markdownNotes(parts)}`, files: [], copies: [] };
}
