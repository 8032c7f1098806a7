/**
 * Line plot reportables (curifactory's LinePlotReporter drew a PNG with matplotlib): an SVG drawn
 * at build time, inline, so it follows the page theme and needs no file.
 */
import type { LinePlotData } from "../../run/model.js";
import { timed } from "../../util/phases.js";
import { lineplotSvg } from "../lineplot.js";
import type { RenderedFragment } from "../types.js";
import type { ReportableContext } from "./context.js";

/** Renders a line plot as `<figure class="lineplot">` holding the SVG; throws CuriError for a plot with no series. */
export function renderLinePlotReportable(plot: LinePlotData, ctx: ReportableContext): RenderedFragment {
  const svg = timed("plots", () => lineplotSvg(plot, ctx.idPrefix));
  return { html: `<figure class="lineplot">${svg}</figure>`, files: [], copies: [] };
}
