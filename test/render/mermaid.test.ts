import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelText } from "../../src/render/graph/dag.js";
import { dagMermaid, mermaidText } from "../../src/render/graph/mermaid.js";
import { MermaidPage } from "./helpers/mermaid.js";
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

/** What a label shows once rendered: its lines run together, without the invisible word joiners. */
function shown(text: string): string {
  return labelText(text).replace(/\n/g, "");
}

const visible = (s: string) => s.replace(/\u2060/g, "");
const edgeLines = (text: string) => text.split("\n").filter((l) => /-->|-\.->/.test(l));

describe("dagMermaid structure", () => {
  it("draws one subgraph per record with stage, artifact and missing-input nodes", () => {
    const { text, collapsed } = dagMermaid(irisLike());
    expect(collapsed).toBe(false);
    const lines = text.split("\n");
    expect(lines[0]).toBe("flowchart TB");
    expect(lines).toContain(`  subgraph r0 ["record 0<br/>args#58; simple#95;lr"]`);
    expect(lines).toContain(`    s0_0(["load#95;data<br/>1#46;50 s"]):::stage`);
    expect(lines).toContain(`    a0["training#95;data"]:::artifact`);
    expect(lines).toContain(`    m0_1_1["missing input"]:::missing`);
    expect(lines).toContain("  style r1 fill:#d8bfd8,stroke:#d8bfd8");
  });

  it("keeps the copy's and the aggregate's cross-record edges", () => {
    const edges = edgeLines(dagMermaid(irisLike()).text).map((l) => l.trim());
    expect(edges).toEqual(
      expect.arrayContaining(["a0 --> s1_0", "a2 --> s2_0", "a3 --> s2_0", "m0_1_1 -.-> s0_1", "s2_0 --> a4"]),
    );
    expect(edges).toHaveLength(10);
  });

  it("never emits interaction or directive lines, whatever the names say", () => {
    const { text } = dagMermaid(hostileRun());
    for (const line of text.split("\n")) {
      expect(line).not.toMatch(/^\s*(click|call|href|linkStyle|%%)/);
    }
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

describe("dagMermaid size limits", () => {
  it("collapses to one node per record when the full diagram has too many edges", () => {
    const run = syntheticRun(200);
    const { text, collapsed, truncated } = dagMermaid(run);
    expect([collapsed, truncated]).toEqual([true, false]);
    expect(text.length).toBeLessThanOrEqual(50_000);
    expect(text).toContain(`  r0["record 0<br/>args#58; args0<br/>4 stages#44; 8 artifacts"]:::record`);
    expect(text).not.toContain("subgraph");
    const edges = edgeLines(text);
    expect(edges).toHaveLength(200);
    expect(edges[0]?.trim()).toBe(`r0 -->|"1 artifact"| r200`);
  });

  it("collapses when the text is too long even with few edges", () => {
    const b = new RunBuilder();
    const r = b.record("a");
    b.stage(r, "s".repeat(250), { outputs: Array.from({ length: 20 }, (_, i) => `${"o".repeat(250)}${i}`) });
    expect(dagMermaid(b.build(), { maxChars: 3000 }).collapsed).toBe(true);
    expect(dagMermaid(b.build()).collapsed).toBe(false);
  });

  it("truncates with a note when even the collapsed diagram is too big", () => {
    const { text, collapsed, truncated } = dagMermaid(syntheticRun(2000));
    expect([collapsed, truncated]).toEqual([true, true]);
    expect(text.length).toBeLessThanOrEqual(50_000);
    const shownRecords = text.split("\n").filter((l) => /^ {2}r\d+\[/.test(l)).length;
    expect(text).toContain(`more["… ${2001 - shownRecords} more records not shown`);
  });

  it("respects custom limits on characters and edges", () => {
    const a = dagMermaid(syntheticRun(100), { maxChars: 4000 });
    expect(a.text.length).toBeLessThanOrEqual(4000);
    const b = dagMermaid(syntheticRunWithChain(100), { maxEdges: 10 });
    expect(edgeLines(b.text).length).toBeLessThanOrEqual(10);
    expect(b.truncated).toBe(true);
  });
});

/** N records, each a make_copy of the one before: N-1 record links. */
function syntheticRunWithChain(n: number) {
  const b = new RunBuilder();
  let previous = b.record("r0");
  b.stage(previous, "load", { outputs: ["x"] });
  for (let i = 1; i < n; i++) {
    const next = b.copy(previous, `r${i}`);
    b.stage(next, "step", { inputs: ["x"], outputs: ["x"] });
    previous = next;
  }
  return b.build();
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

  it("parses full, collapsed and truncated diagrams", async () => {
    for (const run of [irisLike(), hostileRun(), syntheticRun(200), syntheticRun(2000), syntheticRunWithChain(300)]) {
      const { text } = dagMermaid(run);
      expect(await mermaid.parse(text)).toBeNull();
    }
  });

  it("renders hostile names as their exact text", async () => {
    const rendered = await mermaid.render(dagMermaid(hostileRun()).text);
    HOSTILE_NAMES.forEach((name, r) => {
      expect(visible(rendered.nodes[`a${r}`] ?? ""), name).toBe(shown(name));
      const timing = r % 2 === 1 ? "cached" : "1.23 s";
      expect(visible(rendered.nodes[`s${r}_0`] ?? ""), name).toBe(shown(name) + timing);
      expect(visible(rendered.nodes[`s${r}_1`] ?? ""), name).toBe(shown(`use ${name}`));
    });
    expect(rendered.clusters.map(visible)).toEqual(
      expect.arrayContaining(HOSTILE_NAMES.map((n, r) => `record ${r}args: ${shown(n)}`)),
    );
  });

  it("renders a collapsed diagram with record nodes and counted links", async () => {
    const rendered = await mermaid.render(dagMermaid(syntheticRun(60)).text);
    expect(rendered.nodes.r0).toBe("record 0args: args04 stages, 8 artifacts");
    expect(Object.keys(rendered.nodes)).toHaveLength(61);
    expect(rendered.edgeLabels.filter((l) => l === "1 artifact")).toHaveLength(60);
  });
});
