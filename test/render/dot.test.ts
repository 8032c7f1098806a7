import { describe, expect, it } from "vitest";
import { labelText } from "../../src/render/graph/dag.js";
import {
  COLLAPSE_THRESHOLD,
  dotLabel,
  dotString,
  fullDot,
  htmlText,
  shouldCollapse,
} from "../../src/render/graph/dot.js";
import { layoutSvg } from "../../src/render/graph/graphviz.js";
import { parseDot, svgTexts } from "./helpers/graph.js";
import { HOSTILE_NAMES, hostileRun, RunBuilder, syntheticRun } from "./helpers/runs.js";

/** Two records (the second a make_copy of the first) and an aggregate over both. */
function irisLike() {
  const b = new RunBuilder();
  const r0 = b.record("simple_lr");
  b.stage(r0, "load_data", {
    outputs: ["training_data", { name: "testing_data", string: "(tuple) (array([[6.5],\n... len: 2" }],
    durationMs: 1500,
  });
  b.stage(r0, "train_model", { inputs: ["training_data"], outputs: ["model"], cached: true });
  const r1 = b.copy(r0, "simple_rf");
  b.stage(r1, "train_model", { inputs: ["training_data"], outputs: ["model"] });
  const agg = b.record(null, { aggregate: true, inputRecords: [0, 1] });
  b.stage(agg, "test_models", { inputs: [2, 3, 1], outputs: [{ name: "scores", path: null }] });
  return b.build();
}

describe("fullDot", () => {
  it("has curifactory's shape: graph settings, one filled cluster per record, stages and artifacts", async () => {
    const g = await parseDot(fullDot(irisLike()));
    expect([g.attrs.compound, g.attrs.nodesep, g.attrs.ranksep]).toEqual(["true", ".15", ".15"]);
    expect(g.clusters.map((c) => [c.name, c.attrs.label, c.attrs.color, c.attrs.style])).toEqual([
      ["cluster_0", "record 0\\nargs: simple_lr", "#b4eeb4", "filled"],
      ["cluster_1", "record 1\\nargs: simple_rf", "#d8bfd8", "filled"],
      ["cluster_2", "record 2\\naggregate of 2 records", "#ffdab9", "filled"],
    ]);
    expect([...(g.clusters[0]?.nodes ?? [])].sort()).toEqual(["a0", "a1", "a2", "s0_0", "s0_1"]);
    expect([...(g.clusters[2]?.nodes ?? [])].sort()).toEqual(["a4", "s2_0"]);
    const stage = g.nodes.get("s0_0");
    expect([stage?.fillcolor, stage?.style, stage?.shape]).toEqual(["white", "filled", undefined]);
    expect(g.nodes.get("a0")?.shape).toBe("rectangle");
  });

  it("keeps the edges of a copy and of an aggregate that cross records", async () => {
    const g = await parseDot(fullDot(irisLike()));
    const edges = g.edges.map((e) => `${e.from}->${e.to}`);
    expect(edges).toEqual(expect.arrayContaining(["a0->s1_0", "a2->s2_0", "a3->s2_0", "a1->s2_0", "s2_0->a4"]));
    expect(edges).toHaveLength(10);
    expect(g.edges.find((e) => e.from === "a0" && e.to === "s1_0")?.attrs.class).toBe("dag-input dag-cross-record");
    expect(g.edges.find((e) => e.from === "a0" && e.to === "s0_1")?.attrs.class).toBe("dag-input");
  });

  it("shows stage timing and the cached flag on stage nodes", async () => {
    const g = await parseDot(fullDot(irisLike()));
    expect(g.nodes.get("s0_0")?.label).toBe("load_data\\n1.50 s");
    expect(g.nodes.get("s0_1")?.label).toBe("train_model\\ncached");
    expect(g.nodes.get("s0_1")?.class).toBe("dag-stage dag-cached");
    expect(g.nodes.get("s1_0")?.label).toBe("train_model");
  });

  it("draws a missing input as a dashed marker", async () => {
    const b = new RunBuilder();
    const r = b.record("a");
    b.stage(r, "use", { inputs: [-1] });
    const g = await parseDot(fullDot(b.build()));
    expect(g.nodes.get("m0_0_0")?.label).toBe("missing input");
    expect(g.edges.map((e) => [e.from, e.to, e.attrs.style])).toEqual([["m0_0_0", "s0_0", "dashed"]]);
  });
});

