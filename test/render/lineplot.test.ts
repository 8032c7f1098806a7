import { describe, expect, it } from "vitest";
import { lineplotSvg, MAX_POINTS_PER_SERIES, seriesPoints } from "../../src/render/plot/lineplot.js";
import type { LinePlotData } from "../../src/run/model.js";
import { CuriError } from "../../src/util/errors.js";
import { attributeValues, decodeEntities, ids, wellFormedProblems } from "./reportables/htmlCheck.js";

type Series = LinePlotData["series"][number];

/** A plot with the given series and optional labels. */
function plot(series: Series[], labels: Partial<Pick<LinePlotData, "title" | "xLabel" | "yLabel">> = {}): LinePlotData {
  return { title: null, xLabel: null, yLabel: null, ...labels, series };
}

/** A series from y values (x defaults to indices). */
function s(y: number[], name: string | null = null, x: number[] | null = null): Series {
  return { name, y, x, marker: null, linestyle: null };
}

/** Tick labels of one axis: x labels are centred, y labels end-anchored. */
function tickLabels(svg: string, axis: "x" | "y"): string[] {
  const group = /<g class="lineplot-ticks"[^>]*>([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? "";
  const anchor = axis === "x" ? "middle" : "end";
  return [...group.matchAll(new RegExp(`<text [^>]*text-anchor="${anchor}">([^<]*)</text>`, "g"))].map((m) =>
    decodeEntities(m[1] ?? ""),
  );
}

/** Number of points drawn in each series path (path vertices plus isolated dots). */
function drawnPoints(svg: string): number[] {
  return [...svg.matchAll(/<g class="series [^>]*>([\s\S]*?)<\/g>/g)].map((m) => {
    const d = /\sd="([^"]*)"/.exec(m[1] ?? "")?.[1] ?? "";
    return (d.match(/-?[\d.]+,-?[\d.]+/g) ?? []).length + (m[1]?.match(/<circle/g) ?? []).length;
  });
}

/** Every number in coordinate attributes and path data. */
function coordinates(svg: string): string[] {
  const attrs = [...svg.matchAll(/\s(?:x1|x2|y1|y2|x|y|cx|cy|d)="([^"]*)"/g)].map((m) => m[1] ?? "");
  return attrs.flatMap((a) => a.match(/-?[\d.]+(?:e[-+]?\d+)?|NaN|Infinity/g) ?? []);
}

