import { beforeAll, describe, expect, it } from "vitest";
import { buildDag, dagSize, labelText, recordLinks, stageTiming } from "../../src/render/graph/dag.js";
import type { DagStageNode } from "../../src/render/graph/dag.js";
import { dagJson, dagJsonDocument, recordPart } from "../../src/render/graph/dagJson.js";
import { exportDag, type DagFormat } from "../../src/render/graph/dagExport.js";
import { dagMermaid } from "../../src/render/graph/mermaid.js";
import { runShapes } from "../../src/render/facts/recordShapes.js";
import { renderReport } from "../../src/render/report.js";
import { RECORD_COLOURS } from "../../src/render/colours.js";
import { RunBuilder, syntheticRun } from "./helpers/runs.js";

/** iris-like: two records (the second a make_copy of the first), then an aggregate over both. */
function irisLike() {
  const b = new RunBuilder();
  const r0 = b.record("simple_lr");
  b.stage(r0, "load_data", { outputs: ["training_data", "testing_data"], durationMs: 1500, cached: false });
  b.stage(r0, "train_model", { inputs: ["training_data"], outputs: ["model"], durationMs: 20, cached: true });
  const r1 = b.copy(r0, "copy_rf");
  b.stage(r1, "train_model", { inputs: ["training_data"], outputs: ["model"], durationMs: null, cached: false });
  const agg = b.record(null, { aggregate: true, inputRecords: [0, 1] });
  b.stage(agg, "test_models", { inputs: [2, 3, 1], outputs: [{ name: "scores", path: null }] });
  return b.build();
}

describe("buildDag", () => {
  it("gives stages, artifacts and clusters safe, predictable ids", () => {
    const dag = buildDag(irisLike());
    expect(dag.nodes.map((n) => n.id)).toEqual(["s0_0", "s0_1", "a0", "a1", "a2", "s1_0", "a3", "s2_0", "a4"]);
    expect(dag.clusters.map((c) => c.id)).toEqual(["cluster_0", "cluster_1", "cluster_2"]);
    expect(dag.clusters[0]?.nodes).toEqual(["s0_0", "s0_1", "a0", "a1", "a2"]);
  });

  it("keeps edges that cross records: a copy's input and every aggregate input", () => {
    const dag = buildDag(irisLike());
    const edges = dag.edges.map((e) => `${e.from}->${e.to}${e.crossRecord ? " (cross)" : ""}`);
    expect(edges).toEqual([
      "a0->s0_1",
      "s0_0->a0",
      "s0_0->a1",
      "s0_1->a2",
      "a0->s1_0 (cross)",
      "s1_0->a3",
      "a2->s2_0 (cross)",
      "a3->s2_0 (cross)",
      "a1->s2_0 (cross)",
      "s2_0->a4",
    ]);
  });

  it("labels clusters like curifactory and colours them by record index", () => {
    const dag = buildDag(syntheticRun(10));
    const c0 = dag.clusters[0];
    expect([c0?.title, c0?.subtitle]).toEqual(["record 0", "args: args0"]);
    const agg = dag.clusters[10];
    expect([agg?.title, agg?.subtitle, agg?.aggregate]).toEqual(["record 10", "aggregate of 10 records", true]);
    expect(dag.clusters.map((c) => c.colour)).toEqual([...RECORD_COLOURS, RECORD_COLOURS[0], RECORD_COLOURS[1]]);
  });

  it("gives a stage that runs twice in one record two nodes", () => {
    const b = new RunBuilder();
    const r = b.record("a");
    b.stage(r, "step", { outputs: ["x"] });
    b.stage(r, "step", { inputs: ["x"], outputs: ["x"] });
    const dag = buildDag(b.build());
    const stages = dag.nodes.filter((n) => n.kind === "stage");
    expect(stages.map((s) => [s.id, s.label])).toEqual([
      ["s0_0", "step"],
      ["s0_1", "step"],
    ]);
    expect(dag.edges.map((e) => `${e.from}->${e.to}`)).toEqual(["a0->s0_1", "s0_0->a0", "s0_1->a1"]);
  });

  it("shows a missing input (-1) as its own marker node with an edge to the stage", () => {
    const b = new RunBuilder();
    const r = b.record("a");
    b.stage(r, "load", { outputs: ["x"] });
    b.stage(r, "use", { inputs: ["x", -1, -1] });
    const dag = buildDag(b.build());
    const missing = dag.nodes.filter((n) => n.kind === "missing");
    expect(missing.map((m) => m.id)).toEqual(["m0_1_1", "m0_1_2"]);
    expect(dag.edges.filter((e) => e.kind === "missing").map((e) => `${e.from}->${e.to}`)).toEqual([
      "m0_1_1->s0_1",
      "m0_1_2->s0_1",
    ]);
    expect(dag.clusters[0]?.nodes).toContain("m0_1_1");
  });

  it("carries a stage's error, which dag.json (version 1) leaves out", () => {
    const b = new RunBuilder();
    const r = b.record("a");
    b.stage(r, "explode", { error: "ValueError - boom" });
    const run = b.build();
    expect((buildDag(run).nodes[0] as DagStageNode).error).toBe("ValueError - boom");
    expect((JSON.parse(dagJson(run)) as { nodes: object[] }).nodes[0]).not.toHaveProperty("error");
  });

  it("carries stage timing and the cached flag from stageInfo", () => {
    const dag = buildDag(irisLike());
    const stage = (id: string) => dag.nodes.find((n) => n.id === id) as DagStageNode;
    expect([stage("s0_0").durationMs, stage("s0_0").cached]).toEqual([1500, false]);
    expect(stageTiming(stage("s0_0"))).toBe("1.50 s");
    expect(stageTiming(stage("s0_1"))).toBe("cached");
    expect(stageTiming(stage("s1_0"))).toBeNull();
    expect(stageTiming(stage("s2_0"))).toBeNull(); // that record has no stageInfo at all
  });

  it("measures size by nodes + 1.5 × edges", () => {
    const run = syntheticRun(3, { stages: ["a", "b"], outputsPerStage: 1, aggregate: false });
    // per record: 2 stages + 2 artifacts, edges: a->o0, o0->b, b->o1
    expect(dagSize(buildDag(run))).toBe(3 * 4 + 1.5 * 3 * 3);
  });
});

