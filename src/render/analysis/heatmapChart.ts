/**
 * The two-arg heat map: the metric's mean in each combination of the two most important args
 * (both with few values), coloured from worst to best in the palette's steps, the value written in
 * each cell that is wide enough, the best cell outlined, and every cell's values in its tooltip.
 */
import { formatMetric, isBetter, type MetricGoal } from "../facts/metrics.js";
import { CHAR_WIDTH, esc, num, shortLabel, svgOpen, titleText } from "./chartKit.js";
import type { Axis, HeatCell, Heatmap } from "./model.js";
import { legendSvg } from "./parallelChart.js";
import { LIGHT_INK, LIGHT_STEPS, stepOf } from "./palette.js";
import { metricAxis } from "./slices.js";

const WIDTH = 420;
const TOP = 52;
/** Longest level label shown (the full one is in the cell's tooltip). */
const MAX_LEVEL_CHARS = 12;

/** Pixel layout of the grid. */
interface Layout {
  readonly left: number;
  readonly cellW: number;
  readonly cellH: number;
  readonly bottom: number;
}

/** A metric with its goal. */
type Metric = { readonly name: string; readonly goal: MetricGoal };

/** One cell: its colour step, its value when it fits, its tooltip, an outline when it is the best. */
function cellSvg(h: Heatmap, c: HeatCell, metric: Metric, at: Layout, step: number, best: boolean): string {
  const x = at.left + c.x * at.cellW;
  const y = TOP + c.y * at.cellH;
  const tip = `${h.x} = ${h.xLevels[c.x] ?? ""}, ${h.y} = ${h.yLevels[c.y] ?? ""}: mean ${metric.name} ${formatMetric(c.mean)} (n ${c.n})`;
  const text =
    at.cellW >= 40
      ? `<text class="an-cell-text an-t${step}" x="${num(x + at.cellW / 2)}" y="${num(y + at.cellH / 2 + 4)}" text-anchor="middle" fill="${LIGHT_INK[step]}" font-size="11">${esc(formatMetric(Number(c.mean.toPrecision(3))))}</text>`
      : "";
  const outline = best ? ` stroke="currentColor" stroke-width="2.5"` : "";
  return `<g class="an-cell${best ? " an-best-cell" : ""}" data-x="${c.x}" data-y="${c.y}" data-n="${c.n}"><title>${esc(tip)}</title><rect class="an-cell-fill an-s${step}" x="${num(x + 1)}" y="${num(y + 1)}" width="${num(at.cellW - 2)}" height="${num(at.cellH - 2)}" fill="${LIGHT_STEPS[step]}"${outline}/>${text}</g>`;
}

/** Level labels along both edges, and the two axis names. */
function labelsSvg(h: Heatmap, at: Layout): string {
  const xTicks = h.xLevels.map(
    (l, i) =>
      `<text x="${num(at.left + (i + 0.5) * at.cellW)}" y="${num(at.bottom + 16)}" text-anchor="middle">${shortLabel(l, Math.max(3, Math.floor(at.cellW / CHAR_WIDTH)))}</text>`,
  );
  const yTicks = h.yLevels.map(
    (l, i) =>
      `<text x="${num(at.left - 6)}" y="${num(TOP + (i + 0.5) * at.cellH + 4)}" text-anchor="end">${shortLabel(l, MAX_LEVEL_CHARS)}</text>`,
  );
  return (
    `<g class="an-ticks" fill="currentColor">${xTicks.join("")}${yTicks.join("")}</g>` +
    `<text class="an-xlabel" x="${num(at.left + (at.cellW * h.xLevels.length) / 2)}" y="${num(at.bottom + 36)}" text-anchor="middle" fill="currentColor">${shortLabel(h.x, 50)}</text>` +
    `<text class="an-ylabel" transform="translate(14 ${num((TOP + at.bottom) / 2)}) rotate(-90)" text-anchor="middle" fill="currentColor">${shortLabel(h.y, 30)}</text>`
  );
}

/** Draws `heatmap` of metric `metric` as a standalone, accessible SVG string. */
export function heatmapSvg(heatmap: Heatmap, metric: Metric, idPrefix: string): string {
  const left = 24 + Math.min(MAX_LEVEL_CHARS, Math.max(...heatmap.yLevels.map((l) => l.length), 1)) * CHAR_WIDTH + 8;
  const cellW = Math.min(64, (WIDTH - left - 12) / Math.max(1, heatmap.xLevels.length));
  const cellH = Math.min(36, Math.max(18, cellW * 0.6));
  const at: Layout = { left, cellW, cellH, bottom: TOP + cellH * heatmap.yLevels.length };
  const height = at.bottom + 72;
  const means = heatmap.cells.map((c) => c.mean);
  const [lo, hi] = [Math.min(...means), Math.max(...means)];
  const [worst, best] = metric.goal === "min" ? [hi, lo] : [lo, hi];
  const none: HeatCell = { x: 0, y: 0, mean: Number.NaN, n: 0 };
  const winner = heatmap.cells.reduce(
    (b, c) => (isBetter(c.mean, b.mean, metric.goal) ? c : b),
    heatmap.cells[0] ?? none,
  );
  const cells = heatmap.cells.map((c) => cellSvg(heatmap, c, metric, at, stepOf(c.mean, worst, best), c === winner));
  const title = `${metric.name} over ${heatmap.x} and ${heatmap.y}`;
  const missing = heatmap.xLevels.length * heatmap.yLevels.length - heatmap.cells.length;
  const desc = `Mean ${metric.name} (${metric.goal === "min" ? "lower" : "higher"} is better) for each combination of ${heatmap.x} (across) and ${heatmap.y} (down); best at ${heatmap.x} = ${heatmap.xLevels[winner.x] ?? ""}, ${heatmap.y} = ${heatmap.yLevels[winner.y] ?? ""}: ${formatMetric(winner.mean)}${missing > 0 ? `; ${missing} combinations were not run` : ""}.`;
  const colour: Axis = { ...metricAxis(metric.name, [lo, hi], metric.goal) };
  return [
    svgOpen({ kind: "heatmap", idPrefix, width: WIDTH, height, title, desc }),
    titleText(title, WIDTH),
    `<g class="an-cells">${cells.join("")}</g>`,
    labelsSvg(heatmap, at),
    legendSvg(colour, 12, height - 10),
    `</svg>`,
  ].join("");
}
