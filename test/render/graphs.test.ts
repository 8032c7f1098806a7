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
import { mapGraphSpec, mapPipelines, MAX_MAP_PIPELINES, pipelineId } from "../../src/render/graph/mapGraph.js";
import { recordGraphSpec } from "../../src/render/graph/recordGraph.js";
import { buildDag } from "../../src/render/graph/dag.js";
import { fullGraphSpec } from "../../src/render/graph/fullGraph.js";
import { runShapes } from "../../src/render/facts/recordShapes.js";
import type { Run } from "../../src/run/model.js";
import { decodeXml, svgObject, svgTexts, svgTitle } from "./helpers/graph.js";
import { HOSTILE_NAMES, hostileRun, RunBuilder, syntheticRun } from "./helpers/runs.js";

/** The graphs of a run, laid out as a report lays them out. */
function layoutAll(run: Run, reference: string) {
  return layoutRunGraphs(run, runShapes(run), reference);
}

/** Record `index`'s graph spec. */
function recordSpec(run: Run, index: number) {
  return recordGraphSpec(run, runShapes(run), index, `records/${index}.html`);
}

/** The map's spec. */
function mapSpec(run: Run) {
  return mapGraphSpec(run, runShapes(run), "index.html");
}

/** The `width` of the shape of node `id` in a drawn graph. */
function nodeWidth(svg: string, id: string): number {
  const m = /<(?:rect|ellipse)[^>]*?(?:width="([\d.]+)"|rx="([\d.]+)")/.exec(svgObject(svg, id) ?? "");
  return m === null ? NaN : m[1] !== undefined ? Number(m[1]) : 2 * Number(m[2]);
}