describe("recordLinks", () => {
  it("counts distinct artifacts per pair of records and keeps inputRecords without artifacts", () => {
    const b = new RunBuilder();
    const r0 = b.record("a");
    b.stage(r0, "load", { outputs: ["x", "y"] });
    const r1 = b.copy(r0); // inputRecords [0], reads nothing yet
    b.stage(r1, "noop");
    const agg = b.record(null, { aggregate: true, inputRecords: [0, 1] });
    b.stage(agg, "cmp", { inputs: [0, 1, 0] });
    expect(recordLinks(b.build())).toEqual([
      { from: 0, to: 1, artifacts: 0 },
      { from: 0, to: 2, artifacts: 2 },
      { from: 1, to: 2, artifacts: 0 },
    ]);
  });
});

describe("dagJson", () => {
  it("is documented, versioned JSON holding every node, edge and cluster", () => {
    const run = irisLike();
    const doc = JSON.parse(dagJson(run)) as Record<string, unknown> & {
      nodes: Record<string, unknown>[];
      edges: unknown[];
      clusters: Record<string, unknown>[];
    };
    expect(Object.keys(doc)).toEqual(["format", "version", "reference", "clusters", "nodes", "edges", "recordLinks"]);
    expect([doc.format, doc.version, doc.reference]).toEqual(["curi-report-dag", 1, run.info.reference]);
    expect(doc.nodes).toHaveLength(9);
    expect(doc.edges).toHaveLength(10);
    expect(doc.nodes.find((n) => n.id === "s0_1")).toEqual({
      id: "s0_1",
      kind: "stage",
      record: 0,
      label: "train_model",
      position: 1,
      durationMs: 20,
      cached: true,
    });
    expect(doc.nodes.find((n) => n.id === "a4")).toEqual({
      id: "a4",
      kind: "artifact",
      record: 2,
      label: "scores",
      artifact: 4,
      representation: "(int) 4",
      path: null,
    });
    expect(doc.clusters[2]).toMatchObject({
      id: "cluster_2",
      record: 2,
      name: "Record 2 (None)",
      argsName: null,
      aggregate: true,
      colour: "#ffdab9",
      inputRecords: [0, 1],
    });
  });

  it("is byte-identical for the same run and ends with a newline", () => {
    expect(dagJson(syntheticRun(5))).toBe(dagJson(syntheticRun(5)));
    expect(dagJson(syntheticRun(5)).endsWith("}\n")).toBe(true);
  });

  it("gives one record's part: its cluster, the nodes its edges join, its record links", () => {
    const part = recordPart(dagJsonDocument(irisLike()), 2);
    expect(part.clusters.map((c) => c.record)).toEqual([2]);
    expect(part.nodes.map((n) => n.id)).toEqual(["a1", "a2", "a3", "s2_0", "a4"]);
    expect(part.edges.map((e) => `${e.from}->${e.to}`)).toEqual(["a2->s2_0", "a3->s2_0", "a1->s2_0", "s2_0->a4"]);
    expect(part.recordLinks).toEqual([
      { from: 0, to: 2, artifacts: 2 },
      { from: 1, to: 2, artifacts: 1 },
    ]);
  });

  it("keeps the run's texts unabridged", () => {
    const b = new RunBuilder();
    const r = b.record("a");
    const long = "x".repeat(1000);
    b.stage(r, `s\n"<&>"`, { outputs: [{ name: long, string: "a\u0007b" }] });
    const doc = JSON.parse(dagJson(b.build())) as { nodes: { label: string; representation?: string }[] };
    expect(doc.nodes.map((n) => n.label)).toEqual([`s\n"<&>"`, long]);
    expect(doc.nodes[1]?.representation).toBe("a\u0007b");
  });
});

