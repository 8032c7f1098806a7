/**
 * The one SVG producer of graphs: Graphviz (WebAssembly, here for real) lays a spec out, and
 * graphDraw.ts draws it. What a page or an exported file shows: an accessible, CSS-sizable `<svg>`
 * with prefixed ids, tooltips in words, hostile text intact, and failures marked without a
 * stylesheet too. Layout errors name the graph and the DOT line.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { runShapes } from "../../src/render/facts/recordShapes.js";
import { buildDag } from "../../src/render/graph/dag.js";
import { collapsedGraphSpec, fullGraphSpec } from "../../src/render/graph/fullGraph.js";
import { drawGraph, GRAPH_CLASS } from "../../src/render/graph/graphDraw.js";
import { layoutGraph } from "../../src/render/graph/graphLayout.js";
import type { GraphSpec } from "../../src/render/graph/graphSpec.js";
import { GraphLayoutError, layoutJson } from "../../src/render/graph/graphviz.js";
import { recordGraphSpec } from "../../src/render/graph/recordGraph.js";
import type { Run } from "../../src/run/model.js";
import { launchChromium } from "../helpers/browser.js";
import { svgIds, svgObject, svgTexts, svgTitle } from "./helpers/graph.js";
import { HOSTILE_NAMES, hostileRun, RunBuilder, syntheticRun } from "./helpers/runs.js";

function irisLike() {
  const b = new RunBuilder();
  const r0 = b.record("simple_lr");
  b.stage(r0, "load_data", { outputs: ["training_data", "testing_data"], durationMs: 1500 });
  b.stage(r0, "train_model", { inputs: ["training_data"], outputs: ["model"] });
  const r1 = b.copy(r0, "simple_rf");
  b.stage(r1, "train_model", { inputs: ["training_data"], outputs: ["model"] });
  const agg = b.record(null, { aggregate: true, inputRecords: [0, 1] });
  b.stage(agg, "test_models", { inputs: [2, 3], outputs: [{ name: "scores", path: null }] });
  return b.build();
}

const full = (run: Run) => fullGraphSpec(run, buildDag(run), "index.html");

async function draw(spec: GraphSpec, idPrefix: string, title: string): Promise<string> {
  return drawGraph(spec, await layoutGraph(spec, null, title), { idPrefix, title });
}

const INTERNAL_ID = /^(a\d+|s\d+_\d+|m\d+_\d+_\d+|x\d+|r\d+|p\d+\w*|e\d+|cluster_\w+|%\d+)$/;

describe("a drawn graph", () => {
  it("is one bare <svg> element, accessible and sizable by CSS", async () => {
    const svg = await draw(full(irisLike()), "gm-", `Map of "a<b>" & co`);
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(svg).not.toMatch(/<\?xml|<!DOCTYPE|<!--/);
    const root = /^<svg[^>]*>/.exec(svg)?.[0] ?? "";
    expect(root).toContain(`xmlns="http://www.w3.org/2000/svg"`);
    expect(root).toContain(`class="${GRAPH_CLASS}"`);
    expect(root).toContain(`aria-label="Map of &quot;a&lt;b&gt;&quot; &amp; co"`);
    expect(root).toMatch(/ width="[\d.]+pt" height="[\d.]+pt" viewBox="[\d. ]+"/);
    const bell = await draw(full(irisLike()), "b-", "bell\u0007");
    expect(bell).toContain(`aria-label="bell\\u0007"`);
    expect(bell).not.toContain("\u0007");
  });

  it("prefixes every id, and ids from two graphs never collide", async () => {
    const run = irisLike();
    const map = await draw(full(run), "gm-", "map");
    const rec = await draw(recordGraphSpec(run, runShapes(run), 0, "records/0.html"), "gr0-", "record 0");
    expect(svgIds(map).every((id) => id.startsWith("gm-"))).toBe(true);
    expect(svgIds(rec).every((id) => id.startsWith("gr0-"))).toBe(true);
    expect(svgIds(map)).toEqual(expect.arrayContaining(["gm-r0", "gm-r2", "gm-s0_0", "gm-s1_0", "gm-a0", "gm-a4"]));
    expect(map).toContain(`<g id="gm-a0" class="node dag-artifact">`);
    expect(map).toContain(`<g id="gm-r2" class="cluster dag-record dag-aggregate">`);
    expect(map).toMatch(/<g id="gm-e\d+" class="edge dag-input dag-cross-record">/);
    const all = [...svgIds(map), ...svgIds(rec)];
    expect(new Set(all).size).toBe(all.length);
  });

  it("gives nodes, clusters and edges tooltips in words, never internal ids", async () => {
    const svg = await draw(full(irisLike()), "gm-", "map");
    expect(svgTitle(svg, "gm-a0")).toBe("training_data");
    expect(svgTitle(svg, "gm-s0_0")).toBe("stage load_data\n1.50 s");
    expect(svgTitle(svg, "gm-r1")).toBe("Record 1 (simple_rf)");
    const edgeTitles = [...svg.matchAll(/class="edge[^"]*"><title>([^<]*)<\/title>/g)].map((m) => m[1]);
    expect(edgeTitles).toContain("training_data → train_model");
    expect(edgeTitles).toContain("train_model → model");
    const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1] ?? "");
    expect(titles.filter((t) => INTERNAL_ID.test(t))).toEqual([]);
  });

  it("lays out a collapsed 1000-record DAG, its links labelled", async () => {
    const run = syntheticRun(1000);
    const svg = await draw(collapsedGraphSpec(run, buildDag(run), "index.html"), "big-", "big");
    expect(svg.match(/class="node dag-record/g)).toHaveLength(1001);
    expect(svgTexts(svg, "big-r999")).toEqual(["record 999", "args: args999", "4 stages, 8 artifacts"]);
    expect(svgTitle(svg, "big-e0")).toBe("record 0 → record 1000 (1 artifact)");
  });

  it("marks a stage that raised in red in its own attributes, so a file without the page's CSS shows it", async () => {
    const b = new RunBuilder();
    const r = b.record("doomed");
    b.stage(r, "explode", { error: "ValueError - boom" });
    const svg = await draw(full(b.build()), "f-", "failed");
    expect(svgObject(svg, "f-s0_0")).toMatch(/<ellipse [^>]*fill="#fff0f0" stroke="#c00000"/);
    expect(svgObject(svg, "f-r0")).toMatch(/<rect [^>]*stroke="#c00000"/);
    expect(svgTexts(svg, "f-s0_0")).toEqual(["explode", "raised an error"]);
  });

  it("is deterministic", async () => {
    const spec = full(syntheticRun(5));
    expect(await draw(spec, "d-", "d")).toBe(await draw(spec, "d-", "d"));
  });

  it("refuses an id prefix that could break attributes or selectors", async () => {
    const spec = full(irisLike());
    const layout = await layoutGraph(spec, null, "t");
    for (const bad of ["", "1a-", 'a"b', "a b", "a<"])
      expect(() => drawGraph(spec, layout, { idPrefix: bad, title: "t" })).toThrow(RangeError);
  });
});

describe("layoutJson", () => {
  it("throws GraphLayoutError naming the graph, the problem and the DOT line, and keeps working", async () => {
    const bad = "digraph {\n\ta -> b\n\tc -> }\n}";
    const error = await layoutJson(bad, "broken graph").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphLayoutError);
    expect((error as Error).message).toMatch(/"broken graph".*syntax error.*line 3.*c -> }/s);
    await expect(layoutJson("digraph { a -> b }", "ok")).resolves.toContain('"name": "a"');
  });

  it("throws on a malformed HTML-like label instead of silently dropping its text", async () => {
    const error = await layoutJson("digraph { n1 [label=<<b>x</i>>] }", "html").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphLayoutError);
    expect((error as Error).message).toContain("in label of node n1");
  });
});

describe("in a browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows hostile text intact, keeps ids unique across SVGs, and lets CSS shrink a wide graph", async () => {
    const run = hostileRun();
    const shapes = runShapes(run);
    const map = await draw(full(run), "gm-", "map");
    const recs = await Promise.all(
      [0, 1, 2].map((i) => draw(recordGraphSpec(run, shapes, i, `records/${i}.html`), `gr${i}-`, `record ${i}`)),
    );
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>.curi-graph{max-width:100%;height:auto}</style></head><body><div id="box" style="width:300px">${[map, ...recs].join("\n")}</div></body></html>`;
    const page = await browser.newPage();
    try {
      await page.setContent(html);
      const facts = await page.evaluate(() => {
        const ids = Array.from(document.querySelectorAll("[id]"), (e) => e.id);
        const text = (id: string) =>
          Array.from(document.getElementById(id)?.querySelectorAll("text") ?? [], (t) => t.textContent);
        const tip = (id: string) => document.getElementById(id)?.querySelector("title")?.textContent ?? null;
        const svg = document.querySelector("svg.curi-graph") as SVGSVGElement;
        const box = svg.getBoundingClientRect();
        const vb = svg.viewBox.baseVal;
        return {
          ids,
          a0: text("gm-a0"),
          a1: text("gm-a1"),
          a1tip: tip("gm-a1"),
          s4: text("gm-s4_0"),
          s4tip: tip("gm-s4_0"),
          rec2: text("gr2-a0"),
          width: box.width,
          ratio: box.height / box.width,
          vbRatio: vb.height / vb.width,
        };
      });
      expect(new Set(facts.ids).size).toBe(facts.ids.length);
      expect(facts.a0).toEqual([HOSTILE_NAMES[0]]);
      // Past its node's width a text is cut with "…", and the tooltip holds all of it.
      const [a1 = ""] = facts.a1;
      expect(a1.endsWith("…") && HOSTILE_NAMES[1]?.startsWith(a1.slice(0, -1))).toBe(true);
      expect(facts.a1tip).toBe(HOSTILE_NAMES[1]);
      expect(facts.s4).toEqual(["line1 ⏎ line2 ⏎ line3", "1.23 s"]);
      expect(facts.s4tip?.replace(/\r\n?/g, "\n")).toBe("stage line1\nline2\nline3\n1.23 s");
      expect(facts.rec2[0]).toBe(HOSTILE_NAMES[2]);
      expect(facts.width).toBeLessThanOrEqual(300);
      expect(facts.ratio).toBeCloseTo(facts.vbRatio, 2);
    } finally {
      await page.close();
    }
  });
});
