import { describe, expect, it } from "vitest";
import { analysisSweep } from "../../../bench/analysisBench.js";
import { analyseSweep } from "../../../src/render/analysis/analyse.js";
import { heatmapSvg } from "../../../src/render/analysis/heatmapChart.js";
import type { MetricAnalysis, SweepAnalysis } from "../../../src/render/analysis/model.js";
import { parallelSvg } from "../../../src/render/analysis/parallelChart.js";
import { sliceSvg } from "../../../src/render/analysis/sliceChart.js";
import { attr, parseSvg, pathPoints, textOf, type ParsedSvg } from "./svgDom.js";
import { gaussian, runOf, truthSweep } from "./sweeps.js";

/** The analysis, which must exist. */
function analyse(run: Parameters<typeof analyseSweep>[0]): SweepAnalysis {
  const a = analyseSweep(run);
  if (a === null) throw new Error("expected an analysis");
  return a;
}

/** The slice chart of metric `m` against arg `argName`, parsed. */
function slice(a: SweepAnalysis, m: MetricAnalysis, argName: string): { svg: string; dom: ParsedSvg } {
  const i = a.args.findIndex((x) => x.name === argName);
  const svg = sliceSvg({
    slice: m.slices[i]!,
    axis: a.args[i]!,
    metric: { ...m.axis, goal: m.goal },
    best: m.top[0]?.record ?? null,
    idPrefix: `t-${i}`,
  });
  return { svg, dom: parseSvg(svg) };
}

/** Texts of the elements of class `cls`'s `<text>` children. */
function tickTexts(dom: ParsedSvg, cls: string): string[] {
  return dom
    .byClass(cls)
    .flatMap((g) => g.children.filter((c) => "name" in c && c.name === "text").map((c) => textOf(c as never)));
}

/** Every chart is an accessible, scalable, theme-following SVG without inline styles or scripts. */
function expectChartBasics(svg: string, dom: ParsedSvg, title: string): void {
  expect(attr(dom.root, "viewBox")).toMatch(/^0 0 \d+(\.\d+)? \d+(\.\d+)?$/);
  expect(attr(dom.root, "role")).toBe("img");
  const [titleId, descId] = attr(dom.root, "aria-labelledby").split(" ");
  expect(
    dom
      .all("title")
      .find((t) => attr(t, "id") === titleId)
      ?.children.map((c) => ("data" in c ? c.data : ""))
      .join(""),
  ).toBe(title);
  expect(dom.all("desc").some((d) => attr(d, "id") === descId)).toBe(true);
  expect(dom.all("script")).toEqual([]);
  expect([...svg.matchAll(/\sstyle=/g)]).toEqual([]);
  expect(attr(dom.root, "class")).toContain("an-chart");
}

describe("slice charts", () => {
  const a = analyse(truthSweep());
  const acc = a.metrics[0]!;

  it("puts lr, which spans four decades, on a log axis: powers of ten evenly spaced", () => {
    const { svg, dom } = slice(a, acc, "lr");
    expectChartBasics(svg, dom, "accuracy by lr");
    expect(tickTexts(dom, "an-xticks")).toEqual(["1e-4", "1e-3", "1e-2", "1e-1"]);
    expect(attr(dom.byClass("an-xticks")[0]!, "data-scale")).toBe("log");
    expect(textOf(dom.byClass("an-xlabel")[0]!)).toBe("lr (log scale)");
    const xs = dom
      .byClass("an-mean")[0]!
      .children.filter((c) => "name" in c && c.name === "circle")
      .map((c) => Number(attr(c as never, "cx")));
    expect(xs).toHaveLength(4);
    const gaps = xs.slice(1).map((x, i) => x - xs[i]!);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(0.05);
  });

  it("draws one point per record and rings the best", () => {
    const { dom } = slice(a, acc, "wd");
    const d = attr(dom.byClass("an-points")[0]!, "d");
    expect(d.match(/h0/g)).toHaveLength(180);
    expect(dom.byClass("an-best")).toHaveLength(1);
    expect(textOf(dom.byClass("an-xlabel")[0]!)).toBe("wd");
  });

  it("labels an integer arg with whole numbers only", () => {
    const labels = tickTexts(slice(a, acc, "batch").dom, "an-xticks");
    expect(labels.length).toBeGreaterThan(2);
    expect(labels.every((l) => /^\d+$/.test(l))).toBe(true);
  });

  it("draws a categorical arg as a strip with a box per category, in the data's order of values", () => {
    const draw = gaussian(9);
    const rows = Array.from({ length: 60 }, (_, i) => ({
      args: { optimizer: ["adam", "sgd", "lion"][i % 3]!, seed: Math.floor(i / 3) },
      metrics: { loss: [0.3, 0.5, 0.4][i % 3]! + 0.01 * draw() },
    }));
    const b = analyse(runOf(rows));
    const { svg, dom } = slice(b, b.metrics[0]!, "optimizer");
    expectChartBasics(svg, dom, "loss by optimizer");
    expect(tickTexts(dom, "an-xticks")).toEqual(["adam", "lion", "sgd"]);
    const medians = dom.byClass("an-median").map((l) => Number(attr(l, "y1")));
    expect(medians).toHaveLength(3);
    // Lower losses sit lower: adam (0.3) below lion (0.4) below sgd (0.5).
    expect(medians[0]).toBeGreaterThan(medians[1]!);
    expect(medians[1]).toBeGreaterThan(medians[2]!);
  });

  it("escapes every text from the run: arg names and categories stay text", () => {
    const evil = `<script>alert(1)</script>`;
    const metricName = `m"${evil}`;
    const rows = [0, 1, 2, 3].map((i) => ({
      args: { [evil]: i % 2 === 0 ? `<img src=x onerror=alert(1)>` : "b&c" },
      metrics: { [metricName]: i },
    }));
    // The metric's goal is declared: a metric whose goal is unknown is not analysed.
    const b = analyse(runOf(rows, { [metricName]: "max" }));
    const { svg, dom } = slice(b, b.metrics[0]!, evil);
    expect(dom.all("script")).toEqual([]);
    expect(dom.all("img")).toEqual([]);
    expect(tickTexts(dom, "an-xticks").join(" ")).toContain("b&c");
    expect(textOf(dom.byClass("an-xlabel")[0]!)).toBe(evil);
    expect(parallelSvg(b.parallel, "p")).not.toContain("<script>");
    expect(svg).toBe(slice(b, b.metrics[0]!, evil).svg);
  });
});

