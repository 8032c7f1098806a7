/**
 * The slice chart: a metric against one arg, one point per record (jittered within a value or
 * category so repetitions do not hide each other), the mean per value as a line (numeric args) or
 * a mark (categories), a box per category, and the best record ringed. A numeric arg whose values
 * span decades gets a log axis. Points are one path of zero-length round-capped segments: about
 * 12 bytes a point instead of 40 for a `<circle>`.
 */
import type { MetricGoal } from "../facts/metrics.js";
import { formatMetric } from "../facts/metrics.js";
import {
  CHAR_WIDTH,
  esc,
  num,
  placeAxis,
  shortLabel,
  svgOpen,
  titleText,
  widestLabel,
  type Placed,
} from "./chartKit.js";
import type { Axis, Slice } from "./model.js";
import { mulberry32, SEEDS } from "./random.js";

/** Width of the chart's viewBox. */
const WIDTH = 420;
const PLOT_HEIGHT = 200;
const TOP = 34;
/** Longest category label on the x axis (the full label is in its tooltip). */
const MAX_TICK_CHARS = 14;
/** Most means named in the description. */
const MAX_DESC_MEANS = 24;

/** What a slice chart draws. */
export interface SliceChartInput {
  readonly slice: Slice;
  /** The arg's axis. */
  readonly axis: Axis;
  /** The metric's axis (its full range), with its name and goal. */
  readonly metric: Axis & { readonly goal: MetricGoal };
  /** The best record of the metric (ringed when drawn), or null. */
  readonly best: number | null;
  /** Prefix of the chart's element ids; unique on the page. */
  readonly idPrefix: string;
}

/** A value of the arg for people: a category's label or a number. */
function argText(axis: Axis, x: number): string {
  return axis.kind === "categorical" ? (axis.levels[x] ?? String(x)) : formatMetric(x);
}

/** The x tick labels, rotated when categories would collide. */
function xTicks(x: Placed, axis: Axis, bottom: number, rotate: boolean): string {
  const labels = x.ticks.map((t) => {
    const text = shortLabel(t.label, MAX_TICK_CHARS);
    const tip = t.label.length > MAX_TICK_CHARS ? `<title>${esc(t.label)}</title>` : "";
    return rotate
      ? `<text x="${num(t.at)}" y="${num(bottom + 14)}" text-anchor="end" transform="rotate(-40 ${num(t.at)} ${num(bottom + 14)})">${tip}${text}</text>`
      : `<text x="${num(t.at)}" y="${num(bottom + 16)}" text-anchor="middle">${tip}${text}</text>`;
  });
  return `<g class="an-ticks an-xticks" fill="currentColor" data-scale="${axis.scale}">${labels.join("")}</g>`;
}

/** Grid, axis lines and y tick labels of the plot frame. */
function frame(x: Placed, y: Placed, left: number, right: number, bottom: number): string {
  const grid = [
    ...y.ticks.map((t) => `<line x1="${num(left)}" y1="${num(t.at)}" x2="${num(right)}" y2="${num(t.at)}"/>`),
    ...x.ticks.map((t) => `<line x1="${num(t.at)}" y1="${num(TOP)}" x2="${num(t.at)}" y2="${num(bottom)}"/>`),
  ];
  const yLabels = y.ticks.map(
    (t) => `<text x="${num(left - 6)}" y="${num(t.at + 4)}" text-anchor="end">${esc(t.label)}</text>`,
  );
  return (
    `<g class="an-grid" stroke="currentColor" stroke-opacity="0.12">${grid.join("")}</g>` +
    `<g class="an-axis" stroke="currentColor"><line x1="${num(left)}" y1="${num(bottom)}" x2="${num(right)}" y2="${num(bottom)}"/><line x1="${num(left)}" y1="${num(TOP)}" x2="${num(left)}" y2="${num(bottom)}"/></g>` +
    `<g class="an-ticks an-yticks" fill="currentColor">${yLabels.join("")}</g>`
  );
}

/** Horizontal jitter (pixels) for each point: within a category's band, or a few pixels around a repeated numeric value. */
function jitters(input: SliceChartInput, x: Placed, plotWidth: number): number[] {
  const { axis, slice } = input;
  const spread =
    axis.kind === "categorical" ? x.step * 0.2 : axis.distinct <= 24 ? Math.min(6, plotWidth / (4 * axis.distinct)) : 0;
  const random = mulberry32(SEEDS.jitter);
  return slice.points.map(() => (spread === 0 ? 0 : (random() * 2 - 1) * spread));
}

/** Boxes (quartiles, median, whiskers to min and max) of the categories. */
function boxesSvg(input: SliceChartInput, x: Placed, y: Placed): string {
  const half = Math.min(18, x.step * 0.3);
  const boxes = input.slice.boxes.map((b) => {
    const cx = x.at(b.x);
    const tip = `${argText(input.axis, b.x)}: n ${b.n}, median ${formatMetric(b.median)}, quartiles ${formatMetric(b.q1)}–${formatMetric(b.q3)}, range ${formatMetric(b.min)}–${formatMetric(b.max)}`;
    return (
      `<g class="an-box"><title>${esc(tip)}</title>` +
      `<line x1="${num(cx)}" y1="${num(y.at(b.min))}" x2="${num(cx)}" y2="${num(y.at(b.max))}"/>` +
      `<rect x="${num(cx - half)}" y="${num(y.at(b.q3))}" width="${num(2 * half)}" height="${num(Math.max(0.5, y.at(b.q1) - y.at(b.q3)))}"/>` +
      `<line class="an-median" x1="${num(cx - half)}" y1="${num(y.at(b.median))}" x2="${num(cx + half)}" y2="${num(y.at(b.median))}" stroke-width="2"/></g>`
    );
  });
  return boxes.length === 0
    ? ""
    : `<g class="an-boxes" stroke="currentColor" fill="currentColor" fill-opacity="0.06">${boxes.join("")}</g>`;
}

