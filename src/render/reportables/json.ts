/**
 * JSON reportables (curifactory's JsonReporter, which neither escaped its text nor kept non-ASCII
 * characters): pretty-printed with two spaces, escaped, non-ASCII kept as written. A non-finite
 * number (run.json v2 carries it as `{"$float": "NaN"}`) shows as `NaN`, `Infinity` or
 * `-Infinity`, the way Python prints it, not as the tag and not as null.
 */
import type { JsonValue } from "../../run/model.js";
import { nonFiniteText } from "../../run/numbers.js";
import { escapeHtml } from "../../util/escape.js";
import type { RenderedFragment } from "../types.js";
import { DEFAULT_MAX_TEXT_CHARS } from "./context.js";
import type { ReportableContext } from "./context.js";
import { shortenText, shortenedNote } from "./text.js";

/**
 * JSON text of `value`, laid out exactly as `JSON.stringify(value, null, 2)`, but with non-finite
 * tags written as bare NaN / Infinity / -Infinity (no string value can imitate one).
 */
export function jsonText(value: JsonValue, indent = ""): string {
  const special = nonFiniteText(value);
  if (special !== undefined) return special;
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((v) => `${inner}${jsonText(v, inner)}`)
    : Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${jsonText(v, inner)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return items.length === 0 ? `${open}${close}` : `${open}\n${items.join(",\n")}\n${indent}${close}`;
}

/** Renders a JSON value as `<pre class="json">`; very long text is shortened with a note. */
export function renderJsonReportable(value: JsonValue, ctx: ReportableContext): RenderedFragment {
  const full = jsonText(value);
  const { text, shortened } = shortenText(full, ctx.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS);
  const note = shortened ? shortenedNote(text.length, full.length, "characters") : "";
  return { html: `<pre class="json">${escapeHtml(text)}</pre>${note}`, files: [], copies: [] };
}
