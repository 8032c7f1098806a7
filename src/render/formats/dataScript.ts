/**
 * JSON published as a script: `<head>JSON.parse('<JSON as a single-quoted string>');\n`. A page
 * opened from `file://` may load a script of its own site but cannot fetch a file, so data that a
 * page loads on demand is written this way. The JSON goes through `JSON.parse`, not in as an
 * object literal: in a literal a key `__proto__` would set the prototype instead of being a key.
 * Reading back accepts only this exact shape (re-quoting the string gives the same text), so a
 * data file can never hold code. (compare/compareDataFiles.ts writes the same shape.)
 */

/** JSON as the text of a single-quoted JavaScript string. */
export function quoteJson(json: string): string {
  return json.replace(/[\\'\u2028\u2029]/g, (c) =>
    c === "\\" || c === "'" ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16)}`,
  );
}

/** The JSON of a string `quoteJson` made. */
function unquoteJson(text: string): string {
  return text.replace(/\\(\\|'|u2028|u2029)/g, (_, c: string) =>
    c.length === 1 ? c : String.fromCharCode(parseInt(c.slice(1), 16)),
  );
}

const OPEN = "JSON.parse('";
const CLOSE = "');\n";

/** The script that runs `head` with `json` parsed. */
export function dataScript(head: string, json: string): string {
  return `${head}${OPEN}${quoteJson(json)}${CLOSE}`;
}

/** The JSON of a script `dataScript(head, …)` wrote, or null for any other text. */
export function dataScriptJson(text: string, head: string): string | null {
  if (!text.startsWith(head) || !text.startsWith(OPEN, head.length) || !text.endsWith(CLOSE)) return null;
  const quoted = text.slice(head.length + OPEN.length, -CLOSE.length);
  const json = unquoteJson(quoted);
  return quoteJson(json) === quoted ? json : null;
}
