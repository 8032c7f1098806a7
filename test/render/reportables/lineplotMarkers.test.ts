import { describe, expect, it } from "vitest";
import { renderReportable } from "../../../src/render/reportables/index.js";
import type { LineSeries } from "../../../src/run/model.js";
import { context, reportable } from "./make.js";

const series = (over: Partial<LineSeries>): LineSeries => ({
  name: "train",
  y: [1, 2, 3],
  x: null,
  marker: null,
  linestyle: null,
  ...over,
});
const plot = (...s: LineSeries[]) =>
  renderReportable(
    reportable({ kind: "lineplot", plot: { title: null, xLabel: null, yLabel: null, series: s } }),
    context(),
  ).html;

describe("line plots exported from matplotlib", () => {
  it("draws a marker path per marked series, with one shape per point", () => {
    const html = plot(series({ marker: "o" }), series({ name: "test", marker: "x" }));
    const markers = [...html.matchAll(/<path class="series-markers" ([^>]*)d="([^"]*)"/g)];
    expect(markers).toHaveLength(4); // two series + two legend swatches
    expect(markers[0]?.[2]?.match(/M/g)).toHaveLength(3); // circle: one M per point
    expect(markers[0]?.[1]).toContain('fill="#4e79a7"');
    expect(markers[1]?.[1]).toContain('fill="none"'); // "x" is stroked
    expect(plot(series({})).includes("series-markers")).toBe(false);
  });

  it("keeps line styles: dashed, dotted, dash-dot, and none (markers only)", () => {
    expect(plot(series({ linestyle: "--" }))).toContain('stroke-dasharray="6 3"');
    expect(plot(series({ linestyle: ":" }))).toContain('stroke-dasharray="2 2"');
    expect(plot(series({ linestyle: "-." }))).toContain('stroke-dasharray="8 3 2 3"');
    expect(plot(series({ linestyle: "None", marker: "s" }))).toMatch(/<g class="series series-0" stroke="none">/);
  });

  it("names the NaN, ±Infinity and missing values it cannot draw", () => {
    const html = plot(series({ y: [1, Number.NaN, Infinity, -Infinity, Number.NaN, null] }), series({ name: "clean" }));
    expect(html).toContain(
      '<figcaption class="nonfinite-note">Not drawn (gaps): train: 2 NaN, 1 Infinity, 1 -Infinity, 1 missing</figcaption>',
    );
    expect(plot(series({}))).not.toContain("nonfinite-note");
  });
});
