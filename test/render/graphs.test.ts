/**
 * Every graph of a report is laid out by Graphviz (WebAssembly, here for real), once per shape:
 * a sweep's records share one layout, nodes fit the widest texts of their shape, longer texts are
 * clipped with the full text in the tooltip, an aggregate's fan-in is one counted node, and every
 * node leads somewhere.
 */
import { describe, expect, it } from "vitest";
import { drawGraph } from "../../src/render/graph/graphDraw.js";
import { layoutGraph } from "../../src/render/graph/graphLayout.js";
import { layoutRunGraphs } from "../../src/render/graph/graphs.js";
import { MAX_LINE_WIDTH } from "../../src/render/graph/graphSpec.js";
import { mapGraphSpec } from "../../src/render/graph/mapGraph.js";
import { recordGraphSpec } from "../../src/render/graph/recordGraph.js";
import { decodeXml, svgObject, svgTexts, svgTitle } from "./helpers/graph.js";
import { HOSTILE_NAMES, hostileRun, RunBuilder, syntheticRun } from "./helpers/runs.js";

/** The `width` of the shape of node `id` in a drawn graph. */
function nodeWidth(svg: string, id: string): number {
  const m = /<(?:rect|ellipse)[^>]*?(?:width="([\d.]+)"|rx="([\d.]+)")/.exec(svgObject(svg, id) ?? "");
  return m === null ? NaN : m[1] !== undefined ? Number(m[1]) : 2 * Number(m[2]);
}

