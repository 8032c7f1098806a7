/**
 * Escaping for GitHub-flavoured Markdown written into pull-request comments and job summaries.
 * Every string from a run is untrusted: it must not open a link, an image, an HTML tag, a code
 * fence or a table cell, and an `@name` in it must not notify anybody.
 */

/** Longest run of text kept in one table cell; the report has the rest. */
export const MAX_CELL_CHARS = 80;

// Every ASCII punctuation character that starts or ends Markdown syntax inline.
const MD_PUNCT = /[\\`*_[\]()#+!|~{}$^]/g;

/**
 * Escapes text for Markdown inline content, including table cells: control characters and line
 * breaks become spaces, `& < >` become entities (no raw HTML), Markdown punctuation is
 * backslash-escaped, `@` gets a zero-width space so no one is mentioned, issue references (`#12`,
 * `org/repo#3`, `GH-7`) get one so no issue is cross-referenced (GitHub consumes the backslash
 * before it links references), and `://` and host-like dots (`www.x`, `evil.example`) get one so
 * nothing in it becomes a link.
 */
export function mdText(text: string): string {
  return (
    flatten(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(MD_PUNCT, (c) => `\\${c}`)
      .replace(/@/g, "@&#8203;")
      .replace(/\\#(?=\d)/g, "#&#8203;")
      .replace(/\b(gh)-(?=\d)/gi, "$1-&#8203;")
      .replace(/:\/\//g, ":&#8203;//")
      // A dot between a name and a letter (`www.x`, `evil.example`) gets a zero-width space, so no
      // renderer takes it for a host to link; numbers and versions (`0.97`, `v1.2`) stay as they are.
      .replace(/([A-Za-z0-9-])\.(?=[A-Za-z])/g, "$1.&#8203;")
  );
}

/** Like `mdText`, shortened to `max` characters (counted in code points) with an ellipsis. */
export function mdCell(text: string, max = MAX_CELL_CHARS): string {
  return mdText(clip(text, max));
}

/**
 * A code span holding `text` verbatim: a backtick fence longer than any run inside, spaces when
 * the text touches a backtick, and `|` escaped so it cannot end a table cell. Code spans need no
 * other escaping: GitHub shows their content literally and finds no mentions in them.
 */
export function mdCode(text: string, max = MAX_CELL_CHARS): string {
  const body = clip(flatten(text), max).replace(/\|/g, "\\|");
  if (body === "") return "` `";
  const longest = Math.max(0, ...Array.from(body.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = body.startsWith("`") || body.endsWith("`") || (body.startsWith(" ") && body.endsWith(" ")) ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced code block whose fence no line of `body` can close. */
export function mdFence(body: string, info = ""): string {
  const longest = Math.max(0, ...Array.from(body.matchAll(/`{3,}/g), (m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body.replace(/\n$/, "")}\n${fence}`;
}

/** A link whose text is escaped and whose URL is percent-encoded so it cannot break out of `(…)`. */
export function mdLink(text: string, url: string): string {
  return `[${text}](${encodeLinkUrl(url)})`;
}

/** Percent-encodes what would end or confuse a Markdown link destination. */
export function encodeLinkUrl(url: string): string {
  return encodeURI(url).replace(
    /[()<>"'`\\ ]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** A GFM table: an escaped header row, the alignment row, and the (already escaped) cells. */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Text with control characters and line breaks turned into single spaces. */
function flatten(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?|[\n\u2028\u2029]/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
}

/** Shortens text to `max` code points with an ellipsis, never splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, Math.max(0, max - 1)).join("")}…` : text;
}
