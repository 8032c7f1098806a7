/**
 * JSON reportables (curifactory's JsonReporter, which neither escaped its text nor kept non-ASCII
 * characters): pretty-printed with two spaces, escaped, non-ASCII kept as written.
 */
import type { JsonValue } from "../../run/model.js";
import { escapeHtml } from "../../util/escape.js";
import type { RenderedFragment } from "../types.js";
import { DEFAULT_MAX_TEXT_CHARS } from "./context.js";
import type { ReportableContext } from "./context.js";
import { shortenText, shortenedNote } from "./text.js";

/** Renders a JSON value as `<pre class="json">`; very long text is shortened with a note. */
export function renderJsonReportable(value: JsonValue, ctx: ReportableContext): RenderedFragment {
  // JSON.stringify escapes control characters itself and returns undefined only for non-JSON input.
  const full = JSON.stringify(value, null, 2) ?? "null";
  const { text, shortened } = shortenText(full, ctx.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS);
  const note = shortened ? shortenedNote(text.length, full.length, "characters") : "";
  return { html: `<pre class="json">${escapeHtml(text)}</pre>${note}`, files: [], copies: [] };
}
