/**
 * Graph texts are clipped with `…` to fit their node: the longest prefix of whole code points that
 * fits with the ellipsis, the same whatever the text's length or script, and bold text clipped by
 * its bold width. The clip is one pass over the prefix; these tests hold it to the definition (the
 * binary search over every prefix it replaced) on many texts, and to what a reader sees.
 */
import { describe, expect, it } from "vitest";
import { clipLine, lineWidth, type GraphLine } from "../../src/render/graph/graphSpec.js";
import { textWidth } from "../../src/render/graph/textWidth.js";

/** The definition: the longest prefix of whole code points whose width with `…` fits, found by trying prefixes. */
function clipByDefinition(line: GraphLine, maxWidth: number): string {
  if (lineWidth(line) <= maxWidth) return line.text;
  const points = Array.from(line.text);
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (textWidth(`${points.slice(0, mid).join("")}…`, line.size, line.bold === true) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return `${points.slice(0, low).join("")}…`;
}

/** Characters of every width class: narrow and wide ASCII, Latin, CJK, Hangul, emoji (astral), a lone surrogate. */
const ALPHABET = ["i", "l", "W", "m", " ", "0", "é", "ß", "漢", "字", "한", "😀", "𝔘", "\ud800", "…", "&", "<"];

/** A deterministic text of `n` characters drawn from ALPHABET (a small linear congruential generator). */
function text(seed: number, n: number): string {
  let state = seed;
  let out = "";
  for (let i = 0; i < n; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += ALPHABET[state % ALPHABET.length];
  }
  return out;
}

describe("clipping a graph text", () => {
  it("keeps the longest prefix that fits with the ellipsis, for narrow, wide, astral and bold texts", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const line: GraphLine = { text: text(seed, seed % 90), size: 8 + (seed % 4), bold: seed % 3 === 0 };
      for (const maxWidth of [0, 10, 37.5, 100, 180, 270]) {
        const clipped = clipLine(line, maxWidth);
        expect(clipped, `seed ${seed} at ${maxWidth} pt`).toBe(clipByDefinition(line, maxWidth));
      }
    }
  });

  it("returns a text that fits unchanged, and never cuts an astral character in half", () => {
    expect(clipLine({ text: "short", size: 9 }, 180)).toBe("short");
    const emoji = "😀".repeat(40);
    const clipped = clipLine({ text: emoji, size: 9 }, 100);
    expect(clipped.endsWith("…")).toBe(true);
    // Whole emoji only: what precedes the ellipsis is pairs of surrogates.
    expect(clipped.slice(0, -1)).toBe("😀".repeat(clipped.slice(0, -1).length / 2));
    expect(textWidth(clipped, 9)).toBeLessThanOrEqual(100);
    expect(textWidth(`${clipped.slice(0, -1)}😀…`, 9)).toBeGreaterThan(100);
  });

  it("clips bold text by its bold width, shorter than the same text in regular weight", () => {
    const words = "parameter_sweep_value ".repeat(10);
    const regular = clipLine({ text: words, size: 9 }, 180);
    const bold = clipLine({ text: words, size: 9, bold: true }, 180);
    expect(bold.length).toBeLessThan(regular.length);
    expect(textWidth(bold, 9, true)).toBeLessThanOrEqual(180);
    expect(regular.startsWith(bold.slice(0, -1))).toBe(true);
  });

  it("clips a 10 MB text to the same short prefix as its first kilobyte", () => {
    const head = text(7, 1000);
    const huge = head + "x".repeat(10 * 1024 * 1024);
    const clipped = clipLine({ text: huge, size: 9 }, 180);
    expect(clipped).toBe(clipLine({ text: head, size: 9 }, 180));
    expect(clipped.length).toBeLessThan(200);
  });
});