describe("collapse", () => {
  it("kicks in above nodes + 1.5 × edges = 1000", () => {
    // One stage with one output per record: 2 nodes + 1 edge = 3.5 per record.
    const at = (n: number) => syntheticRun(n, { stages: ["only"], outputsPerStage: 1, aggregate: false });
    expect(COLLAPSE_THRESHOLD).toBe(1000);
    expect(shouldCollapse(at(285))).toBe(false); // 997.5
    expect(shouldCollapse(at(286))).toBe(true); // 1001
    expect(shouldCollapse(syntheticRun(1000))).toBe(true);
    expect(shouldCollapse(irisLike())).toBe(false);
  });

  it("collapses a 1000-record run to one node per record, with counted links into the aggregate", async () => {
    const run = syntheticRun(1000);
    const g = await parseDot(fullDot(run, { collapse: true }));
    expect(g.clusters).toHaveLength(0);
    expect(g.nodes.size).toBe(1001);
    expect(g.nodes.get("r0")?.label).toBe("record 0\\nargs: args0\\n4 stages, 8 artifacts");
    expect(g.nodes.get("r8")?.fillcolor).toBe("#9acd32");
    expect(g.nodes.get("r9")?.fillcolor).toBe("#b4eeb4");
    expect(g.nodes.get("r1000")?.label).toBe("record 1000\\naggregate of 1000 records\\n1 stage, 1 artifact");
    expect(g.edges).toHaveLength(1000);
    expect(g.edges.every((e) => e.to === "r1000" && e.attrs.label === "1 artifact")).toBe(true);
    expect(fullDot(run).length).toBeGreaterThan(fullDot(run, { collapse: true }).length * 5);
  });

  it("links a copy to its source even before it reads anything (dashed, unlabelled)", async () => {
    const b = new RunBuilder();
    const r0 = b.record("a");
    b.stage(r0, "load", { outputs: ["x"] });
    b.copy(r0, "b");
    const g = await parseDot(fullDot(b.build(), { collapse: true }));
    expect(g.edges.map((e) => [e.from, e.to, e.attrs.style, e.attrs.label])).toEqual([
      ["r0", "r1", "dashed", undefined],
    ]);
  });
});

/** Text lines of an SVG object; graphviz keeps runs of spaces as no-break spaces, which look the same. */
function shownTexts(svg: string, id: string): string[] {
  return svgTexts(svg, id).map((t) => t.replace(/\u00a0/g, " "));
}

describe("escaping", () => {
  it("quotes DOT strings and labels", () => {
    expect(dotString(`a"b\\c`)).toBe(`"a\\"b\\\\c"`);
    expect(dotLabel(`x\\N "y"\nz\\`)).toBe(`"x\\\\N \\"y\\"\\nz\\\\"`);
    expect(dotLabel("&amp; &#60;")).toBe(`"&amp;amp; &amp;#60;"`);
    expect(htmlText(`<a href='x'>&</a>\\G\nnext`)).toBe("&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;\\\\G<br/>next");
  });

  it("lays out hostile names in the full map with the text intact", async () => {
    const run = hostileRun();
    const svg = await layoutSvg(fullDot(run), { idPrefix: "h-", title: "hostile" });
    HOSTILE_NAMES.forEach((name, r) => {
      const lines = labelText(name).split("\n");
      expect(shownTexts(svg, `h-r${r}`)).toEqual([`record ${r}`, `args: ${lines[0]}`, ...lines.slice(1)]);
      const timing = r % 2 === 1 ? "cached" : "1.23 s";
      expect(shownTexts(svg, `h-s${r}_0`)).toEqual([...lines, timing]);
      expect(shownTexts(svg, `h-a${r}`)).toEqual(lines);
    });
  });
});