describe("the parallel-coordinates chart", () => {
  const a = analyse(truthSweep());
  const svg = parallelSvg(a.parallel, "pc");
  const dom = parseSvg(svg);

  it("has an axis per arg and metric, each with what a brushing script needs", () => {
    expectChartBasics(svg, dom, "Parallel coordinates, coloured by accuracy");
    const axes = dom.byClass("an-pc-axis");
    expect(axes.map((x) => attr(x, "data-name"))).toEqual(["lr", "wd", "batch", "accuracy", "loss"]);
    expect(axes.map((x) => attr(x, "data-scale"))).toEqual(["log", "linear", "linear", "linear", "linear"]);
    for (const x of axes) expect(Number(attr(x, "data-x"))).toBeGreaterThan(0);
    // Better at the top: accuracy's maximum and loss's minimum sit higher (smaller y) than the other end.
    const at = (name: string, end: string) =>
      Number(
        attr(
          axes.find((x) => attr(x, "data-name") === name)!,
          `data-at-${end}`,
        ),
      );
    expect(at("accuracy", "max")).toBeLessThan(at("accuracy", "min"));
    expect(at("loss", "min")).toBeLessThan(at("loss", "max"));
  });

  it("draws a line per record with its index and its value on every axis, the best last and brightest", () => {
    const lines = dom.byClass("an-line");
    expect(lines).toHaveLength(180);
    const records = lines.map((l) => Number(attr(l, "data-record")));
    expect(new Set(records).size).toBe(180);
    for (const l of lines) {
      expect(attr(l, "data-values").split(",")).toHaveLength(5);
      expect(pathPoints(attr(l, "d"))).toHaveLength(5);
    }
    const last = lines.at(-1)!;
    expect(Number(attr(last, "data-record"))).toBe(a.metrics[0]!.top[0]!.record);
    expect(attr(last, "class")).toContain("an-s7");
    expect(Number(attr(last, "data-values").split(",")[3])).toBe(a.metrics[0]!.top[0]!.value);
  });
});

describe("the heat map", () => {
  it("has a cell per combination run, the best outlined, coloured by the metric", () => {
    const a = analyse(truthSweep());
    const m = a.metrics[1]!;
    const svg = heatmapSvg(m.heatmap!, m, "h");
    const dom = parseSvg(svg);
    expectChartBasics(svg, dom, "loss over lr and wd");
    expect(dom.byClass("an-cell")).toHaveLength(12);
    const best = dom.byClass("an-best-cell");
    expect(best).toHaveLength(1);
    const tip = best[0]!.children.find((c) => "name" in c && c.name === "title");
    expect(textOf(tip as never)).toContain("lr = 0.01, wd = 0:");
    expect(dom.byClass("an-cell-fill").every((r) => /\ban-s[0-7]\b/.test(attr(r, "class")))).toBe(true);
  });
});

describe("at 10,000 records every chart stays small", () => {
  it("thins to the bounds and keeps each chart within its budget", () => {
    const a = analyse(analysisSweep(10_000));
    expect(a.records).toBe(10_000);
    for (const m of a.metrics) {
      m.slices.forEach((s, i) => {
        expect(s.points.length).toBeLessThanOrEqual(a.limits.points);
        const svg = sliceSvg({
          slice: s,
          axis: a.args[i]!,
          metric: { ...m.axis, goal: m.goal },
          best: null,
          idPrefix: "s",
        });
        expect(Buffer.byteLength(svg)).toBeLessThan(16 * 1024);
      });
      if (m.heatmap !== null) expect(Buffer.byteLength(heatmapSvg(m.heatmap, m, "h"))).toBeLessThan(24 * 1024);
    }
    expect(a.parallel.lines.length).toBe(a.limits.lines);
    expect(Buffer.byteLength(parallelSvg(a.parallel, "pc"))).toBeLessThan(120 * 1024);
  });
});
