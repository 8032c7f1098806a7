/**
 * What every analysis chart shares: d3-scale positions and ticks for an axis (linear, log or
 * categorical), escaping, coordinate rounding, and the accessible SVG shell. Charts are static SVG
 * strings: a viewBox so they scale to any width, `currentColor` and `an-*` classes so the page's
 * light or dark theme colours them, coordinates rounded to 2 decimals so output is small and the
 * same bytes every time.
 */
import { scaleLinear, scaleLog, scalePoint } from "d3-scale";
import { escapeHtml, showControlChars } from "../../util/escape.js";
import { ellipsize } from "../../util/clip.js";
import type { Axis } from "./model.js";

/** Approximate advance of one character at the charts' 12 px font, for layout without measuring text. */
export const CHAR_WIDTH = 6.8;

/** A tick: where, its label ("" for an unlabelled minor tick). */
export interface Tick {
  readonly at: number;
  readonly label: string;
}

/** An axis placed on a pixel range. */
export interface Placed {
  /** Pixel position of a value (numeric) or level index (categorical). */
  readonly at: (v: number) => number;
  readonly ticks: readonly Tick[];
  /** Pixels between neighbouring categories (categorical), else 0. */
  readonly step: number;
}

/** Escapes text from the run for SVG content and attributes; control characters become visible. */
export function esc(text: string): string {
  return escapeHtml(showControlChars(text));
}

/** Rounds a coordinate to 2 decimals, never printing `-0`. */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
}

/** A number for a tick or a label: plain with up to 4 significant digits, exponent form for tiny or huge values. */
export function formatTick(v: number): string {
  if (v === 0) return "0";
  const abs = Math.abs(v);
  if (abs < 1e-3 || abs >= 1e6) return Number(v.toPrecision(4)).toExponential().replace("e+", "e");
  return String(Number(v.toPrecision(4)));
}

/** A log axis's ticks: the powers of ten inside the (niced) domain, all plain numbers or all `1e<k>`. */
function logTicks(lo: number, hi: number, at: (v: number) => number): Tick[] {
  const k0 = Math.ceil(Math.log10(lo) - 1e-9);
  const k1 = Math.floor(Math.log10(hi) + 1e-9);
  const exponent = k0 < -3 || k1 > 5;
  const ticks: Tick[] = [];
  for (let k = k0; k <= k1; k++)
    ticks.push({ at: at(Number(`1e${k}`)), label: exponent ? `1e${k}` : String(Number(`1e${k}`)) });
  return ticks;
}

/** Labels for evenly spaced ticks: as many decimals as the step needs, or exponent form for tiny or huge values, alike on one axis. */
function linearLabels(ticks: readonly number[]): string[] {
  const step = ticks.length > 1 ? Math.abs((ticks[1] as number) - (ticks[0] as number)) : Math.abs(ticks[0] ?? 1) || 1;
  const maxAbs = Math.max(...ticks.map(Math.abs));
  const stepExp = Math.floor(Math.log10(step) + 1e-9);
  if (maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-3)) {
    const digits = Math.min(15, Math.max(0, Math.floor(Math.log10(maxAbs)) - stepExp));
    return ticks.map((v) => (Math.abs(v) < step / 2 ? "0" : v.toExponential(digits).replace("e+", "e")));
  }
  const decimals = Math.min(20, Math.max(0, -stepExp));
  return ticks.map((v) => (Math.abs(v) < step / 2 ? "0" : v.toFixed(decimals)));
}

/** Places `axis` on the pixel range [from, to] (for a y axis, from is the bottom), with about `count` ticks. */
export function placeAxis(axis: Axis, from: number, to: number, count = 5): Placed {
  if (axis.kind === "categorical") {
    const levels = axis.levels.map((_, i) => i);
    const scale = scalePoint<number>().domain(levels).range([from, to]).padding(0.5);
    const at = (v: number): number => scale(Math.round(v)) ?? from;
    return { at, ticks: axis.levels.map((label, i) => ({ at: at(i), label })), step: scale.step() };
  }
  const [lo, hi] = axis.min === axis.max ? padded(axis) : [axis.min, axis.max];
  if (axis.scale === "log" && lo > 0) {
    const scale = scaleLog().domain([lo, hi]).range([from, to]).nice();
    const at = (v: number): number => scale(v);
    const [dlo, dhi] = scale.domain() as [number, number];
    return { at, ticks: logTicks(dlo, dhi, at), step: 0 };
  }
  const scale = scaleLinear().domain([lo, hi]).range([from, to]).nice(count);
  const found = scale.ticks(count).filter((t) => !axis.integer || Number.isInteger(t));
  const values = found.length > 0 ? found : [lo, hi];
  const labels = linearLabels(values);
  const ticks = values.map((t, i) => ({ at: scale(t), label: labels[i] ?? formatTick(t) }));
  return { at: (v) => scale(v), ticks, step: 0 };
}

/** A zero-width range widened so a constant still gets an axis. */
function padded(axis: Axis): [number, number] {
  const v = axis.min;
  const pad = axis.integer ? 1 : v === 0 ? 1 : Math.abs(v) * 0.1;
  return axis.scale === "log" ? [v / 10, v * 10] : [v - pad, v + pad];
}

/** The widest tick label of a placed axis, in characters. */
export function widestLabel(placed: Placed): number {
  return Math.max(1, ...placed.ticks.map((t) => t.label.length));
}

/** A label cut to `max` characters, escaped. */
export function shortLabel(text: string, max: number): string {
  return esc(ellipsize(text, max));
}

/** The opening of a chart: an accessible, scalable SVG with a title and description. */
export function svgOpen(o: {
  readonly kind: string;
  readonly idPrefix: string;
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly desc: string;
  readonly data?: string;
}): string {
  const id = esc(o.idPrefix);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="an-chart an-${o.kind}" viewBox="0 0 ${num(o.width)} ${num(o.height)}" width="${num(o.width)}" height="${num(o.height)}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, sans-serif" font-size="12"${o.data ?? ""}>` +
    `<title id="${id}-title">${esc(o.title)}</title><desc id="${id}-desc">${esc(o.desc)}</desc>`
  );
}

/** A chart's heading, centred at the top. */
export function titleText(title: string, width: number): string {
  return `<text class="an-title" x="${num(width / 2)}" y="18" text-anchor="middle" font-size="14" font-weight="bold" fill="currentColor">${shortLabel(title, Math.floor((width - 20) / 8))}</text>`;
}
