/**
 * Shortening of single strings from a run (names, command lines, table cells) that are far longer
 * than a page can show: a run written by anyone may put megabytes in a field, and each field can
 * appear several times on a page. The cut is visible in the text itself.
 */

/** Longest run-info field, name or cell shown in full; longer ones are cut with a visible marker. */
export const MAX_FIELD_CHARS = 20_000;

/** Groups digits by thousands with commas (`250000` → `250,000`), independent of the machine's locale. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * `text` when it has at most `max` UTF-16 units; else its first `max` (never splitting a surrogate
 * pair) followed by `… [N more characters]`, so a reader sees that and how much was left out.
 */
export function clipField(text: string, max: number = MAX_FIELD_CHARS): string {
  if (text.length <= max) return text;
  let end = Math.max(0, Math.floor(max));
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}… [${groupDigits(text.length - end)} more characters]`;
}

/**
 * `text` when it has at most `max` characters (code points); else its first `max - 1` and `…`, for
 * table cells where a marker with a count would not fit. Never splits a character, and reads only
 * the start of a huge text.
 */
export function ellipsize(text: string, max: number): string {
  if (text.length <= max) return text;
  // max + 1 characters take at most 2 × (max + 1) UTF-16 units: enough to tell whether to cut.
  const chars = Array.from(text.slice(0, 2 * max + 2));
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}
