/**
 * A line plot that several compared runs have, drawn once with every run's series on one set of
 * axes (issue 21.8: side by side, each plot had its own y range, 6–12 against 4–12, and nobody could
 * see the change). A series keeps its colour in every run; the base's is dashed, the others' solid,
 * dotted, dash-dotted, and the legend names the run. Drawn by the report's own line plot renderer
 * from the bounded series in the comparison data, so the page `compare` writes and compare.html
 * draw the same. Browser-safe.
 */
import type { LineSeries } from "../../run/model.js";
import { lineplotSvg, PALETTE } from "../plot/lineplot.js";
import type { CompactPlot, CompareReportable } from "./compareCore.js";

/** Line style of each run's series: the base dashed, then solid, dotted, dash-dotted (cycling). */
const RUN_STYLES = ["--", "-", ":", "-."] as const;

/** Most series of one run drawn in an overlay (the legend names each). */
export const MAX_OVERLAY_SERIES = 10;

/** `#rrggbb` of series `k`, the same in every run (so a series is told by colour, its run by line style). */
function colourOf(k: number): string {
  return PALETTE[k % PALETTE.length] ?? "#4e79a7";
}

/**
 * The trusted SVG of every run's plot on one set of axes, or null when fewer than two runs have
 * its data. `names` are the runs' plain names (`base #1`, `#2`).
 */
export function overlayPlotSvg(
  perRun: readonly (CompareReportable | null)[],
  names: readonly string[],
  idPrefix: string,
): string | null {
  const plots = perRun.map((r) => r?.plot ?? null);
  const present = plots.filter((p): p is CompactPlot => p !== null);
  const first = present[0];
  if (first === undefined || present.length < 2) return null;
  const series: LineSeries[] = plots.flatMap((p, i) =>
    p === null
      ? []
      : p.series.slice(0, MAX_OVERLAY_SERIES).flatMap((s, k): LineSeries[] =>
          // A damaged data file's series (x and y of different lengths) cannot be drawn; the sides link it.
          s.x !== null && s.x.length !== s.y.length
            ? []
            : [
                {
                  name: `${names[i] ?? `run ${i + 1}`}: ${s.name ?? `series ${k + 1}`}`,
                  x: s.x,
                  y: s.y,
                  marker: null,
                  linestyle: i === 0 ? "--" : (RUN_STYLES[((i - 1) % (RUN_STYLES.length - 1)) + 1] ?? "-"),
                  color: colourOf(k),
                },
              ],
        ),
  );
  if (series.length === 0) return null;
  return lineplotSvg({ title: first.title, xLabel: first.xLabel, yLabel: first.yLabel, series }, idPrefix);
}
