/**
 * The visible stand-in for a reportable (or any other part of a report) that failed to render, so
 * one bad input costs one box instead of the whole report (curifactory's defect B8).
 */
import { escapeHtml, showControlChars } from "../../util/escape.js";

/** How many `cause` links of an error chain are shown. */
const MAX_CAUSES = 5;

/**
 * Describes a thrown value in one line per error of its `cause` chain: `Name: message`. No stack:
 * stacks hold absolute paths of the build machine, which a published report must not leak.
 */
export function describeError(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSES && current !== undefined; depth++) {
    if (current instanceof Error) {
      lines.push(`${depth === 0 ? "" : "caused by "}${current.name}: ${current.message}`);
      current = current.cause;
    } else {
      lines.push(`${depth === 0 ? "" : "caused by "}${safeString(current)}`);
      current = undefined;
    }
  }
  return lines.join("\n");
}

/** `String(value)`, but never throws (objects with a hostile `toString`). */
function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * HTML of an error box: `<div class="error-box" role="alert">` with the escaped title and the
 * escaped description of `error`. Trusted output, safe to embed anywhere in a report body.
 */
export function errorBox(title: string, error: unknown): string {
  const message = escapeHtml(showControlChars(describeError(error)));
  return `<div class="error-box" role="alert"><p class="error-title"><strong>${escapeHtml(showControlChars(title))}</strong></p><pre class="error-message">${message}</pre></div>`;
}
