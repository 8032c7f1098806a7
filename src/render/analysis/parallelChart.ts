/**
 * The parallel-coordinates chart: a vertical axis per arg and per metric, a line per record
 * coloured by the primary metric (best on top), as static SVG. Metric axes put the better end at
 * the top. For the page's script (brushing an axis filters lines and the results table) every axis
 * carries its name, kind, scale, domain and pixel extent, and every line its record index and its
 * value on each axis, as data attributes.
 */
import { canonicalJson } from "../../record/jsonify.js";
import { ellipsize } from "../../util/clip.js";
import { formatMetric } from "../facts/metrics.js";
import { CHAR_WIDTH, esc, num, placeAxis, shortLabel, svgOpen, titleText, type Placed } from "./chartKit.js";
import type { Axis, ParallelCoordinates } from "./model.js";
import { LIGHT_STEPS, STEPS, stepOf } from "./palette.js";

const AXIS_GAP = 104;
const MIN_WIDTH = 420;
const MARGIN = 56;
const TOP = 58;
const PLOT_HEIGHT = 220;
/** Longest axis name shown (the full name is in its tooltip). */
const MAX_NAME_CHARS = 14;
/** Most category labels written on one axis (every k-th past that). */
const MAX_AXIS_LABELS = 12;

/** Pixel range of an axis: metric axes put the better end at the top. */
function placeVertical(axis: Axis): Placed {
  const bottom = TOP + PLOT_HEIGHT;
  return axis.goal === "min" ? placeAxis(axis, TOP, bottom) : placeAxis(axis, bottom, TOP);
}

/** Data attributes of an axis: what a brushing script needs to turn pixels into values. */
function axisData(axis: Axis, i: number, x: number, placed: Placed): string {
  const common = ` data-axis="${i}" data-name="${esc(axis.name)}" data-role="${axis.role}" data-kind="${axis.kind}" data-scale="${axis.scale}" data-x="${num(x)}"`;
  if (axis.kind === "categorical") {
    const positions = axis.levels.map((_, k) => num(placed.at(k))).join(",");
    return `${common} data-levels="${esc(canonicalJson([...axis.levels]))}" data-positions="${positions}"`;
  }
  const [top, bottom] = [TOP, TOP + PLOT_HEIGHT];
  return `${common} data-min="${axis.min}" data-max="${axis.max}" data-y-top="${top}" data-y-bottom="${bottom}" data-at-min="${num(placed.at(axis.min))}" data-at-max="${num(placed.at(axis.max))}"`;
}

/** One axis: its line, ticks and labels, and its name on top. */
function axisSvg(axis: Axis, i: number, x: number, placed: Placed): string {
  const every = Math.max(1, Math.ceil(placed.ticks.length / MAX_AXIS_LABELS));
  const ticks = placed.ticks
    .filter((_, k) => k % every === 0)
    .map(
      (t) =>
        `<line x1="${num(x - 3)}" y1="${num(t.at)}" x2="${num(x + 3)}" y2="${num(t.at)}"/><text x="${num(x + 6)}" y="${num(t.at + 4)}" stroke="none">${shortLabel(t.label, 10)}</text>`,
    );
  const better = axis.role === "metric" ? " ▲ better" : "";
  const full = `${axis.name}${axis.scale === "log" ? " (log)" : ""}`;
  const tip =
    full.length > MAX_NAME_CHARS || better !== ""
      ? `<title>${esc(`${full}${better ? ` (${axis.goal === "min" ? "lower" : "higher"} is better, at the top)` : ""}`)}</title>`
      : "";
  return (
    `<g class="an-pc-axis"${axisData(axis, i, x, placed)} stroke="currentColor" fill="currentColor">` +
    `<line x1="${num(x)}" y1="${TOP}" x2="${num(x)}" y2="${TOP + PLOT_HEIGHT}"/>${ticks.join("")}` +
    `<text class="an-axis-name" x="${num(x)}" y="${TOP - 22}" text-anchor="middle" stroke="none" font-weight="bold">${tip}${shortLabel(full, MAX_NAME_CHARS)}</text>` +
    (better === ""
      ? ""
      : `<text x="${num(x)}" y="${TOP - 8}" text-anchor="middle" stroke="none" font-size="10">${better.trim()}</text>`) +
    `</g>`
  );
}