describe("record graphs", () => {
  it("lays a sweep out once: the map, one shape for its records, one for the aggregate", async () => {
    const graphs = await layoutRunGraphs(syntheticRun(60), "sweep");
    expect(graphs.layouts).toBe(3);
    // Same shape, same positions and sizes; each graph has its own texts.
    const a = graphs.recordSvg(3);
    const b = graphs.recordSvg(41);
    expect(nodeWidth(a, "gr-a0")).toBe(nodeWidth(b, "gr-a0"));
    expect(svgTexts(a, "gr-a0")).toEqual([
      "load_out0",
      "(list) [3, 0, 0] len: 3",
      "data/cache/test_3_load_load_out0.json",
    ]);
    expect(svgTexts(b, "gr-a0")[1]).toBe("(list) [41, 0, 0] len: 3");
  });

  it("sizes nodes for the widest text of the shape and clips longer texts, keeping them whole in the tooltip", async () => {
    const b = new RunBuilder();
    const short = b.record("short");
    b.stage(short, "load", { outputs: [{ name: "data", string: "(str) x" }] });
    const long = b.record("long");
    b.stage(long, "load", { outputs: [{ name: "data", string: "(str) a somewhat longer preview" }] });
    const huge = b.record("huge");
    const hugeText = `(str) ${"word ".repeat(80)}end`;
    b.stage(huge, "load", { outputs: [{ name: "data", string: hugeText }] });
    const graphs = await layoutRunGraphs(b.build(), "sizes");
    expect(graphs.layouts).toBe(2);
    const [s, l, h] = [0, 1, 2].map((i) => graphs.recordSvg(i));
    expect(nodeWidth(s ?? "", "gr-a0")).toBe(nodeWidth(l ?? "", "gr-a0"));
    expect(svgTexts(l ?? "", "gr-a0")[1]).toBe("(str) a somewhat longer preview");
    const clipped = svgTexts(h ?? "", "gr-a0")[1] ?? "";
    expect(clipped.endsWith("…")).toBe(true);
    expect(clipped.length).toBeLessThan(hugeText.length);
    expect(nodeWidth(h ?? "", "gr-a0")).toBeLessThan(MAX_LINE_WIDTH * 1.2 + 30);
    expect(svgTitle(h ?? "", "gr-a0")).toContain(hugeText);
  });

  it("draws an aggregate's fan-in from many records as one counted node leading to their list", () => {
    const spec = recordGraphSpec(syntheticRun(50), 50, "records/50.html");
    const stubs = spec.nodes.filter((n) => n.classes.includes("dag-external"));
    expect(stubs.map((n) => n.lines.map((l) => l.text))).toEqual([["test_out0", "from 50 records"]]);
    expect(stubs[0]?.href).toBe("pipeline-1.html");
    expect(spec.edges.filter((e) => e.from === stubs[0]?.id).map((e) => e.label)).toEqual(["×50"]);
    // A few inputs stay one node each, each leading to its record's artifact row.
    const few = recordGraphSpec(syntheticRun(3), 3, "records/3.html").nodes.filter((n) =>
      n.classes.includes("dag-external"),
    );
    expect(few.map((n) => n.href)).toEqual(["0.html#artifact-6", "1.html#artifact-14", "2.html#artifact-22"]);
  });

  it("links every stage and artifact to its row on the record's page", () => {
    const spec = recordGraphSpec(syntheticRun(2), 1, "records/1.html");
    for (const node of spec.nodes.filter((n) => !n.classes.includes("dag-external")))
      expect(node.href).toMatch(/^#(stage|artifact)-\d+$/);
  });

  it("marks a stage that raised, in the record graph and in the map", async () => {
    const b = new RunBuilder();
    const r = b.record("doomed");
    b.stage(r, "prepare", { outputs: ["x"], durationMs: 5 });
    b.stage(r, "explode", { inputs: ["x"], durationMs: 1, error: "ValueError - boom", traceback: "Traceback…" });
    const run = b.build();
    const spec = recordGraphSpec(run, 0, "records/0.html");
    const failed = spec.nodes.find((n) => n.id === "s1");
    expect(failed?.classes).toContain("dag-failed");
    expect(failed?.lines.map((l) => l.text)).toEqual(["explode", "raised an error"]);
    expect(failed?.tooltip).toContain("raised: ValueError - boom");
    const map = mapGraphSpec(run, "index.html").spec;
    expect(map.clusters[0]?.classes).toContain("dag-failed");
    expect(map.nodes.find((n) => n.id === "p1s1")?.classes).toContain("dag-failed");
  });
});

describe("the stage map", () => {
  it("draws records of one shape once, with their count, and counts the edges into the aggregate", () => {
    const { spec, collapsed } = mapGraphSpec(syntheticRun(200), "index.html");
    expect(collapsed).toBe(false);
    expect(spec.clusters.map((c) => c.lines.map((l) => l.text))).toEqual([
      ["200 records", "records 0 to 199"],
      ["record 200", "aggregate of 200 records"],
    ]);
    expect(
      spec.edges.filter((e) => e.classes.includes("dag-cross-record")).map((e) => [e.from, e.to, e.label]),
    ).toEqual([["p1a6", "p2s0", "×200"]]);
    expect(spec.clusters[0]?.href).toBe("records/pipeline-1.html");
    expect(spec.clusters[1]?.href).toBe("records/200.html");
  });

  it("marks the pipeline of the record being viewed", async () => {
    const graphs = await layoutRunGraphs(syntheticRun(5), "mark");
    const svg = graphs.mapSvg("records/5.html", 5);
    expect(svg).toMatch(/<g id="gm-p2" class="cluster dag-record dag-aggregate dag-current">/);
    expect(svg).not.toMatch(/id="gm-p1" class="[^"]*dag-current/);
    // Links from a record page lead to its neighbours in records/.
    expect(svg).toContain('href="pipeline-1.html"');
  });
});

describe("drawing", () => {
  it("keeps hostile names as text: escaped in labels and tooltips, never markup", async () => {
    const run = hostileRun();
    for (let r = 0; r < HOSTILE_NAMES.length; r++) {
      const spec = recordGraphSpec(run, r, `records/${r}.html`);
      const svg = drawGraph(spec, await layoutGraph(spec, null, { nodesep: 0.2, ranksep: 0.25 }, "h"), {
        idPrefix: "h-",
        title: "hostile",
      });
      expect(svg).not.toMatch(/<script|onload=|javascript:/i);
      const title = svgTitle(svg, "h-a0") ?? "";
      expect(decodeXml(title).length).toBeGreaterThan(0);
      expect(svg.match(/<text\b/g)?.length).toBeGreaterThan(3);
    }
  });

  it("is deterministic", async () => {
    const a = await layoutRunGraphs(syntheticRun(7), "d");
    const b = await layoutRunGraphs(syntheticRun(7), "d");
    expect(a.recordSvg(2)).toBe(b.recordSvg(2));
    expect(a.mapSvg("index.html", null)).toBe(b.mapSvg("index.html", null));
  });
});
