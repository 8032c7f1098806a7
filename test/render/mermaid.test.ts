/**
 * The run's DAG as Mermaid (`curi-report dag --format mermaid`, the PR summary): folded by pipeline
 * as the report's map is, within GitHub's limits at any size, failures styled, and read back by
 * Mermaid's own parser and renderer in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runShapes } from "../../src/render/facts/recordShapes.js";
import { oneLine } from "../../src/render/graph/graphNodes.js";
import { dagMermaid, mermaidText, type MermaidOptions } from "../../src/render/graph/mermaid.js";
import type { Run } from "../../src/run/model.js";
import { MermaidPage, type Box, type RenderedMermaid } from "./helpers/mermaid.js";
import { HOSTILE_NAMES, hostileRun, RunBuilder, syntheticRun } from "./helpers/runs.js";

function irisLike() {
  const b = new RunBuilder();
  const r0 = b.record("simple_lr");
  b.stage(r0, "load_data", { outputs: ["training_data", "testing_data"], durationMs: 1500 });
  b.stage(r0, "train_model", { inputs: ["training_data", -1], outputs: ["model"], cached: true });
  const r1 = b.copy(r0, "simple_rf");
  b.stage(r1, "train_model", { inputs: ["training_data"], outputs: ["model"] });
  const agg = b.record(null, { aggregate: true, inputRecords: [0, 1] });
  b.stage(agg, "test_models", { inputs: [2, 3], outputs: [{ name: "scores", path: null }] });
  return b.build();
}

/** A sweep of `n` records, one of which fails at its last stage, and an aggregate. */
function failingSweep(n: number) {
  const b = new RunBuilder();
  const finals: number[] = [];
  for (let r = 0; r < n; r++) {
    const record = b.record(`p${r}`);
    const [data] = b.stage(record, "load", { outputs: ["data"], durationMs: 10 });
    const error = r === 3 ? "ValueError - diverged" : undefined;
    const [model] = b.stage(record, "train", { inputs: [data ?? 0], outputs: ["model"], durationMs: 20, error });
    finals.push(model ?? 0);
  }
  b.stage(b.record(null, { aggregate: true, inputRecords: finals.map((_, i) => i) }), "compare", { inputs: finals });
  return b.build();
}

/** `n` records, each its own pipeline (a stage name of its own), and an aggregate over all. */
function distinctPipelines(n: number) {
  const b = new RunBuilder();
  const outputs = Array.from({ length: n }, (_, r) => b.stage(b.record(`r${r}`), `stage_${r}`, { outputs: ["x"] })[0]);
  const inputs = outputs.map((o) => o ?? 0);
  b.stage(b.record(null, { aggregate: true, inputRecords: inputs.map((_, i) => i) }), "compare", { inputs });
  return b.build();
}

/** N records, each a make_copy of the one before: N-1 record links. */
function chain(n: number) {
  const b = new RunBuilder();
  let previous = b.record("r0");
  b.stage(previous, "load", { outputs: ["x"] });
  for (let i = 1; i < n; i++) {
    const next = b.copy(previous, `r${i}`);
    b.stage(next, `step${i}`, { inputs: ["x"], outputs: ["x"] });
    previous = next;
  }
  return b.build();
}

const mermaidOf = (run: Run, options?: MermaidOptions) => dagMermaid(run, runShapes(run), options);
const visible = (s: string) => s.replace(/\u2060/g, "");
const edgeLines = (text: string) => text.split("\n").filter((l) => /-->|-\.->/.test(l));
const GITHUB = { chars: 50_000, edges: 500 };

