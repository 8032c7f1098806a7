/**
 * The one DOT writer (dot.ts): every `.gv` a report holds and `curi-report dag --format dot` write a
 * `GraphSpec` through it, and Graphviz reads it back as we mean it (parsed here by Graphviz itself).
 */
import { describe, expect, it } from "vitest";
import { buildDag } from "../../src/render/graph/dag.js";
import { fullDot } from "../../src/render/graph/dagExport.js";
import { dotLabel, dotString, layoutDot, specDot } from "../../src/render/graph/dot.js";
import { collapsedGraphSpec, COLLAPSE_THRESHOLD, shouldCollapse } from "../../src/render/graph/fullGraph.js";
import { oneLine } from "../../src/render/graph/graphNodes.js";
import { ShapeSizes, type GraphSpec } from "../../src/render/graph/graphSpec.js";
import { loadGraphviz } from "../../src/render/graph/graphviz.js";
import { mapGraphSpec } from "../../src/render/graph/mapGraph.js";
import { recordGraphSpec } from "../../src/render/graph/recordGraph.js";
import { runShapes } from "../../src/render/facts/recordShapes.js";
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

describe("fullDot (graphs/full.gv)", () => {
  it("has curifactory's shape: one filled cluster per record holding its stages and artifacts", async () => {
    const g = await parseDot(fullDot(irisLike()));
    expect([g.attrs.compound, g.attrs.nodesep, g.attrs.ranksep]).toEqual(["true", "0.15", "0.15"]);
    expect(g.clusters.map((c) => [c.name, c.attrs.label, c.attrs.color, c.attrs.style])).toEqual([
      ["cluster_r0", "record 0\\nargs: simple_lr", "#b4eeb4", "filled"],
      ["cluster_r1", "record 1\\nargs: simple_rf", "#d8bfd8", "filled"],
      ["cluster_r2", "record 2\\naggregate of 2 records", "#ffdab9", "filled"],
    ]);
    expect([...(g.clusters[0]?.nodes ?? [])].sort()).toEqual(["a0", "a1", "a2", "s0_0", "s0_1"]);
    expect([...(g.clusters[2]?.nodes ?? [])].sort()).toEqual(["a4", "s2_0"]);
    const stage = g.nodes.get("s0_0");
    expect([stage?.fillcolor, stage?.style, stage?.shape]).toEqual(["white", "filled", "ellipse"]);
    expect(g.nodes.get("a0")?.shape).toBe("box");
  });

  it("keeps the edges of a copy and of an aggregate that cross records", async () => {
    const g = await parseDot(fullDot(irisLike()));
    const edges = g.edges.map((e) => `${e.from}->${e.to}`);
    expect(edges).toEqual(expect.arrayContaining(["a0->s1_0", "a2->s2_0", "a3->s2_0", "a1->s2_0", "s2_0->a4"]));
    expect(edges).toHaveLength(10);
    expect(g.edges.find((e) => e.from === "a0" && e.to === "s1_0")?.attrs.class).toBe("dag-input dag-cross-record");
    expect(g.edges.find((e) => e.from === "a0" && e.to === "s0_1")?.attrs.class).toBe("dag-input");
  });

  it("shows stage timing and the cached flag, and links every node to its row", async () => {
    const g = await parseDot(fullDot(irisLike()));
    expect(g.nodes.get("s0_0")?.label).toBe("load_data\\n1.50 s");
    expect(g.nodes.get("s0_1")?.label).toBe("train_model\\ncached");
    expect(g.nodes.get("s0_1")?.class).toBe("dag-stage dag-cached");
    expect(g.nodes.get("s1_0")?.label).toBe("train_model");
    expect(g.nodes.get("s1_0")?.URL).toBe("../records/1.html#stage-0");
    expect(g.nodes.get("a4")?.URL).toBe("../records/2.html#artifact-4");
    // The aggregate is only entered from above: its label goes to the bottom, clear of the edges.
    expect(g.clusters.map((c) => c.attrs.labelloc)).toEqual(["t", "t", "b"]);
  });

  it("draws a missing input as a dashed marker", async () => {
    const b = new RunBuilder();
    const r = b.record("a");
    b.stage(r, "use", { inputs: [-1] });
    const g = await parseDot(fullDot(b.build()));
    expect(g.nodes.get("m0_0_0")?.label).toBe("missing input");
    expect(g.nodes.get("m0_0_0")?.URL).toBe("../records/0.html#stage-0");
    expect(g.edges.map((e) => [e.from, e.to, e.attrs.style])).toEqual([["m0_0_0", "s0_0", "dashed"]]);
  });

  it("marks a stage that raised and its record in red, for Graphviz without the page's CSS", async () => {
    const b = new RunBuilder();
    const r = b.record("doomed");
    b.stage(r, "explode", { error: "ValueError - boom" });
    const g = await parseDot(fullDot(b.build()));
    const stage = g.nodes.get("s0_0");
    expect([stage?.class, stage?.color, stage?.fillcolor, stage?.label]).toEqual([
      "dag-stage dag-failed",
      "#c00000",
      "#fff0f0",
      "explode\\nraised an error",
    ]);
    expect(g.clusters[0]?.attrs.pencolor).toBe("#c00000");
  });

  it("shows hostile names intact when Graphviz lays the file out again", async () => {
    const svg = (await loadGraphviz()).layout(fullDot(hostileRun()), "svg", "dot");
    const shown = (id: string) => svgTexts(svg, id).map((t) => t.replace(/\u00a0/g, " "));
    HOSTILE_NAMES.forEach((name, r) => {
      expect(shown(`r${r}`)).toEqual([`record ${r}`, `args: ${oneLine(name)}`]);
      expect(shown(`s${r}_0`)).toEqual([oneLine(name), r % 2 === 1 ? "cached" : "1.23 s"]);
      expect(shown(`a${r}`)).toEqual([oneLine(name)]);
    });
  });
});