describe("lineplotSvg draws what the data says", () => {
  const three = plot([s([1, 2, 3], "train"), s([3, 2, 1], "val"), s([2, 2, 2], null)], {
    title: "Loss",
    xLabel: "epoch",
    yLabel: "loss",
  });
  const svg = lineplotSvg(three, "rp-1");

  it("draws one series-line path per series", () => {
    expect(svg.match(/<path class="series-line"/g)).toHaveLength(3);
    expect(drawnPoints(svg)).toEqual([3, 3, 3]);
  });

  it("lists named series in the legend, in order, with distinct colours", () => {
    const legend = /<g class="lineplot-legend"[^>]*>([\s\S]*)<\/g><\/svg>$/.exec(svg)?.[1] ?? "";
    expect([...legend.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual(["train", "val"]);
    const colours = attributeValues(svg, "g", "stroke").filter((c) => c.startsWith("#"));
    expect(new Set(colours).size).toBe(3);
  });

  it("has no legend when no series is named", () => {
    expect(lineplotSvg(plot([s([1, 2])]), "p")).not.toContain("lineplot-legend");
  });

  it("puts nice 1/2/5 ticks on both axes", () => {
    const out = lineplotSvg(plot([s([0, 3, 10])]), "p");
    expect(tickLabels(out, "y")).toEqual(["0", "2", "4", "6", "8", "10"]);
    expect(tickLabels(out, "x")).toEqual(["0", "1", "2"]);
    const fine = lineplotSvg(plot([s([0.12, 0.31], null, [0, 0.05])]), "p");
    expect(tickLabels(fine, "y")).toEqual(["0.10", "0.15", "0.20", "0.25", "0.30", "0.35"]);
    expect(tickLabels(fine, "x")).toEqual(["0.00", "0.01", "0.02", "0.03", "0.04", "0.05"]);
  });

  it("labels negative ranges, and zero as 0 not -0", () => {
    const out = lineplotSvg(plot([s([-7, -1, 2])]), "p");
    expect(tickLabels(out, "y")).toEqual(["-8", "-6", "-4", "-2", "0", "2"]);
    expect(out).not.toMatch(/>-0</);
  });

  it("uses exponent labels for huge values", () => {
    expect(tickLabels(lineplotSvg(plot([s([0, 4e6])]), "p"), "y")).toEqual(["0", "1e6", "2e6", "3e6", "4e6"]);
  });

  it("shows title, axis labels and series names escaped", () => {
    const hostile = plot([s([1, 2], "</text><script>alert(1)</script>")], {
      title: "<b>T</b> & 'q'",
      xLabel: "x<1",
      yLabel: '"y"\u0007',
    });
    const out = lineplotSvg(hostile, "p");
    expect(out).not.toMatch(/<script|<b>/);
    expect(out).toContain("&lt;b&gt;T&lt;/b&gt; &amp; &#39;q&#39;");
    expect(out).toContain(">x&lt;1</text>");
    expect(out).toContain("&quot;y&quot;\\u0007");
    expect(wellFormedProblems(out)).toEqual([]);
  });

  it("is accessible: role=img, labelled by its <title> and <desc>", () => {
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="lineplot-svg" [^>]*role="img" aria-labelledby="rp-1-title rp-1-desc"/,
    );
    expect(svg).toContain('<title id="rp-1-title">Loss</title>');
    expect(svg).toContain("train: 3 points, y from 1 to 3");
    expect(lineplotSvg(plot([s([1])]), "q")).toContain('<title id="q-title">Line plot</title>');
  });

  it("uses only ids that start with the prefix", () => {
    expect(ids(svg)).toEqual(["rp-1-title", "rp-1-desc"]);
  });

  it("draws axes and text in currentColor so it follows a dark theme", () => {
    expect(svg).toContain('<g class="lineplot-axes" stroke="currentColor">');
    expect(svg).toContain('<g class="lineplot-ticks" fill="currentColor">');
    expect(svg).not.toMatch(/fill="#000|stroke="#000|fill="black"/);
  });

  it("rounds every coordinate to at most 2 decimals", () => {
    const out = lineplotSvg(plot([s([Math.PI, Math.E, Math.SQRT2], null, [0.1, 0.7, 1 / 3])]), "p");
    const all = coordinates(out);
    expect(all.length).toBeGreaterThan(20);
    for (const c of all) expect(c).toMatch(/^-?\d+(\.\d{1,2})?$/);
  });

  it("is deterministic", () => {
    expect(lineplotSvg(structuredClone(three), "rp-1")).toBe(svg);
  });
});

describe("lineplotSvg handles awkward data", () => {
  it("breaks the line at NaN and marks a point left alone between gaps", () => {
    const out = lineplotSvg(plot([s([1, 2, Number.NaN, 3, Number.NaN, 4, 5])]), "p");
    const d = attributeValues(out, "path", "d")[0] ?? "";
    expect(d.match(/M/g)).toHaveLength(2);
    expect(out.match(/<circle/g)).toHaveLength(1);
    expect(drawnPoints(out)).toEqual([5]);
    expect(out).not.toMatch(/NaN|Infinity/);
  });

  it("treats infinities and nulls (NaN as JSON writes it) as gaps", () => {
    const y = [1, Number.POSITIVE_INFINITY, 2, null as unknown as number, 3, 4];
    expect(drawnPoints(lineplotSvg(plot([s(y)]), "p"))).toEqual([4]);
  });

  it("draws an empty path for a series with no finite value and still draws the others", () => {
    const out = lineplotSvg(plot([s([Number.NaN, Number.NaN], "empty"), s([1, 2], "ok")]), "p");
    expect(out.match(/<path class="series-line"/g)).toHaveLength(2);
    expect(drawnPoints(out)).toEqual([0, 2]);
    expect(out).toContain("empty: 2 points, no finite values");
  });

  it("draws axes for a plot whose every value is NaN", () => {
    const out = lineplotSvg(plot([s([Number.NaN])]), "p");
    expect(tickLabels(out, "y").length).toBeGreaterThan(1);
    expect(out).not.toMatch(/NaN|Infinity/);
  });

  it("centres a constant series in a padded range", () => {
    const out = lineplotSvg(plot([s([5, 5, 5, 5])]), "p");
    const ys = tickLabels(out, "y").map(Number);
    expect(Math.min(...ys)).toBeLessThan(5);
    expect(Math.max(...ys)).toBeGreaterThan(5);
    expect(out).not.toMatch(/NaN|Infinity/);
  });

  it("shows a single point as a dot", () => {
    const out = lineplotSvg(plot([s([42], "one")]), "p");
    expect(out.match(/<circle/g)).toHaveLength(1);
    expect(attributeValues(out, "path", "d")).toEqual([]);
    expect(tickLabels(out, "x")).toEqual(["-1", "0", "1"]);
  });

  it("keeps integer ticks on an index axis and on integer x values (steps), fractional ones on fractional x", () => {
    expect(tickLabels(lineplotSvg(plot([s([1, 2, 3])]), "p"), "x")).toEqual(["0", "1", "2"]);
    // Steps 0, 1, 2 are never labelled 0.5 or 1.5 (issue 21 point 15).
    expect(tickLabels(lineplotSvg(plot([s([1, 2, 3], null, [0, 1, 2])]), "p"), "x")).toEqual(["0", "1", "2"]);
    expect(tickLabels(lineplotSvg(plot([s([1, 2, 3], null, [0, 0.5, 2])]), "p"), "x")).toEqual([
      "0.0",
      "0.5",
      "1.0",
      "1.5",
      "2.0",
    ]);
  });

  it("does not overflow with values near the largest double", () => {
    const out = lineplotSvg(plot([s([-1.7e308, 1.7e308]), s([1.7e308, 1.7e308])]), "p");
    expect(out).not.toMatch(/NaN|Infinity/);
    expect(wellFormedProblems(out)).toEqual([]);
  });

  it("draws series with their own x values, unsorted ones in the given order", () => {
    const out = lineplotSvg(plot([s([1, 2, 3], null, [2, 0, 1])]), "p");
    const xs = (attributeValues(out, "path", "d")[0] ?? "").match(/-?[\d.]+(?=,)/g)?.map(Number) ?? [];
    expect(xs[0]).toBeGreaterThan(xs[2] ?? 0);
    expect(xs[2]).toBeGreaterThan(xs[1] ?? 0);
  });

  it("cycles colours with dash patterns past ten series and caps the legend", () => {
    const many = Array.from({ length: 45 }, (_, i) => s([i, i + 1], `s${i}`));
    const out = lineplotSvg(plot(many), "p");
    expect(out.match(/<path class="series-line"/g)).toHaveLength(45);
    expect(out.match(/<g class="legend-item">/g)).toHaveLength(41);
    expect(out).toContain("… and 5 more series");
    expect(out).toMatch(/<g class="series series-0" stroke="#4e79a7" stroke-dasharray="6 3">/);
  });

  it("draws a series in its own #rrggbb colour, solid past ten series; any other colour text gets the palette", () => {
    const own = Array.from({ length: 11 }, (_, i) => ({ ...s([i, i + 1], `s${i}`), color: "#1f77b4" }));
    const drawn = lineplotSvg(plot([...own, { ...s([1, 2], "bad"), color: 'red" onload="x' }]), "p");
    expect(drawn).toMatch(/<g class="series series-0" stroke="#1f77b4">/);
    expect(drawn).toMatch(
      /<g class="series series-0" stroke="#1f77b4">[\s\S]*<g class="series series-0" stroke="#1f77b4">/,
    );
    expect(drawn).toMatch(/<g class="series series-1" stroke="#f28e2b" stroke-dasharray="6 3">/);
    expect(drawn).not.toContain("onload");
    expect(drawn.match(/<line [^>]*stroke="#1f77b4"/g)).toHaveLength(11);
  });

  it("throws CuriError for a plot with no series or mismatched x and y", () => {
    expect(() => lineplotSvg(plot([]), "p")).toThrow(CuriError);
    expect(() => lineplotSvg(plot([s([1, 2], "a", [1])]), "p")).toThrow(/series 0 has 1 x values but 2 y values/);
  });
});

describe("decimation of long series", () => {
  const n = 100_000;
  const y = Array.from({ length: n }, (_, i) => Math.sin(i / 500) + ((i * 7919) % 17) / 17);
  y[31_337] = 50;
  y[77_777] = -50;

  it("keeps at most MAX_POINTS_PER_SERIES points, and the extremes", () => {
    const points = seriesPoints(y, null);
    const drawn = points.filter((p) => p !== null);
    expect(drawn.length).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    expect(drawn.length).toBeGreaterThan(MAX_POINTS_PER_SERIES / 2);
    expect(drawn).toContainEqual({ x: 31_337, y: 50 });
    expect(drawn).toContainEqual({ x: 77_777, y: -50 });
    const xs = drawn.map((p) => p.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it("keeps the y range of the full series in the SVG's ticks", () => {
    const out = lineplotSvg(plot([s(y, "long")]), "p");
    expect(drawnPoints(out)[0]).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    expect(tickLabels(out, "y")).toEqual(["-60", "-40", "-20", "0", "20", "40", "60"]);
    expect(out).toContain("long: 100000 points, y from -50 to 50");
  });

  it("keeps gaps in a decimated series", () => {
    const gappy = y.map((v, i) => (i >= 50_000 && i < 50_200 ? Number.NaN : v));
    const points = seriesPoints(gappy, null);
    expect(points.filter((p) => p === null).length).toBeGreaterThan(0);
    expect(points.length).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES + MAX_POINTS_PER_SERIES / 2);
  });

  it("does not decimate a series at the limit", () => {
    expect(
      seriesPoints(
        Array.from({ length: MAX_POINTS_PER_SERIES }, (_, i) => i),
        null,
      ),
    ).toHaveLength(MAX_POINTS_PER_SERIES);
  });

  it("decimates the same way every time", () => {
    expect(lineplotSvg(plot([s(y)]), "p")).toBe(lineplotSvg(plot([s([...y])]), "p"));
  });
});