describe("dagMermaid structure", () => {
  it("draws each pipeline once as a subgraph with a one-line title, and its stages, artifacts and missing inputs", () => {
    const { text, collapsed, truncated } = mermaidOf(irisLike());
    expect([collapsed, truncated]).toEqual([false, false]);
    const lines = text.split("\n");
    expect(lines[0]).toBe("flowchart TB");
    expect(lines).toContain(`  subgraph p1 ["record 0 · args#58; simple#95;lr"]`);
    expect(lines).toContain(`    p1s0(["load#95;data<br/>1#46;50 s"]):::stage`);
    expect(lines).toContain(`    p1a0["training#95;data"]:::artifact`);
    expect(lines).toContain(`    p1m1_1["missing input"]:::missing`);
    expect(lines).toContain(`  subgraph p3 ["record 2 · aggregate of 2 records"]`);
    expect(lines).toContain("  style p2 fill:#d8bfd8,stroke:#d8bfd8");
  });

  it("keeps the copy's and the aggregate's cross-record edges", () => {
    const edges = edgeLines(mermaidOf(irisLike()).text).map((l) => l.trim());
    expect(edges).toEqual(
      expect.arrayContaining(["p1a0 --> p2s0", "p1a2 --> p3s0", "p2a0 --> p3s0", "p1m1_1 -.-> p1s1", "p3s0 --> p3a0"]),
    );
    expect(edges).toHaveLength(10);
  });

  it("styles a failed stage and its pipeline", () => {
    const { text } = mermaidOf(failingSweep(6));
    const lines = text.split("\n");
    expect(lines).toContain("  classDef failed fill:#fff0f0,stroke:#c00000,color:#a00000,stroke-width:2.5px");
    // Records of one shape but a failure are a pipeline of their own, drawn with the error.
    expect(lines).toContain(`  subgraph p2 ["record 3 · args#58; p3"]`);
    expect(lines).toContain(`    p2s1(["train<br/>raised an error"]):::failed`);
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}style p2 fill:#[0-9a-f]{6},stroke:#c00000,stroke-width:2px/),
    );
    expect(lines).toContain(`    p1s1(["train"]):::stage`);
  });

  it("never emits interaction or directive lines, whatever the names say", () => {
    const { text } = mermaidOf(hostileRun());
    for (const line of text.split("\n")) expect(line).not.toMatch(/^\s*(click|call|href|linkStyle|%%)/);
    expect(text).not.toContain("```");
    expect(text).not.toContain("$$");
  });
});

describe("mermaidText", () => {
  it("encodes punctuation as entities and passes letters, digits and non-ASCII", () => {
    expect(mermaidText(`a "b" <c> & #d`)).toBe("a #34;b#34; #60;c#62; #38; #35;d");
    expect(mermaidText("café 😀 日本")).toBe("café 😀 日本");
    expect(mermaidText("x\ny")).toBe("x<br/>y");
  });

  it("breaks up words and sequences Mermaid's pre-pass would misread", () => {
    expect(mermaidText("style:#1;")).toBe("#115;tyle#58;#35;1#59;");
    expect(mermaidText("classDef")).toBe("#99;lassDef");
    expect(mermaidText("\\n ¶ß ﬂ° $$")).toBe("#92;\u2060n ¶\u2060ß ﬂ\u2060° #36;\u2060#36;");
  });
});

describe("dagMermaid at any size", () => {
  it.each([30, 1000])("folds a sweep of %i records into its pipeline and the aggregate, edges counted", (n) => {
    const { text, collapsed, truncated, pipelines } = mermaidOf(syntheticRun(n));
    const count = n.toLocaleString("en-US");
    expect([collapsed, truncated, pipelines]).toEqual([false, false, 2]);
    expect(text).toContain(`  subgraph p1 ["${mermaidText(`${count} records · records 0 to ${n - 1}`)}"]`);
    expect(text).toContain(`  subgraph p2 ["${mermaidText(`record ${n} · aggregate of ${count} records`)}"]`);
    expect(edgeLines(text).map((l) => l.trim())).toContain(`p1a6 -->|"${mermaidText(`×${count}`)}"| p2s0`);
    expect(text.length).toBeLessThan(3000);
  });

  it.each([30, 1000])("draws a %i-record sweep with a failure: the failed record styled, the aggregate kept", (n) => {
    const { text, truncated, pipelines } = mermaidOf(failingSweep(n));
    expect([truncated, pipelines]).toEqual([false, 3]);
    expect(text).toContain(
      `  subgraph p1 ["${mermaidText(`${(n - 1).toLocaleString("en-US")} records · records 0 to ${n - 1}`)}"]`,
    );
    expect(text).toContain(`    p2s1(["train<br/>raised an error"]):::failed`);
    expect(text).toContain(
      `  subgraph p3 ["${mermaidText(`record ${n} · aggregate of ${n.toLocaleString("en-US")} records`)}"]`,
    );
    expect(text.length).toBeLessThanOrEqual(GITHUB.chars);
    expect(edgeLines(text).length).toBeLessThanOrEqual(GITHUB.edges);
  });

  it("keeps a sweep of 50,000 records small, the aggregate drawn", () => {
    const run = syntheticRun(50_000, { stages: ["fit"], outputsPerStage: 1 });
    const { text, truncated } = mermaidOf(run);
    expect(truncated).toBe(false);
    expect(text).toContain(`  subgraph p2 ["record 50000 · aggregate of 50#44;000 records"]`);
    expect(text).toContain(`p1a0 -->|"×50#44;000"| p2s0`);
  });

  it("draws many pipelines as boxes within GitHub's limits, the aggregate kept and the rest counted", () => {
    const { text, collapsed, truncated, pipelines, totalPipelines } = mermaidOf(distinctPipelines(1000));
    expect([collapsed, truncated, pipelines, totalPipelines]).toEqual([true, true, 200, 1001]);
    expect(text.length).toBeLessThanOrEqual(GITHUB.chars);
    expect(edgeLines(text).length).toBeLessThanOrEqual(GITHUB.edges);
    expect(text).toContain(
      `  p1001["record 1000<br/>aggregate of 1#44;000 records<br/>1 stage#44; 0 artifacts"]:::record`,
    );
    expect(text).toContain(`note0["… 801 more pipelines #40;801 records#41; not shown`);
  });

  it("respects custom limits on characters and edges, keeping the aggregate", () => {
    const small = mermaidOf(distinctPipelines(1000), { maxChars: 4000 });
    expect(small.text.length).toBeLessThanOrEqual(4000);
    expect(small.truncated).toBe(true);
    expect(small.text).toContain(`  p1001[`);
    const few = mermaidOf(chain(100), { maxEdges: 10 });
    expect(edgeLines(few.text).length).toBeLessThanOrEqual(10);
    expect(few.truncated).toBe(true);
  });
});

