/**
 * Sparklines: a metric's step series as a tiny inline SVG line (no axes, no text), drawn beside its
 * last value in tables. Few points and 1-decimal coordinates keep a table of thousands of rows small.
 */
import { escapeHtml, showControlChars } from "../../util/escape.js";
import type { MetricPoint } from "../facts/metrics.js";

/** Width and height of a sparkline in CSS pixels. */
const WIDTH = 64;
const HEIGHT = 16;
/** Most points drawn; longer series are sampled evenly (first and last always kept). */
const MAX_POINTS = 32;

/** Rounds to one decimal: small and deterministic output. */
function r1(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** Evenly spaced samples of `points`, keeping the first and the last. */
function sample(points: readonly MetricPoint[]): readonly MetricPoint[] {
  if (points.length <= MAX_POINTS) return points;
  const out: MetricPoint[] = [];
  for (let i = 0; i < MAX_POINTS; i++)
    out.push(points[Math.round((i * (points.length - 1)) / (MAX_POINTS - 1))] as MetricPoint);
  return out;
}

/**
 * The sparkline of a series, or null when it has fewer than two finite points. Non-finite values
 * break the line (a gap), as in the report's line plots. `label` becomes the SVG's accessible name.
 */
export function sparklineSvg(series: readonly MetricPoint[], label: string): string | null {
  const points = sample(series);
  const finite = points.filter((p) => Number.isFinite(p.value) && Number.isFinite(p.step));
  if (finite.length < 2) return null;
  const xs = finite.map((p) => p.step);
  const ys = finite.map((p) => p.value);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => (x1 === x0 ? WIDTH / 2 : 1 + ((x - x0) / (x1 - x0)) * (WIDTH - 2));
  const sy = (y: number) => (y1 === y0 ? HEIGHT / 2 : HEIGHT - 1 - ((y - y0) / (y1 - y0)) * (HEIGHT - 2));
  let d = "";
  let pen = false;
  for (const p of points) {
    if (!Number.isFinite(p.value) || !Number.isFinite(p.step)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${r1(sx(p.step))} ${r1(sy(p.value))}`;
    pen = true;
  }
  const name = escapeHtml(showControlChars(label));
  return `<svg class="sparkline" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${name}"><path d="${d}" fill="none" stroke="currentColor" stroke-width="1.2"/></svg>`;
}