describe("the whole DAG collapsed", () => {
  it("collapses an SVG above nodes + 1.5 × edges = 1000", () => {
    // One stage with one output per record: 2 nodes + 1 edge = 3.5 per record.
    const at = (n: number) => buildDag(syntheticRun(n, { stages: ["only"], outputsPerStage: 1, aggregate: false }));
    expect(COLLAPSE_THRESHOLD).toBe(1000);
    expect(shouldCollapse(at(285))).toBe(false); // 997.5
    expect(shouldCollapse(at(286))).toBe(true); // 1001
    expect(shouldCollapse(buildDag(irisLike()))).toBe(false);
  });

  it("draws a 1000-record run as one coloured box per record, with counted links into the aggregate", async () => {
    const run = syntheticRun(1000);
    const dot = specDot(collapsedGraphSpec(run, buildDag(run), "graphs/full.gv"));
    const g = await parseDot(dot);
    expect(g.clusters).toHaveLength(0);
    expect(g.nodes.size).toBe(1001);
    expect(g.nodes.get("r0")?.label).toBe("record 0\\nargs: args0\\n4 stages, 8 artifacts");
    expect(g.nodes.get("r8")?.fillcolor).toBe("#9acd32");
    expect(g.nodes.get("r9")?.fillcolor).toBe("#b4eeb4");
    expect(g.nodes.get("r1000")?.label).toBe("record 1000\\naggregate of 1,000 records\\n1 stage, 1 artifact");
    expect(g.edges).toHaveLength(1000);
    expect(g.edges.every((e) => e.to === "r1000" && e.attrs.label === "1 artifact")).toBe(true);
    expect(fullDot(run).length).toBeGreaterThan(dot.length * 5);
  });

  it("links a copy to its source even before it reads anything (dashed, unlabelled)", async () => {
    const b = new RunBuilder();
    const r0 = b.record("a");
    b.stage(r0, "load", { outputs: ["x"] });
    b.copy(r0, "b");
    const run = b.build();
    const g = await parseDot(specDot(collapsedGraphSpec(run, buildDag(run), "graphs/full.gv")));
    expect(g.edges.map((e) => [e.from, e.to, e.attrs.style, e.attrs.label])).toEqual([
      ["r0", "r1", "dashed", undefined],
    ]);
  });
});

describe("source and layout", () => {
  it("write the same graph: every node, cluster and edge, in the same places", async () => {
    const run = irisLike();
    const shapes = runShapes(run);
    for (const spec of [
      mapGraphSpec(run, shapes, "index.html").spec,
      recordGraphSpec(run, shapes, 2, "records/2.html"),
      collapsedGraphSpec(run, buildDag(run), "index.html"),
    ]) {
      const sizes = new ShapeSizes();
      sizes.add(spec);
      const [source, layout] = await Promise.all([parseDot(specDot(spec)), parseDot(layoutDot(spec, sizes))]);
      const structure = (g: typeof source) => ({
        clusters: g.clusters.map((c) => [c.name, [...c.nodes].sort(), c.attrs.labelloc]),
        nodes: [...g.nodes.keys()].sort(),
        edges: g.edges.map((e) => `${e.from}->${e.to}`),
        spacing: [g.attrs.nodesep, g.attrs.ranksep],
      });
      expect(structure(layout)).toEqual(structure(source));
      expect(source.nodes.size).toBe(spec.nodes.length);
    }
  });
});

describe("escaping", () => {
  it("quotes DOT strings and labels", () => {
    expect(dotString(`a"b\\c`)).toBe(`"a\\"b\\\\c"`);
    expect(dotLabel(`x\\N "y"\nz\\`)).toBe(`"x\\\\N \\"y\\"\\nz\\\\"`);
    expect(dotLabel("&amp; &#60;")).toBe(`"&amp;amp; &amp;#60;"`);
  });

  it("escapes each label special alone, first and last, and leaves a plain label as it is", () => {
    const escaped: Record<string, string> = { "&": "&amp;", "\\": "\\\\", '"': '\\"', "\n": "\\n" };
    for (const [c, e] of Object.entries(escaped)) {
      expect(dotLabel(c)).toBe(`"${e}"`);
      expect(dotLabel(`${c}name${c}`)).toBe(`"${e}name${e}"`);
    }
    expect(dotLabel("s1_a (Array) [1.5, 2] len: 2 data/cache/x.json")).toBe(
      `"s1_a (Array) [1.5, 2] len: 2 data/cache/x.json"`,
    );
    // A record graph's .gv carries each node's lines as one label: every line escaped on its own.
    const spec: GraphSpec = {
      clusters: [],
      nodes: [
        {
          id: "a0",
          cluster: null,
          shape: "box",
          classes: "dag-artifact",
          lines: [
            { text: 'na"me', size: 9 },
            { text: "plain", size: 8 },
            { text: "a&b\\c", size: 8 },
          ],
          href: null,
          tooltip: "t",
        },
      ],
      edges: [],
      spacing: { nodesep: 0.2, ranksep: 0.25 },
    };
    expect(specDot(spec)).toContain(`label="na\\"me\\nplain\\na&amp;b\\\\c"`);
  });
});
