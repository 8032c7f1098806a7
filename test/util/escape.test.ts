/**
 * Every run text reaches a page or SVG through these escapes. Each first tests whether the text needs
 * any work and returns it as it is when not; these tests check the escapes still change every
 * character they must (alone, first, last, amid plain text) and leave every other one alone.
 */
import { describe, expect, it } from "vitest";
import { escapeHtml, escapeShown, showControlChars } from "../../src/util/escape.js";

/** Characters 0 to 0xff, and a few beyond (line separators, a surrogate pair, U+FFFD). */
const CHARS = [...Array.from({ length: 0x100 }, (_, c) => String.fromCharCode(c)), "\u2028", "\u2029", "😀", "\ufffd"];

describe("escaping run texts", () => {
  it("escapes the five HTML specials, wherever they stand, and nothing else", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
    );
    const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
    for (const c of CHARS) {
      const shown = entities[c] ?? c;
      expect(escapeHtml(c), JSON.stringify(c)).toBe(shown);
      expect(escapeHtml(`${c}plain${c}text${c}`)).toBe(`${shown}plain${shown}text${shown}`);
    }
  });

  it("shows control characters as \\u escapes, except tab and line breaks", () => {
    for (const c of CHARS) {
      const code = c.charCodeAt(0);
      const control = c.length === 1 && (code < 0x20 || (code >= 0x7f && code <= 0x9f)) && !"\t\n\r".includes(c);
      const expected = control ? `\\u${code.toString(16).padStart(4, "0")}` : c;
      expect(showControlChars(c), `U+${code.toString(16)}`).toBe(expected);
      expect(showControlChars(`${c}ok${c}`)).toBe(`${expected}ok${expected}`);
    }
  });

  it("escapeShown is showControlChars then escapeHtml, for every character alone and among others", () => {
    for (const c of CHARS) {
      for (const text of [c, `${c}name`, `name${c}`, `a${c}b<${c}`]) {
        expect(escapeShown(text), JSON.stringify(text)).toBe(escapeHtml(showControlChars(text)));
      }
    }
    expect(escapeShown("\u0007<b>")).toBe("\\u0007&lt;b&gt;");
  });
});
