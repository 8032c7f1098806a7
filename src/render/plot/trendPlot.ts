/**
 * A metric across an experiment's runs, drawn for the index as static SVG (no script): the x axis
 * counts runs, so its ticks are whole run numbers; every run with the metric is a point that links
 * to its report, with a tooltip naming the run, the value and the date; a run that failed is
 * marked with a cross (on its value, or at the foot of the plot when it has none), so a failure is
 * seen, not a gap. The line joins neighbouring runs that have the metric; a run without it breaks
 * the line. d3-scale places the axes; colours come from the page's theme (`trend-*` classes).
 */
import { scaleLinear } from "d3-scale";
import { escapeHtml, showControlChars } from "../../util/escape.js";

/** One run of the plot, oldest first. */
export interface TrendRun {
  /** Run number (or position): the x value, a whole number. */
  readonly x: number;
  /** The metric's value, or null when the run has none (failed before logging it, or never logs it). */
  readonly y: number | null;
  /** Relative URL of the run's report, or null when the site no longer holds it (pruned): no link. */
  readonly href: string | null;
  /** Tooltip: `#3 · 30 Nov 2026 11:00`. */
  readonly label: string;
  /** `run failed` or `3 failed records` when the run (or some of its records) failed, else null. */
  readonly failure: string | null;
}

/** What to draw. */
export interface TrendPlotInput {
  readonly title: string;
  /** Runs, oldest first. */
  readonly runs: readonly TrendRun[];
  /** Prefix of the SVG's ids (unique on the page). */
  readonly idPrefix: string;
  /** The value as the page writes it (`formatMetric`). */
  readonly format: (v: number) => string;
}

const WIDTH = 640;
const TOP = 36;
const PLOT_HEIGHT = 200;
const LEFT_PAD = 14;
const RIGHT = 20;
/** Approximate advance of one character at 12px, for layout without measuring text. */
const CHAR_WIDTH = 7;
/** Half the size of a failure's cross. */
const CROSS = 5;

/** Escapes run text for SVG content and attributes; control characters become visible. */
function esc(text: string): string {
  return escapeHtml(showControlChars(text));
}

/** Rounds a coordinate to 2 decimals, never printing `-0`. */
function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
}

/** Whole-number ticks over [lo, hi]: d3's nice ticks without fractions, else both ends. */
function integerTicks(lo: number, hi: number): number[] {
  const found = scaleLinear()
    .domain([lo, hi])
    .ticks(Math.min(8, hi - lo + 1))
    .filter(Number.isInteger);
  return found.length > 0 ? found : [...new Set([lo, hi])];
}

/** A y label with as few digits as tell the ticks apart. */
function yTickLabel(ticks: readonly number[]): (v: number) => string {
  const step = ticks.length > 1 ? Math.abs((ticks[1] as number) - (ticks[0] as number)) : 1;
  const maxAbs = Math.max(...ticks.map(Math.abs));
  if (maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-3)) return (v) => (v === 0 ? "0" : v.toExponential(2));
  const decimals = Math.min(12, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
  return (v) => (Math.abs(v) < step / 2 ? 0 : v).toFixed(decimals);
}

/** A cross centred on (x, y). */
function cross(x: number, y: number): string {
  return `M${num(x - CROSS)},${num(y - CROSS)}L${num(x + CROSS)},${num(y + CROSS)}M${num(x - CROSS)},${num(y + CROSS)}L${num(x + CROSS)},${num(y - CROSS)}`;
}

