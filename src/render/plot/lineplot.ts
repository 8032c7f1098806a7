/**
 * Line plots as static SVG drawn at build time (curifactory's LinePlotReporter drew a matplotlib
 * PNG): nice 1/2/5×10^k ticks, grid, one `<path class="series-line">` per series (a path, not a
 * polyline, so NaN gaps stay gaps), a legend for named series, and a `<title>`/`<desc>` for screen
 * readers. Axes and text use `currentColor` so the plot follows the page's light or dark theme.
 * Every coordinate is rounded to 2 decimals: small, deterministic output.
 */
import type { LinePlotData, LineSeries } from "../../run/model.js";
import { escapeHtml, showControlChars } from "../../util/escape.js";
import { CuriError } from "../../util/errors.js";
import { markersSvg } from "./lineplotMarkers.js";

/** Most points drawn per series; longer series keep the min and max of each of half as many buckets. */
export const MAX_POINTS_PER_SERIES = 2000;

/** Series colours (Tableau 10: distinct, readable on light and dark backgrounds); they cycle with a new dash pattern. Comparisons colour their overlays with it too. */
export const PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
];
const DASHES = ["", "6 3", "2 2", "8 3 2 3"];
const WIDTH = 640;
const PLOT_HEIGHT = 300;
/** Approximate advance of one character at 12px, for layout without measuring text. */
const CHAR_WIDTH = 7;
const LEGEND_ROW = 18;
const MAX_LEGEND_ENTRIES = 40;
const MAX_LEGEND_CHARS = 60;

/** A drawable point; `null` marks a gap (a NaN, infinity or missing value between points). */
type Point = { readonly x: number; readonly y: number } | null;

/** An axis: its (nice) domain, tick values and tick label formatter. */
interface Axis {
  readonly lo: number;
  readonly hi: number;
  readonly ticks: readonly number[];
  readonly label: (v: number) => string;
}

/** Escapes text from the run for SVG (XML) content and attributes; control characters become visible. */
function text(s: string): string {
  return escapeHtml(showControlChars(s));
}

/** Rounds a coordinate to 2 decimals, never printing `-0`. */
function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
}

/** A 1, 2 or 5 × 10^k step near `rough`; at least 1 for index axes. */
function niceStep(rough: number, integer: boolean): number {
  const base = 10 ** Math.floor(Math.log10(rough));
  const f = rough / base;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * base;
  return integer ? Math.max(1, step) : step;
}

/** Tick labels with just enough digits to tell neighbouring ticks apart; exponent form for huge or tiny values. */
function tickFormatter(ticks: readonly number[], step: number): (v: number) => string {
  const maxAbs = Math.max(...ticks.map(Math.abs));
  const stepExp = Math.floor(Math.log10(step) + 1e-9);
  if (maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-4)) {
    const digits = Math.min(15, Math.max(0, Math.floor(Math.log10(maxAbs)) - stepExp));
    return (v) => (v === 0 ? "0" : v.toExponential(digits).replace("e+", "e"));
  }
  const decimals = Math.min(20, Math.max(0, -stepExp));
  return (v) => (Math.abs(v) < step / 2 ? 0 : v).toFixed(decimals);
}

/** An axis over [lo, hi] widened to nice tick bounds; a zero-width range is padded first. */
function niceAxis(min: number, max: number, target: number, integer: boolean): Axis {
  let lo = min;
  let hi = max;
  if (lo === hi) {
    const pad = integer ? 1 : lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo = Math.max(-Number.MAX_VALUE, lo - pad);
    hi = Math.min(Number.MAX_VALUE, hi + pad);
  }
  // Divide before subtracting so ±1e308 ranges do not overflow.
  const step = niceStep(hi / target - lo / target, integer);
  const k0 = Math.floor(lo / step);
  const k1 = Math.ceil(hi / step);
  if (!(step > 0) || !Number.isFinite(k0 * step) || !Number.isFinite(k1 * step) || k1 - k0 > 100 || k1 <= k0) {
    return { lo, hi, ticks: [lo, hi], label: (v) => String(Number(v.toPrecision(6))) };
  }
  const ticks: number[] = [];
  for (let k = k0; k <= k1; k++) ticks.push(k * step);
  return { lo: k0 * step, hi: k1 * step, ticks, label: tickFormatter(ticks, step) };
}

/** Position of `v` in [lo, hi] as 0..1, computed on halves so huge domains do not overflow. */
function fraction(v: number, lo: number, hi: number): number {
  return (v / 2 - lo / 2) / (hi / 2 - lo / 2);
}