/** True when two boxes share more than a rounding error of area. */
function overlap(a: Box, b: Box): boolean {
  const slack = 0.5;
  return (
    a.x + a.width - slack > b.x &&
    b.x + b.width - slack > a.x &&
    a.y + a.height - slack > b.y &&
    b.y + b.height - slack > a.y
  );
}

/** Subgraph titles that some node of the diagram covers. */
function hiddenTitles(drawn: RenderedMermaid): string[] {
  return drawn.subgraphs
    .filter((s) => Object.values(drawn.nodeBoxes).some((node) => overlap(s.title, node)))
    .map((s) => s.id);
}

describe("with mermaid's own parser and renderer", () => {
  let mermaid: MermaidPage;
  beforeAll(async () => {
    mermaid = await MermaidPage.open();
  });
  afterAll(async () => {
    await mermaid?.close();
  });

  it("rejects a broken diagram (so the checks below can fail)", async () => {
    expect(await mermaid.parse('flowchart TB\n  a["x"y"] --> b')).not.toBeNull();
  });

  it("parses every kind of diagram", async () => {
    for (const run of [
      irisLike(),
      hostileRun(),
      failingSweep(5),
      syntheticRun(1000),
      distinctPipelines(1000),
      chain(300),
    ])
      expect(await mermaid.parse(mermaidOf(run).text)).toBeNull();
    expect(await mermaid.parse(mermaidOf(distinctPipelines(1000), { maxChars: 4000 }).text)).toBeNull();
  });

  it("renders hostile names as their exact text", async () => {
    const rendered = await mermaid.render(mermaidOf(hostileRun()).text);
    HOSTILE_NAMES.forEach((name, r) => {
      const pipeline = `p${r + 1}`;
      expect(visible(rendered.nodes[`${pipeline}a0`] ?? ""), name).toBe(oneLine(name));
      const timing = r % 2 === 1 ? "cached" : "1.23 s";
      expect(visible(rendered.nodes[`${pipeline}s0`] ?? ""), name).toBe(oneLine(name) + timing);
      expect(visible(rendered.nodes[`${pipeline}s1`] ?? ""), name).toBe(oneLine(`use ${name}`));
    });
    expect(rendered.clusters.map(visible)).toEqual(
      expect.arrayContaining(HOSTILE_NAMES.map((n, r) => `record ${r} · args: ${oneLine(n)}`)),
    );
  });

  it.each([30, 1000])(
    "draws a %i-record sweep readably: two pipelines, titles in the clear, nodes full size",
    async (n) => {
      const drawn = await mermaid.render(mermaidOf(syntheticRun(n)).text);
      expect(drawn.clusters).toEqual([
        `record ${n} · aggregate of ${n.toLocaleString("en-US")} records`,
        `${n.toLocaleString("en-US")} records · records 0 to ${n - 1}`,
      ]);
      expect(drawn.edgeLabels).toEqual([`×${n.toLocaleString("en-US")}`]);
      expect(hiddenTitles(drawn)).toEqual([]);
      // Shrunk to a comment's 800 px, a node is still as tall as a line of text.
      const scale = Math.min(1, 800 / drawn.width);
      expect(Math.min(...Object.values(drawn.nodeBoxes).map((b) => b.height)) * scale).toBeGreaterThan(20);
    },
  );

  it("keeps every subgraph title clear of the nodes", async () => {
    for (const run of [irisLike(), failingSweep(5), hostileRun()])
      expect(hiddenTitles(await mermaid.render(mermaidOf(run).text))).toEqual([]);
  });

  it("draws a failed stage in the failure style", async () => {
    const drawn = await mermaid.render(mermaidOf(failingSweep(5)).text);
    expect(drawn.nodeClasses.p2s1).toContain("failed");
    expect(drawn.nodeClasses.p1s1).not.toContain("failed");
  });
});