/** Draws the trend of one metric; runs with neither a value nor a failure draw nothing. */
export function trendPlotSvg(input: TrendPlotInput): string {
  const { runs } = input;
  const values = runs.map((r) => r.y).filter((v): v is number => v !== null && Number.isFinite(v));
  const xs = runs.map((r) => r.x);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = values.length === 0 ? [0, 1] : [Math.min(...values), Math.max(...values)];
  const pad = y0 === y1 ? (y0 === 0 ? 1 : Math.abs(y0) * 0.1) : 0;
  const yScale = scaleLinear()
    .domain([y0 - pad, y1 + pad])
    .range([TOP + PLOT_HEIGHT, TOP])
    .nice(5);
  const yTicks = yScale.ticks(5);
  const yLabel = yTickLabel(yTicks);
  const left = LEFT_PAD + Math.max(...yTicks.map((t) => yLabel(t).length)) * CHAR_WIDTH + 10;
  // Half a run of margin on each side, so the first and last points are not on the frame.
  const xScale = scaleLinear()
    .domain([x0 - 0.5, x1 + 0.5])
    .range([left, WIDTH - RIGHT]);
  const bottom = TOP + PLOT_HEIGHT;
  const at = (r: TrendRun) => ({ x: xScale(r.x), y: r.y !== null && Number.isFinite(r.y) ? yScale(r.y) : null });
  const height = bottom + 44;
  const id = esc(input.idPrefix);
  const desc = runs
    .slice(0, 50)
    .map((r) => tooltip(r, input.format))
    .join("; ");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="trend-svg" viewBox="0 0 ${WIDTH} ${num(height)}" width="${WIDTH}" height="${num(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, sans-serif" font-size="12">`,
    `<title id="${id}-title">${esc(input.title)} by run</title><desc id="${id}-desc">${esc(desc)}${runs.length > 50 ? `; and ${runs.length - 50} more runs` : ""}.</desc>`,
    axes(xScale, yScale, integerTicks(x0, x1), yTicks, yLabel, left),
    `<text class="trend-title" x="${num(WIDTH / 2)}" y="20" text-anchor="middle" font-size="14" font-weight="bold" fill="currentColor">${esc(input.title)}</text>`,
    `<text class="trend-xlabel" x="${num((left + WIDTH - RIGHT) / 2)}" y="${num(bottom + 38)}" text-anchor="middle" fill="currentColor">run</text>`,
    line(runs.map(at)),
    ...runs.map((r) => point(r, at(r), bottom, input.format)),
    `</svg>`,
  ].join("");
}

/** Grid, axis lines and tick labels. */
function axes(
  xScale: (v: number) => number,
  yScale: (v: number) => number,
  xTicks: readonly number[],
  yTicks: readonly number[],
  yLabel: (v: number) => string,
  left: number,
): string {
  const bottom = TOP + PLOT_HEIGHT;
  const right = WIDTH - RIGHT;
  const grid = yTicks.map(
    (t) => `<line x1="${num(left)}" y1="${num(yScale(t))}" x2="${num(right)}" y2="${num(yScale(t))}"/>`,
  );
  const xLabels = xTicks.map(
    (t) => `<text x="${num(xScale(t))}" y="${num(bottom + 18)}" text-anchor="middle">${t}</text>`,
  );
  const yLabels = yTicks.map(
    (t) => `<text x="${num(left - 8)}" y="${num(yScale(t) + 4)}" text-anchor="end">${esc(yLabel(t))}</text>`,
  );
  const xMarks = xTicks.map(
    (t) => `<line x1="${num(xScale(t))}" y1="${num(bottom)}" x2="${num(xScale(t))}" y2="${num(bottom + 5)}"/>`,
  );
  return (
    `<g class="trend-grid" stroke="currentColor" stroke-opacity="0.15">${grid.join("")}</g>` +
    `<g class="trend-axes" stroke="currentColor"><line x1="${num(left)}" y1="${num(bottom)}" x2="${num(right)}" y2="${num(bottom)}"/>` +
    `<line x1="${num(left)}" y1="${num(TOP)}" x2="${num(left)}" y2="${num(bottom)}"/>${xMarks.join("")}</g>` +
    `<g class="trend-ticks" fill="currentColor">${xLabels.join("")}${yLabels.join("")}</g>`
  );
}

/** The line through neighbouring runs that have a value; a run without one breaks it. */
function line(points: readonly { x: number; y: number | null }[]): string {
  let d = "";
  let open = false;
  for (const p of points) {
    if (p.y === null) {
      open = false;
      continue;
    }
    d += `${open ? "L" : "M"}${num(p.x)},${num(p.y)}`;
    open = true;
  }
  return d === "" ? "" : `<path class="trend-line" d="${d}" fill="none" stroke="currentColor" stroke-width="1.5"/>`;
}

/**
 * One run: a linked dot with a tooltip, or a linked cross for a failed run (at the plot's foot when
 * it has no value). A run whose report was pruned is a hollow dot with its tooltip and no link, so
 * the plot has no dead link.
 */
function point(
  run: TrendRun,
  at: { x: number; y: number | null },
  bottom: number,
  format: (v: number) => string,
): string {
  if (at.y === null && run.failure === null) return "";
  const mark =
    run.failure !== null
      ? `<path class="trend-failed" d="${cross(at.x, at.y ?? bottom - CROSS - 2)}" stroke="#cf222e" stroke-width="2.5"/>`
      : run.href === null
        ? `<circle class="trend-point trend-pruned" cx="${num(at.x)}" cy="${num(at.y ?? 0)}" r="4.5" fill="none" stroke="currentColor" stroke-width="1.5"/>`
        : `<circle class="trend-point" cx="${num(at.x)}" cy="${num(at.y ?? 0)}" r="4.5" fill="currentColor"/>`;
  const title = `<title>${esc(tooltip(run, format))}</title>`;
  return run.href === null ? `<g>${title}${mark}</g>` : `<a href="${esc(run.href)}">${title}${mark}</a>`;
}

/** `#3 · 30 Nov 2026, 11:00:01: 0.93 (run failed)`. */
function tooltip(run: TrendRun, format: (v: number) => string): string {
  const value = run.y !== null && Number.isFinite(run.y) ? format(run.y) : "no value";
  const pruned = run.href === null ? " (report pruned)" : "";
  return `${run.label}: ${value}${run.failure === null ? "" : ` (${run.failure})`}${pruned}`;
}