describe("record graphs", () => {
  it("lays a sweep out once: the map, one shape for its records, one for the aggregate", async () => {
    const graphs = await layoutAll(syntheticRun(60), "sweep");
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
    const graphs = await layoutAll(b.build(), "sizes");
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
    const spec = recordSpec(syntheticRun(50), 50);
    const stubs = spec.nodes.filter((n) => n.classes.includes("dag-external"));
    expect(stubs.map((n) => n.lines.map((l) => l.text))).toEqual([["test_out0", "from 50 records"]]);
    expect(stubs[0]?.href).toBe("pipeline-1.html");
    expect(spec.edges.filter((e) => e.from === stubs[0]?.id).map((e) => e.label)).toEqual(["×50"]);
    // A few inputs stay one node each, each leading to its record's artifact row.
    const few = recordSpec(syntheticRun(3), 3).nodes.filter((n) => n.classes.includes("dag-external"));
    expect(few.map((n) => n.href)).toEqual(["0.html#artifact-6", "1.html#artifact-14", "2.html#artifact-22"]);
  });

  it("links every stage and artifact to its row on the record's page", () => {
    const spec = recordSpec(syntheticRun(2), 1);
    for (const node of spec.nodes.filter((n) => !n.classes.includes("dag-external")))
      expect(node.href).toMatch(/^#(stage|artifact)-\d+$/);
  });

  it("marks a stage that raised, in the record graph and in the map", async () => {
    const b = new RunBuilder();
    const r = b.record("doomed");
    b.stage(r, "prepare", { outputs: ["x"], durationMs: 5 });
    b.stage(r, "explode", { inputs: ["x"], durationMs: 1, error: "ValueError - boom", traceback: "Traceback…" });
    const run = b.build();
    const spec = recordSpec(run, 0);
    const failed = spec.nodes.find((n) => n.id === "s1");
    expect(failed?.classes).toContain("dag-failed");
    expect(failed?.lines.map((l) => l.text)).toEqual(["explode", "raised an error"]);
    expect(failed?.tooltip).toContain("raised: ValueError - boom");
    expect(spec.clusters[0]?.classes).toContain("dag-failed");
    const map = mapSpec(run).spec;
    expect(map.clusters[0]?.classes).toContain("dag-failed");
    expect(map.nodes.find((n) => n.id === "p1s1")?.classes).toContain("dag-failed");
  });
});

describe("the stage map", () => {
  it("draws records of one shape once, with their count, and counts the edges into the aggregate", () => {
    const { spec, collapsed } = mapSpec(syntheticRun(200));
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

  it("is the whole-run DAG folded by pipeline: its nodes drawn once, its cross-record edges counted", () => {
    const run = syntheticRun(6);
    const whole = fullGraphSpec(run, buildDag(run), "index.html");
    const map = mapSpec(run).spec;
    const look = (n: (typeof map.nodes)[number]) => `${n.shape} ${n.classes} ${n.lines[0]?.text ?? ""}`;
    for (const shape of runShapes(run).shapes) {
      const first = shape.records[0] ?? 0;
      const folded = map.nodes.filter((n) => n.cluster === pipelineId(shape.index)).map(look);
      expect(folded.sort()).toEqual(
        whole.nodes
          .filter((n) => n.cluster === `r${first}`)
          .map(look)
          .sort(),
      );
    }
    const crossing = (spec: typeof map) => spec.edges.filter((e) => e.classes.includes("dag-cross-record"));
    expect(crossing(whole)).toHaveLength(6);
    expect(crossing(map).map((e) => [e.from, e.to, e.label])).toEqual([["p1a6", "p2s0", "×6"]]);
  });

  it("keeps the aggregate when there are more pipelines than it draws", () => {
    const b = new RunBuilder();
    const n = MAX_MAP_PIPELINES + 50;
    for (let i = 0; i < n; i++) b.stage(b.record(`r${i}`), `stage_${i}`, { outputs: ["x"] });
    b.stage(b.record(null, { aggregate: true, inputRecords: [0, 1] }), "compare", { inputs: [0, 1] });
    const run = b.build();
    const drawn = mapPipelines(run, runShapes(run));
    expect(drawn).toHaveLength(MAX_MAP_PIPELINES);
    expect(drawn).toContain(n);
    const { spec, drawn: count } = mapSpec(run);
    expect(count).toBe(MAX_MAP_PIPELINES);
    expect([...spec.clusters, ...spec.nodes].map((c) => c.id)).toContain(pipelineId(n));
  });

  it("marks the pipeline of the record being viewed", async () => {
    const graphs = await layoutAll(syntheticRun(5), "mark");
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
      const spec = recordSpec(run, r);
      const svg = drawGraph(spec, await layoutGraph(spec, null, "h"), {
        idPrefix: "h-",
        title: "hostile",
      });
      expect(svg).not.toMatch(/<script|onload=|javascript:/i);
      const title = svgTitle(svg, "h-a0") ?? "";
      expect(decodeXml(title).length).toBeGreaterThan(0);
      expect(svg.match(/<text\b/g)?.length).toBeGreaterThan(3);
    }
  });

  it("draws each graph of a shape as if its layout were fresh, whatever was drawn on it before", async () => {
    const run = syntheticRun(7);
    const plain = recordSpec(run, 2);
    // The same shape with one stage failed and one artifact dashed: different strokes on the same boxes.
    const marked = {
      ...plain,
      nodes: plain.nodes.map((n) =>
        n.id === "s0" ? { ...n, classes: `${n.classes} dag-failed` } : n.id === "a0" ? { ...n, dashed: true } : n,
      ),
    };
    const shared = await layoutGraph(plain, null, "shared");
    const options = { idPrefix: "gr-", title: "t" };
    const first = drawGraph(plain, shared, options);
    const markedOnShared = drawGraph(marked, shared, options);
    expect(markedOnShared).toBe(drawGraph(marked, await layoutGraph(plain, null, "fresh"), options));
    expect(svgObject(markedOnShared, "gr-s0")).toContain('stroke="#c00000"');
    expect(svgObject(markedOnShared, "gr-a0")).toContain('stroke-dasharray="4,2"');
    expect(svgObject(first, "gr-s0")).not.toContain('stroke="#c00000"');
    expect(drawGraph(plain, shared, options)).toBe(first);
  });

  it("is deterministic", async () => {
    const a = await layoutAll(syntheticRun(7), "d");
    const b = await layoutAll(syntheticRun(7), "d");
    expect(a.recordSvg(2)).toBe(b.recordSvg(2));
    expect(a.mapSvg("index.html", null)).toBe(b.mapSvg("index.html", null));
  });
});
