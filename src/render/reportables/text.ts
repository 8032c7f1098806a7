/**
 * Small text helpers shared by the reportable renderers: shortening long text without splitting
 * a character, and the visible note that says something was shortened.
 */
import { groupDigits } from "../../util/clip.js";
import { escapeHtml } from "../../util/escape.js";

/** Text cut to at most `max` UTF-16 units, never between the two halves of a surrogate pair. */
export interface ShortenedText {
  readonly text: string;
  /** True when `text` is shorter than the input. */
  readonly shortened: boolean;
}

/** Cuts `text` to at most `max` characters; a cut that would split a surrogate pair moves one back. */
export function shortenText(text: string, max: number): ShortenedText {
  if (text.length <= max) return { text, shortened: false };
  let end = Math.max(0, Math.floor(max));
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), shortened: true };
}

/** The visible note under shortened content, e.g. `Showing the first 1,000 of 5,000 rows.` */
export function shortenedNote(shown: number, total: number, unit: string): string {
  return `<p class="shortened-note">${escapeHtml(`Showing the first ${groupDigits(shown)} of ${groupDigits(total)} ${unit}.`)}</p>`;
}

/** Encodes each segment of a relative posix path for use in `src`/`href` (the result still needs HTML escaping). */
export function encodePath(relative: string): string {
  return relative.split("/").map(encodeURIComponent).join("/");
}
