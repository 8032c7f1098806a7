/**
 * Estimated text widths for laying graphs out without a font engine, the way Graphviz itself
 * estimates them when it has no fonts (its WebAssembly build never does): the Helvetica advance
 * widths of the printable ASCII characters, an average for other Latin text, and a full em for
 * wide (CJK) characters. Pages draw the text with the browser's sans-serif font, which is close.
 */

/** Helvetica advance widths (1/1000 em) of the characters 32 (space) to 126 (`~`). */
const HELVETICA: readonly number[] = [
  278,
  278,
  355,
  556,
  556,
  889,
  667,
  191,
  333,
  333,
  389,
  584,
  278,
  333,
  278,
  278, // space to /
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  278,
  278,
  584,
  584,
  584,
  556, // 0 to ?
  1015,
  667,
  667,
  722,
  722,
  667,
  611,
  778,
  722,
  278,
  500,
  667,
  556,
  833,
  722,
  778, // @ to O
  667,
  778,
  722,
  667,
  611,
  722,
  667,
  944,
  667,
  667,
  611,
  278,
  278,
  278,
  469,
  556, // P to _
  333,
  556,
  556,
  500,
  556,
  556,
  278,
  556,
  556,
  222,
  222,
  500,
  222,
  833,
  556,
  556, // ` to o
  556,
  556,
  333,
  500,
  278,
  556,
  500,
  722,
  500,
  500,
  500,
  334,
  260,
  334,
  584, // p to ~
];

/** Bold Helvetica is about this much wider on average. */
const BOLD_FACTOR = 1.08;

/** Width of one code point in 1/1000 em. */
function charWidth(codePoint: number): number {
  if (codePoint >= 32 && codePoint <= 126) return HELVETICA[codePoint - 32] ?? 556;
  // CJK, Hangul, full-width forms and emoji take a full em; other scripts about an average letter.
  if (
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    codePoint >= 0x1f300
  )
    return 1000;
  return 556;
}

/** Points of `units` (1/1000 em) at `fontSize`: the one formula every width here is taken with, so they agree to the bit. */
function unitsToPoints(units: number, fontSize: number, bold: boolean): number {
  return (units / 1000) * fontSize * (bold ? BOLD_FACTOR : 1);
}

/** Estimated width in points of one line of `text` at `fontSize` points. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  return unitsToPoints(textUnits(text), fontSize, bold);
}

/**
 * `textWidth`, capped at `cap`: the same number when the text fits, else `cap`. It stops reading at
 * the first prefix wider than `cap`, so a 10 MB label costs no more than a short one.
 */
export function textWidthUpTo(text: string, fontSize: number, bold: boolean, cap: number): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) ?? 32;
    if (code > 0xffff) i++;
    units += charWidth(code);
    // Widths only grow with the prefix (rounding is monotonic too), so the whole text is wider still.
    if (unitsToPoints(units, fontSize, bold) > cap) return cap;
  }
  return unitsToPoints(units, fontSize, bold);
}

/**
 * `text` whole when it fits `maxWidth` points, else the longest prefix of whole code points that
 * fits with `suffix` after it, followed by `suffix`. One pass over the prefix, which stops at the
 * first code point past `maxWidth` (the text beyond it cannot matter).
 */
export function clipText(text: string, fontSize: number, bold: boolean, maxWidth: number, suffix: string): string {
  const suffixUnits = textUnits(suffix);
  let units = 0;
  // Code units of the longest prefix that fits with the suffix.
  let fits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) ?? 32;
    const next = code > 0xffff ? i + 2 : i + 1;
    units += charWidth(code);
    if (unitsToPoints(units, fontSize, bold) > maxWidth) return `${text.slice(0, fits)}${suffix}`;
    if (unitsToPoints(units + suffixUnits, fontSize, bold) <= maxWidth) fits = next;
    i = next - 1;
  }
  return unitsToPoints(units, fontSize, bold) <= maxWidth ? text : `${text.slice(0, fits)}${suffix}`;
}

/** Width of `text` in 1/1000 em. */
function textUnits(text: string): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) ?? 32;
    if (code > 0xffff) i++;
    units += charWidth(code);
  }
  return units;
}