describe("labelText", () => {
  it("passes non-ASCII intact and unifies line ends", () => {
    expect(labelText("café 😀 עברית\r\nx\ry")).toBe("café 😀 עברית\nx\ny");
  });

  it("shows control characters and replaces lone surrogates", () => {
    expect(labelText("a\u0000b\u001bc\u0085")).toBe("a\\u0000b\\u001bc\\u0085");
    expect(labelText("x\ud800y\udc00z")).toBe("x\ufffdy\ufffdz");
    expect(labelText("\ud83d\ude00")).toBe("😀");
  });

  it("cuts very long or many-line text without splitting a character", () => {
    const cut = labelText("😀".repeat(400));
    expect(Array.from(cut)).toHaveLength(300);
    expect(cut.endsWith("😀…")).toBe(true);
    expect(labelText(Array.from({ length: 20 }, (_, i) => `l${i}`).join("\n")).split("\n")).toHaveLength(12);
  });
});

describe("exportDag: every format, for the whole run and for one record", () => {
  const run = irisLike();
  const shapes = runShapes(run);
  const exported = (format: DagFormat, record?: number) =>
    exportDag(run, shapes, { format, ...(record === undefined ? {} : { record }) });
  let files: Map<string, string>;
  beforeAll(async () => {
    const report = await renderReport(run, { version: "0.0.0-test" });
    files = new Map(report.files.map((f) => [f.path, typeof f.content === "string" ? f.content : ""]));
  });

  it("writes what the report holds: full.gv, record_<i>.gv and dag.json", async () => {
    expect(await exported("dot")).toBe(files.get("graphs/full.gv"));
    for (const r of [0, 1, 2]) expect(await exported("dot", r)).toBe(files.get(`graphs/record_${r}.gv`));
    expect(await exported("json")).toBe(files.get("graphs/dag.json"));
  });

  it("gives one record's part of the JSON", async () => {
    const doc = JSON.parse(await exported("json", 1)) as { clusters: { record: number }[] };
    expect(doc.clusters.map((c) => c.record)).toEqual([1]);
  });

  it("draws the whole run or one record as a standalone SVG file, with the same nodes as its DOT", async () => {
    for (const record of [undefined, 1]) {
      const svg = await exported("svg", record);
      expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
        true,
      );
      const dotIds = [...(await exported("dot", record)).matchAll(/(?:\[|\t)id="([^"]+)"/g)].map(
        (m) => `g-${m[1] ?? ""}`,
      );
      const svgIds = [...svg.matchAll(/<g id="(g-[^"]+)" class="(?:node|cluster)/g)].map((m) => m[1]);
      expect(svgIds.sort()).toEqual(dotIds.sort());
    }
    expect(await exported("svg")).toContain(`aria-label="Stage map of ${run.info.reference}"`);
    expect(await exported("svg", 1)).toContain(`aria-label="Stages of Record 1 (copy_rf)"`);
  });

  it("draws Mermaid of the whole run folded by pipeline, and of one record as its page does", async () => {
    const whole = await exported("mermaid");
    expect(whole).toBe(dagMermaid(run, shapes).text);
    expect(whole).toContain("subgraph p1 [");
    const one = await exported("mermaid", 1);
    expect(one.startsWith("flowchart TB\n")).toBe(true);
    expect(one).toContain(`  subgraph rec ["record 1 · args#58; copy#95;rf"]`);
    expect(one).toContain(`    s0(["train#95;model"]):::stage`);
    // The copy reads its source's artifact: a stand-in for it, as on the record's page.
    expect(one).toMatch(/x0\["training#95;data<br\/>from record 0"\]:::external/);
  });

  it("refuses a record that does not exist", async () => {
    await expect(exported("dot", 3)).rejects.toThrow(RangeError);
  });
});
