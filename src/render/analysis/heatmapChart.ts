/**
 * The two-arg heat map: the metric's mean in each combination of the two most important args
 * (both with few values), coloured from worst to best in the palette's steps, the value written in
 * each cell that is wide enough, the best cell outlined, and every cell's values in its tooltip.
 */
import { formatMetric, isBetter, type MetricGoal } from "../facts/metrics.js";
import { CHAR_WIDTH, esc, num, shortLabel, svgOpen, titleText } from "./chartKit.js";
import type { Axis, Heatmap } from "./model.js";
import { legendSvg } from "./parallelChart.js";
import { LIGHT_INK, LIGHT_STEPS, stepOf } from "./palette.js";

const WIDTH = 420;
const TOP = 52;
/** Longest level label shown (the full one is in the cell's tooltip). */
const MAX_LEVEL_CHARS = 12;

/** Draws `heatmap` of metric `metric` as a standalone, accessible SVG string. */
export function heatmapSvg(
  heatmap: Heatmap,
  metric: { readonly name: string; readonly goal: MetricGoal },
  idPrefix: string,
): string {
  const yLabelChars = Math.min(MAX_LEVEL_CHARS, Math.max(...heatmap.yLevels.map((l) => l.length), 1));
  const left = 24 + yLabelChars * CHAR_WIDTH + 8;
  const cellW = Math.min(64, (WIDTH - left - 12) / Math.max(1, heatmap.xLevels.length));
  const cellH = Math.min(36, Math.max(18, cellW * 0.6));
  const bottom = TOP + cellH * heatmap.yLevels.length;
  const height = bottom + 72;
  const means = heatmap.cells.map((c) => c.mean);
  const lo = Math.min(...means);
  const hi = Math.max(...means);
  const [worst, best] = metric.goal === "min" ? [hi, lo] : [lo, hi];
  const winner = heatmap.cells.reduce(
    (b, c) => (isBetter(c.mean, b.mean, metric.goal) ? c : b),
    heatmap.cells[0] ?? { x: 0, y: 0, mean: Number.NaN, n: 0 },
  );
  const showText = cellW >= 40;
  const cells = heatmap.cells.map((c) => {
    const step = stepOf(c.mean, worst, best);
    const x = left + c.x * cellW;
    const y = TOP + c.y * cellH;
    const tip = `${heatmap.x} = ${heatmap.xLevels[c.x] ?? ""}, ${heatmap.y} = ${heatmap.yLevels[c.y] ?? ""}: mean ${metric.name} ${formatMetric(c.mean)} (n ${c.n})`;
    const text = showText
      ? `<text class="an-cell-text an-t${step}" x="${num(x + cellW / 2)}" y="${num(y + cellH / 2 + 4)}" text-anchor="middle" fill="${LIGHT_INK[step]}" font-size="11">${esc(formatMetric(Number(c.mean.toPrecision(3))))}</text>`
      : "";
    const outline = c === winner ? ` stroke="currentColor" stroke-width="2.5"` : "";
    return `<g class="an-cell${c === winner ? " an-best-cell" : ""}" data-x="${c.x}" data-y="${c.y}" data-n="${c.n}"><title>${esc(tip)}</title><rect class="an-cell-fill an-s${step}" x="${num(x + 1)}" y="${num(y + 1)}" width="${num(cellW - 2)}" height="${num(cellH - 2)}" fill="${LIGHT_STEPS[step]}"${outline}/>${text}</g>`;
  });
  const xTicks = heatmap.xLevels.map(
    (l, i) =>
      `<text x="${num(left + (i + 0.5) * cellW)}" y="${num(bottom + 16)}" text-anchor="middle">${shortLabel(l, Math.max(3, Math.floor(cellW / CHAR_WIDTH)))}</text>`,
  );
  const yTicks = heatmap.yLevels.map(
    (l, i) =>
      `<text x="${num(left - 6)}" y="${num(TOP + (i + 0.5) * cellH + 4)}" text-anchor="end">${shortLabel(l, MAX_LEVEL_CHARS)}</text>`,
  );
  const title = `${metric.name} over ${heatmap.x} and ${heatmap.y}`;
  const missing = heatmap.xLevels.length * heatmap.yLevels.length - heatmap.cells.length;
  const desc = `Mean ${metric.name} (${metric.goal === "min" ? "lower" : "higher"} is better) for each combination of ${heatmap.x} (across) and ${heatmap.y} (down); best at ${heatmap.x} = ${heatmap.xLevels[winner.x] ?? ""}, ${heatmap.y} = ${heatmap.yLevels[winner.y] ?? ""}: ${formatMetric(winner.mean)}${missing > 0 ? `; ${missing} combinations were not run` : ""}.`;
  const colour: Axis = {
    name: metric.name,
    role: "metric",
    kind: "numeric",
    scale: "linear",
    integer: false,
    min: lo,
    max: hi,
    levels: [],
    distinct: 2,
    pooled: 0,
    goal: metric.goal,
  };
  return [
    svgOpen({ kind: "heatmap", idPrefix, width: WIDTH, height, title, desc }),
    titleText(title, WIDTH),
    `<g class="an-cells">${cells.join("")}</g>`,
    `<g class="an-ticks" fill="currentColor">${xTicks.join("")}${yTicks.join("")}</g>`,
    `<text class="an-xlabel" x="${num(left + (cellW * heatmap.xLevels.length) / 2)}" y="${num(bottom + 36)}" text-anchor="middle" fill="currentColor">${shortLabel(heatmap.x, 50)}</text>`,
    `<text class="an-ylabel" transform="translate(14 ${num((TOP + bottom) / 2)}) rotate(-90)" text-anchor="middle" fill="currentColor">${shortLabel(heatmap.y, 30)}</text>`,
    legendSvg(colour, 12, height - 10),
    `</svg>`,
  ].join("");
}