/** A line's path through its values; a missing value breaks it. */
function linePath(values: readonly (number | null)[], xs: readonly number[], placed: readonly Placed[]): string {
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${num(xs[i] as number)} ${num((placed[i] as Placed).at(v))}`;
    pen = true;
  });
  return d;
}

/** The colour legend: worst to best in the palette's steps, with the metric's values at the ends. */
export function legendSvg(axis: Axis, x: number, y: number): string {
  const worstText = `worst ${formatMetric(axis.goal === "min" ? axis.max : axis.min)}`;
  const bestText = `best ${formatMetric(axis.goal === "min" ? axis.min : axis.max)}`;
  const label = ellipsize(`${axis.name}:`, 24);
  const worstAt = x + label.length * CHAR_WIDTH + 8;
  const swatchAt = worstAt + worstText.length * CHAR_WIDTH + 6;
  const swatches = Array.from(
    { length: STEPS },
    (_, k) =>
      `<rect class="an-swatch an-s${k}" x="${num(swatchAt + k * 14)}" y="${num(y - 10)}" width="14" height="12" fill="${LIGHT_STEPS[k]}"/>`,
  );
  return (
    `<g class="an-legend" fill="currentColor"><text x="${num(x)}" y="${num(y)}">${esc(label)}</text>` +
    `<text x="${num(worstAt)}" y="${num(y)}">${esc(worstText)}</text>${swatches.join("")}` +
    `<text x="${num(swatchAt + STEPS * 14 + 6)}" y="${num(y)}">${esc(bestText)}</text></g>`
  );
}

/** Draws the parallel-coordinates chart as a standalone, accessible SVG string. */
export function parallelSvg(pc: ParallelCoordinates, idPrefix: string): string {
  const width = Math.max(MIN_WIDTH, 2 * MARGIN + (pc.axes.length - 1) * AXIS_GAP);
  const height = TOP + PLOT_HEIGHT + 52;
  // Axes spread over the width (a few axes get wider gaps), at least AXIS_GAP apart.
  const gap = (width - 2 * MARGIN) / Math.max(1, pc.axes.length - 1);
  const xs = pc.axes.map((_, i) => MARGIN + i * gap);
  const placed = pc.axes.map(placeVertical);
  const colour = pc.axes[pc.colourAxis] as Axis;
  const worst = colour.goal === "min" ? colour.max : colour.min;
  const best = colour.goal === "min" ? colour.min : colour.max;
  const lines = pc.lines.map((line) => {
    const v = line.values[pc.colourAxis] ?? Number.NaN;
    const step = stepOf(v, worst, best);
    const values = line.values.map((x) => (x === null ? "" : String(x))).join(",");
    return `<path class="an-line an-s${step}" stroke="${LIGHT_STEPS[step]}" data-record="${line.record}" data-values="${values}" d="${linePath(line.values, xs, placed)}"/>`;
  });
  const drawn =
    pc.lines.length < pc.total ? `; ${pc.lines.length} of them drawn (a seeded sample that keeps the 20 best)` : "";
  const names = pc.axes.map((a) => a.name).join(", ");
  const desc = `Parallel coordinates of ${pc.total} records over ${names}, coloured by ${colour.name} (${colour.goal === "min" ? "lower" : "higher"} is better)${drawn}.`;
  return [
    svgOpen({
      kind: width > MIN_WIDTH ? "parallel an-wide" : "parallel",
      idPrefix,
      width,
      height,
      title: `Parallel coordinates, coloured by ${colour.name}`,
      desc,
      data: ` data-colour-axis="${pc.colourAxis}" data-total="${pc.total}"`,
    }),
    titleText(`Args and metrics, coloured by ${colour.name}`, width),
    `<g class="an-lines" fill="none" stroke-width="1.2" stroke-opacity="0.6">${lines.join("")}</g>`,
    ...pc.axes.map((a, i) => axisSvg(a, i, xs[i] as number, placed[i] as Placed)),
    legendSvg(colour, 12, height - 14),
    `</svg>`,
  ].join("");
}
