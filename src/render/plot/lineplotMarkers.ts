/**
 * Point markers of line plots, as matplotlib names them (`o . s ^ v d D x + *`; anything else is
 * drawn as a circle): LinePlotReporter's `plot_kwargs={"marker": "o"}` survives the export.
 * All of a series' markers go into one `<path>`, so a 2,000-point series stays one element.
 */

/** Rounds a coordinate to 2 decimals, never printing `-0` (as lineplot.ts does). */
function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
}

/** Radius of a point marker, in px. */
const MARKER_R = 3;

/** Path commands of one matplotlib marker at (x, y): filled shapes for o s ^ v d, strokes for x + * (others: a circle). */
function markerPath(marker: string, x: number, y: number): string {
  const r = marker === "." ? MARKER_R / 2 : MARKER_R;
  const [a, b, c, d, e] = [num(x - r), num(x + r), num(y - r), num(y + r), num(x)];
  switch (marker) {
    case "s":
      return `M${a},${c}H${b}V${d}H${a}Z`;
    case "^":
      return `M${e},${c}L${b},${d}L${a},${d}Z`;
    case "v":
      return `M${a},${c}L${b},${c}L${e},${d}Z`;
    case "d":
    case "D":
      return `M${e},${c}L${b},${num(y)}L${e},${d}L${a},${num(y)}Z`;
    case "x":
      return `M${a},${c}L${b},${d}M${a},${d}L${b},${c}`;
    case "+":
      return `M${a},${num(y)}H${b}M${e},${c}V${d}`;
    case "*":
      return `M${a},${c}L${b},${d}M${a},${d}L${b},${c}M${a},${num(y)}H${b}`;
    default:
      return `M${a},${num(y)}a${r},${r} 0 1,0 ${num(2 * r)},0a${r},${r} 0 1,0 ${num(-2 * r)},0`;
  }
}

/** One `<path>` holding the series' markers (stroked for x + *, filled otherwise). */
export function markersSvg(
  marker: string,
  at: readonly { readonly x: string; readonly y: string }[],
  colour: string,
): string {
  const d = at.map((p) => markerPath(marker, Number(p.x), Number(p.y))).join("");
  const paint = "x+*".includes(marker) ? `fill="none" stroke="${colour}"` : `fill="${colour}" stroke="none"`;
  return d === "" ? "" : `<path class="series-markers" ${paint} stroke-dasharray="none" d="${d}"/>`;
}