/** Checks what a plot needs to be drawn; throws CuriError naming the problem. */
function checkPlot(plot: LinePlotData): void {
  if (plot.series.length === 0) throw new CuriError("line plot has no series; report at least one series of y values");
  plot.series.forEach((s, i) => {
    if (s.x !== null && s.x.length !== s.y.length) {
      throw new CuriError(`line plot series ${i} has ${s.x.length} x values but ${s.y.length} y values`);
    }
  });
}

/** A value usable as a coordinate (the model says number, but a NaN may arrive as null from JSON). */
function finite(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/**
 * The points of one series, decimated deterministically when longer than
 * {@link MAX_POINTS_PER_SERIES}: per bucket of consecutive indices, the points with the lowest and
 * highest y, in index order, and one gap if the bucket had any.
 */
export function seriesPoints(y: readonly (number | null)[], x: readonly number[] | null): Point[] {
  const at = (i: number): Point => {
    const xv = x === null ? i : x[i];
    const yv = y[i];
    return finite(xv) && finite(yv) ? { x: xv, y: yv } : null;
  };
  const n = y.length;
  if (n <= MAX_POINTS_PER_SERIES) return Array.from({ length: n }, (_, i) => at(i));
  const buckets = MAX_POINTS_PER_SERIES / 2;
  const out: Point[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let iMin = -1;
    let iMax = -1;
    let iGap = -1;
    for (let i = start; i < end; i++) {
      const yv = y[i] as number;
      if (at(i) === null) {
        if (iGap < 0) iGap = i;
      } else {
        if (iMin < 0 || yv < (y[iMin] as number)) iMin = i;
        if (iMax < 0 || yv > (y[iMax] as number)) iMax = i;
      }
    }
    const keep = [...new Set([iMin, iMax, iGap].filter((i) => i >= 0))].sort((a, c) => a - c);
    for (const i of keep) out.push(i === iGap ? null : at(i));
  }
  return out;
}

/** Splits points at gaps into runs of consecutive drawable points. */
function segments(points: readonly Point[]): { x: number; y: number }[][] {
  const runs: { x: number; y: number }[][] = [[]];
  for (const p of points) {
    if (p === null) runs.push([]);
    else runs[runs.length - 1]?.push(p);
  }
  return runs.filter((r) => r.length > 0);
}

/** Extent of every drawable point, or null when there is none. */
function extent(
  all: readonly (readonly Point[])[],
  pick: (p: { x: number; y: number }) => number,
): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const points of all) {
    for (const p of points) {
      if (p === null) continue;
      const v = pick(p);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Pixel frame of the plot area. */
interface Frame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** Grid lines, axis lines, tick labels. */
function axesSvg(f: Frame, xAxis: Axis, yAxis: Axis): string {
  const xs = xAxis.ticks.map((t) => f.left + fraction(t, xAxis.lo, xAxis.hi) * f.width);
  const ys = yAxis.ticks.map((t) => f.top + f.height - fraction(t, yAxis.lo, yAxis.hi) * f.height);
  const bottom = f.top + f.height;
  const right = f.left + f.width;
  const grid = [
    ...xs.map((x) => `<line x1="${num(x)}" y1="${num(f.top)}" x2="${num(x)}" y2="${num(bottom)}"/>`),
    ...ys.map((y) => `<line x1="${num(f.left)}" y1="${num(y)}" x2="${num(right)}" y2="${num(y)}"/>`),
  ];
  const xLabels = xAxis.ticks.map(
    (t, i) =>
      `<text x="${num(xs[i] ?? 0)}" y="${num(bottom + 18)}" text-anchor="middle">${text(xAxis.label(t))}</text>`,
  );
  const yLabels = yAxis.ticks.map(
    (t, i) =>
      `<text x="${num(f.left - 8)}" y="${num((ys[i] ?? 0) + 4)}" text-anchor="end">${text(yAxis.label(t))}</text>`,
  );
  return (
    `<g class="lineplot-grid" stroke="currentColor" stroke-opacity="0.15">${grid.join("")}</g>` +
    `<g class="lineplot-axes" stroke="currentColor"><line x1="${num(f.left)}" y1="${num(bottom)}" x2="${num(right)}" y2="${num(bottom)}"/>` +
    `<line x1="${num(f.left)}" y1="${num(f.top)}" x2="${num(f.left)}" y2="${num(bottom)}"/></g>` +
    `<g class="lineplot-ticks" fill="currentColor">${xLabels.join("")}${yLabels.join("")}</g>`
  );
}

/** matplotlib line styles as SVG dash patterns; "" is solid, null draws no line (markers only). */
const LINESTYLES: Readonly<Record<string, string | null>> = {
  "-": "",
  solid: "",
  "--": "6 3",
  dashed: "6 3",
  ":": "2 2",
  dotted: "2 2",
  "-.": "8 3 2 3",
  dashdot: "8 3 2 3",
  None: null,
  none: null,
  " ": null,
  "": null,
};

/** A series' own colour (run.json `color`, e.g. matplotlib's from Python) only when it is `#rrggbb`. */
const OWN_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** Colour of series `i`: its own valid `#rrggbb`, else the palette's. */
function seriesColour(i: number, series: LineSeries | undefined): string {
  const own = series?.color;
  return own !== undefined && OWN_COLOUR.test(own) ? own : (PALETTE[i % PALETTE.length] ?? "currentColor");
}

/** Stroke attributes of series `i`: its colour, and its own line style or, without its own colour, a dash pattern once the palette has cycled. */
function seriesStroke(i: number, series: LineSeries | undefined): string {
  const linestyle = series?.linestyle ?? null;
  const colour = seriesColour(i, series);
  const own = linestyle !== null && Object.hasOwn(LINESTYLES, linestyle) ? LINESTYLES[linestyle] : undefined;
  if (own === null) return `stroke="none"`;
  // A line with its own colour is drawn as its producer drew it: solid unless it has a style.
  const cycled =
    series?.color !== undefined && OWN_COLOUR.test(series.color)
      ? ""
      : DASHES[Math.floor(i / PALETTE.length) % DASHES.length];
  const dash = own ?? cycled ?? "";
  return `stroke="${colour}"${dash === "" ? "" : ` stroke-dasharray="${dash}"`}`;
}

/** One series: a path through every run of points, a dot for each point that has no neighbour, and its markers. */
function seriesSvg(
  points: readonly Point[],
  i: number,
  series: LineSeries | undefined,
  f: Frame,
  xAxis: Axis,
  yAxis: Axis,
): string {
  const px = (v: number): string => num(f.left + fraction(v, xAxis.lo, xAxis.hi) * f.width);
  const py = (v: number): string => num(f.top + f.height - fraction(v, yAxis.lo, yAxis.hi) * f.height);
  const runs = segments(points);
  const d = runs
    .filter((r) => r.length > 1)
    .map((r) => `M${r.map((p) => `${px(p.x)},${py(p.y)}`).join("L")}`)
    .join("");
  const name = series?.name ?? null;
  const marker = series?.marker ?? null;
  const tooltip = name === null ? "" : `<title>${text(name)}</title>`;
  const dots = runs
    .filter((r) => r.length === 1 && marker === null)
    .map(
      (r) =>
        `<circle cx="${px(r[0]?.x ?? 0)}" cy="${py(r[0]?.y ?? 0)}" r="2.5" fill="${seriesColour(i, series)}" stroke="none"/>`,
    );
  const marks =
    marker === null
      ? ""
      : markersSvg(
          marker,
          runs.flat().map((p) => ({ x: px(p.x), y: py(p.y) })),
          seriesColour(i, series),
        );
  return `<g class="series series-${i % PALETTE.length}" ${seriesStroke(i, series)}><path class="series-line"${d === "" ? "" : ` d="${d}"`}>${tooltip}</path>${dots.join("")}${marks}</g>`;
}

/** Legend entries for named series, flowed into rows; returns the SVG and the height used. */
function legendSvg(plot: LinePlotData, left: number, top: number): { svg: string; height: number } {
  const named = plot.series
    .map((s, i) => ({ name: s.name, i }))
    .filter((e): e is { name: string; i: number } => e.name !== null);
  if (named.length === 0) return { svg: "", height: 0 };
  const entries = named.slice(0, MAX_LEGEND_ENTRIES).map((e) => ({
    ...e,
    label: e.name.length > MAX_LEGEND_CHARS ? `${e.name.slice(0, MAX_LEGEND_CHARS - 1)}…` : e.name,
  }));
  if (named.length > entries.length)
    entries.push({ name: "", i: -1, label: `… and ${named.length - entries.length} more series` });
  const items: string[] = [];
  let x = left;
  let row = 0;
  for (const e of entries) {
    const w = 30 + e.label.length * CHAR_WIDTH + 16;
    if (x > left && x + w > WIDTH - 10) {
      x = left;
      row += 1;
    }
    const y = top + row * LEGEND_ROW;
    const series = plot.series[e.i];
    const line = `<line x1="${num(x)}" y1="${num(y)}" x2="${num(x + 24)}" y2="${num(y)}" stroke-width="2" ${seriesStroke(e.i, series)}/>`;
    const mark = series?.marker
      ? markersSvg(series.marker, [{ x: num(x + 12), y: num(y) }], seriesColour(e.i, series))
      : "";
    const swatch = e.i < 0 ? "" : `${line}${mark}`;
    items.push(
      `<g class="legend-item">${swatch}<text x="${num(x + 30)}" y="${num(y + 4)}">${text(e.label)}</text></g>`,
    );
    x += w;
  }
  return {
    svg: `<g class="lineplot-legend" fill="currentColor">${items.join("")}</g>`,
    height: (row + 1) * LEGEND_ROW,
  };
}

/** Text for `<desc>`: what a screen reader user needs to know about each series. */
function description(plot: LinePlotData, all: readonly (readonly Point[])[]): string {
  const parts = plot.series.slice(0, 20).map((s, i) => {
    const ext = extent([all[i] ?? []], (p) => p.y);
    const range =
      ext === null ? "no finite values" : `y from ${Number(ext[0].toPrecision(6))} to ${Number(ext[1].toPrecision(6))}`;
    return `${s.name ?? `series ${i + 1}`}: ${s.y.length} points, ${range}`;
  });
  const more = plot.series.length > 20 ? `; and ${plot.series.length - 20} more series` : "";
  return `Line plot of ${plot.series.length} series. ${parts.join("; ")}${more}.`;
}

/**
 * Draws `plot` as a standalone, accessible SVG string. Ids are `${idPrefix}-title` and
 * `${idPrefix}-desc`. Throws CuriError for a plot with no series or mismatched x/y lengths.
 */
export function lineplotSvg(plot: LinePlotData, idPrefix: string): string {
  checkPlot(plot);
  const all = plot.series.map((s) => seriesPoints(s.y, s.x));
  const byIndex = plot.series.every((s) => s.x === null);
  const [x0, x1] = extent(all, (p) => p.x) ?? [0, 1];
  const [y0, y1] = extent(all, (p) => p.y) ?? [0, 1];
  // Integer values (steps, epochs, counts) get integer ticks, never 0.5 of a step.
  const integers = (pick: (p: { x: number; y: number }) => number): boolean =>
    all.every((points) => points.every((p) => p === null || Number.isInteger(pick(p))));
  const xAxis = niceAxis(x0, x1, 7, byIndex || integers((p) => p.x));
  const yAxis = niceAxis(
    y0,
    y1,
    5,
    integers((p) => p.y),
  );
  const yLabelWidth = Math.max(...yAxis.ticks.map((t) => yAxis.label(t).length)) * CHAR_WIDTH;
  const top = 14 + (plot.title ? 26 : 0);
  const left = 12 + (plot.yLabel ? 20 : 0) + yLabelWidth + 10;
  const f: Frame = { left, top, width: WIDTH - left - 24, height: PLOT_HEIGHT };
  const bottom = top + PLOT_HEIGHT;
  const legend = legendSvg(plot, left, bottom + (plot.xLabel ? 58 : 38));
  const height = bottom + (plot.xLabel ? 48 : 28) + (legend.height > 0 ? legend.height + 10 : 0);
  const id = text(idPrefix);
  const heading = plot.title || "Line plot";
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="lineplot-svg" viewBox="0 0 ${WIDTH} ${num(height)}" width="${WIDTH}" height="${num(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, sans-serif" font-size="12">`,
    `<title id="${id}-title">${text(heading)}</title><desc id="${id}-desc">${text(description(plot, all))}</desc>`,
    axesSvg(f, xAxis, yAxis),
    `<g class="lineplot-series" fill="none" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round">`,
    ...all.map((points, i) => seriesSvg(points, i, plot.series[i], f, xAxis, yAxis)),
    `</g>`,
    plot.title
      ? `<text class="lineplot-title" x="${num(WIDTH / 2)}" y="22" text-anchor="middle" font-size="14" font-weight="bold" fill="currentColor">${text(plot.title)}</text>`
      : "",
    plot.xLabel
      ? `<text class="lineplot-xlabel" x="${num(left + f.width / 2)}" y="${num(bottom + 40)}" text-anchor="middle" fill="currentColor">${text(plot.xLabel)}</text>`
      : "",
    plot.yLabel
      ? `<text class="lineplot-ylabel" transform="translate(16 ${num(top + PLOT_HEIGHT / 2)}) rotate(-90)" text-anchor="middle" fill="currentColor">${text(plot.yLabel)}</text>`
      : "",
    legend.svg,
    `</svg>`,
  ];
  return parts.join("");
}
