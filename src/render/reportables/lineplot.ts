/**
 * Line plot reportables (curifactory's LinePlotReporter drew a PNG with matplotlib): an SVG drawn
 * at build time, inline, so it follows the page theme and needs no file. Values a plot cannot
 * place (NaN, ±Infinity, missing) are gaps in the line and are named under the plot, so a reader
 * sees that they exist rather than a line that silently skips them.
 */
import type { LinePlotData, LineSeries } from "../../run/model.js";
import { escapeHtml } from "../../util/escape.js";
import { clipField } from "../../util/clip.js";
import { timed } from "../../util/phases.js";
import { lineplotSvg } from "../plot/lineplot.js";
import type { RenderedFragment } from "../types.js";
import type { ReportableContext } from "./context.js";

/** Series named in the note at most; the rest are summed up. */
const MAX_NOTED_SERIES = 10;

/** "2 NaN, 1 -Infinity" for one series' y values, or "" when every value is finite. */
function nonFiniteCounts(series: LineSeries): string {
  const counts = new Map<string, number>();
  for (const v of series.y) {
    const label =
      v === null
        ? "missing"
        : Number.isNaN(v)
          ? "NaN"
          : v === Infinity
            ? "Infinity"
            : v === -Infinity
              ? "-Infinity"
              : null;
    if (label !== null) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => `${n} ${label}`).join(", ");
}

/** `<figcaption>` naming the values left out of the drawing, or "" when there are none. */
export function nonFiniteNote(plot: LinePlotData): string {
  const parts = plot.series.flatMap((s, i) => {
    const counts = nonFiniteCounts(s);
    return counts === "" ? [] : [`${clipField(s.name ?? `series ${i + 1}`, 80)}: ${counts}`];
  });
  if (parts.length === 0) return "";
  const more = parts.length > MAX_NOTED_SERIES ? `; and ${parts.length - MAX_NOTED_SERIES} more series` : "";
  return `<figcaption class="nonfinite-note">Not drawn (gaps): ${escapeHtml(parts.slice(0, MAX_NOTED_SERIES).join("; "))}${escapeHtml(more)}</figcaption>`;
}

/** Renders a line plot as `<figure class="lineplot">` holding the SVG; throws CuriError for a plot with no series. */
export function renderLinePlotReportable(plot: LinePlotData, ctx: ReportableContext): RenderedFragment {
  const svg = timed("plots", () => lineplotSvg(plot, ctx.idPrefix));
  return { html: `<figure class="lineplot">${svg}${nonFiniteNote(plot)}</figure>`, files: [], copies: [] };
}
