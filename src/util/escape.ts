/**
 * Escaping for the contexts a report writes into. Every string from a run is untrusted text.
 *
 * Most texts need no escaping at all (names, numbers, hashes): each function first tests for a
 * character it would change and returns the text itself when there is none. A page of a
 * 10,000-record sweep escapes thousands of texts, and a test is cheaper than a replace that finds
 * nothing, which still calls into the regexp machinery's replace path.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

// Keep in sync with HTML_ESCAPES.
const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIALS = /[&<>"']/g;

/** Escapes text for HTML element content and double- or single-quoted attribute values. `&` first, once. */
export function escapeHtml(text: string): string {
  return HTML_SPECIAL.test(text) ? text.replace(HTML_SPECIALS, (c) => HTML_ESCAPES[c] ?? c) : text;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Replaces C0/C1 control characters (except tab and newline) with visible U+FFFD-free escapes
 * like `\u0007`, so they show as text instead of vanishing or breaking XML (SVG) output.
 */
export function showControlChars(text: string): string {
  return CONTROL_CHAR.test(text)
    ? text.replace(CONTROL_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    : text;
}

// The union of HTML_SPECIAL and CONTROL_CHAR: keep in sync with both.
// eslint-disable-next-line no-control-regex
const SHOWN_SPECIAL = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * `escapeHtml(showControlChars(text))`, the way every run text is shown in a page or SVG: control
 * characters made visible, then escaped. One scan when the text needs neither (most do not).
 */
export function escapeShown(text: string): string {
  return SHOWN_SPECIAL.test(text) ? escapeHtml(showControlChars(text)) : text;
}