/** The means: a line through them (numeric args) and a dot each, with its value in a tooltip. */
function meansSvg(input: SliceChartInput, x: Placed, y: Placed): string {
  const { slice, axis } = input;
  const pts = slice.means.map((m) => ({ m, px: x.at(m.x), py: y.at(m.mean) }));
  const line =
    axis.kind === "numeric" && pts.length > 1
      ? `<path d="M${pts.map((p) => `${num(p.px)} ${num(p.py)}`).join("L")}" fill="none"/>`
      : "";
  const what = slice.meanKind === "bin" ? "bin around" : "";
  const dots = pts.map(
    (p) =>
      `<circle cx="${num(p.px)}" cy="${num(p.py)}" r="3.5"><title>${esc(`${input.metric.name} mean at ${what ? `${what} ` : ""}${axis.name} = ${argText(axis, p.m.x)}: ${formatMetric(p.m.mean)} (n ${p.m.n})`)}</title></circle>`,
  );
  return `<g class="an-mean" stroke="#bc4c00" fill="#bc4c00" stroke-width="2">${line}${dots.join("")}</g>`;
}

/** Text for `<desc>`: what the chart shows, whether points were thinned, and the means. */
function description(input: SliceChartInput): string {
  const { slice, axis, metric } = input;
  const drawn =
    slice.points.length < slice.total
      ? `, ${slice.points.length} of them drawn (a seeded sample that keeps the best record)`
      : "";
  const scale = axis.scale === "log" ? " on a log axis" : "";
  const means = slice.means
    .slice(0, MAX_DESC_MEANS)
    .map((m) => `${argText(axis, m.x)}: ${formatMetric(m.mean)} (n ${m.n})`);
  const more = slice.means.length > MAX_DESC_MEANS ? `; and ${slice.means.length - MAX_DESC_MEANS} more` : "";
  const per = slice.meanKind === "bin" ? "per bin of" : "per value of";
  return `${metric.name} (${metric.goal === "min" ? "lower" : "higher"} is better) against ${axis.name}${scale}, ${slice.total} records${drawn}. Mean ${per} ${axis.name}: ${means.join("; ")}${more}.`;
}

/** Draws a slice as a standalone, accessible SVG string. */
export function sliceSvg(input: SliceChartInput): string {
  const { slice, axis, metric } = input;
  const y = placeAxis(metric, TOP + PLOT_HEIGHT, TOP);
  const left = 20 + widestLabel(y) * CHAR_WIDTH + 10;
  const right = WIDTH - 16;
  const bottom = TOP + PLOT_HEIGHT;
  const x = placeAxis(axis, left, right, 6);
  const longest = Math.min(MAX_TICK_CHARS, widestLabel(x));
  const rotate = axis.kind === "categorical" && x.ticks.length * (longest * CHAR_WIDTH + 8) > right - left;
  const tickDepth = rotate ? 10 + longest * CHAR_WIDTH * 0.65 : 22;
  const height = bottom + tickDepth + 26;
  const shift = jitters(input, x, right - left);
  const d = slice.points.map((p, i) => `M${num(x.at(p.x) + (shift[i] ?? 0))} ${num(y.at(p.y))}h0`).join("");
  const bestIndex = slice.points.findIndex((p) => p.record === input.best);
  const best = slice.points[bestIndex];
  const ring =
    best === undefined
      ? ""
      : `<circle class="an-best" cx="${num(x.at(best.x) + (shift[bestIndex] ?? 0))}" cy="${num(y.at(best.y))}" r="6" fill="none" stroke="currentColor" stroke-width="1.5"><title>${esc(`best: record ${best.record}, ${metric.name} ${formatMetric(best.y)}`)}</title></circle>`;
  const xLabel = `${axis.name}${axis.scale === "log" ? " (log scale)" : ""}`;
  const yLabel = `${metric.name} (${metric.goal === "min" ? "lower" : "higher"} is better)`;
  return [
    svgOpen({
      kind: "slice",
      idPrefix: input.idPrefix,
      width: WIDTH,
      height,
      title: `${metric.name} by ${axis.name}`,
      desc: description(input),
    }),
    titleText(`${metric.name} by ${axis.name}`, WIDTH),
    frame(x, y, left, right, bottom),
    xTicks(x, axis, bottom, rotate),
    boxesSvg(input, x, y),
    d === ""
      ? ""
      : `<path class="an-points" d="${d}" fill="none" stroke="currentColor" stroke-opacity="0.4" stroke-width="5" stroke-linecap="round"/>`,
    meansSvg(input, x, y),
    ring,
    `<text class="an-xlabel" x="${num((left + right) / 2)}" y="${num(height - 8)}" text-anchor="middle" fill="currentColor">${shortLabel(xLabel, 60)}</text>`,
    `<text class="an-ylabel" transform="translate(14 ${num(TOP + PLOT_HEIGHT / 2)}) rotate(-90)" text-anchor="middle" fill="currentColor">${shortLabel(yLabel, 34)}</text>`,
    `</svg>`,
  ].join("");
}
