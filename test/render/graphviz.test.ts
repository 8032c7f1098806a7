import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { fullDot } from "../../src/render/graph/dot.js";
import { recordDot } from "../../src/render/graph/graphDot.js";
import { GraphLayoutError, layoutSvg, loadGraphviz } from "../../src/render/graph/graphviz.js";
import { GRAPH_CLASS, processSvg } from "../../src/render/graph/svg.js";
import { launchChromium } from "../helpers/browser.js";
import { svgIds, svgTexts, svgTitle } from "./helpers/graph.js";
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

const INTERNAL_ID = /^(a\d+|s\d+_\d+|m\d+_\d+_\d+|x\d+|r\d+|cluster_\d+|%\d+|[a-z]\d*&#45;&gt;.*)$/;

describe("layoutSvg", () => {
  it("returns one bare <svg> element: no prolog, DOCTYPE or comments", async () => {
    const svg = await layoutSvg(fullDot(irisLike()), { idPrefix: "gm-", title: "Stage map" });
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(svg).not.toMatch(/<\?xml|<!DOCTYPE|<!--/);
  });

  it("makes the root accessible and sizable by CSS, keeping the laid-out size and viewBox", async () => {
    const svg = await layoutSvg(fullDot(irisLike()), { idPrefix: "gm-", title: `Map of "a<b>" & co` });
    const root = /^<svg[^>]*>/.exec(svg)?.[0] ?? "";
    expect(root).toContain(`xmlns="http://www.w3.org/2000/svg"`);
    expect(root).toContain(`class="${GRAPH_CLASS}"`);
    expect(root).toContain(`role="img"`);
    expect(root).toContain(`aria-label="Map of &quot;a&lt;b&gt;&quot; &amp; co"`);
    expect(root).toMatch(/ width="\d+pt" height="\d+pt" viewBox="[\d. ]+"/);
    expect(svgTitle(svg, "gm-graph0")).toBe(`Map of "a<b>" & co`);
    const bell = await layoutSvg("digraph { a }", { idPrefix: "b-", title: "bell\u0007" });
    expect(bell).toContain(`aria-label="bell\\u0007"`);
    expect(bell).not.toContain("\u0007");
  });

  it("prefixes every id, and ids from two graphs never collide", async () => {
    const run = irisLike();
    const map = await layoutSvg(fullDot(run), { idPrefix: "gm-", title: "map" });
    const rec = await layoutSvg(recordDot(run, 0), { idPrefix: "gr0-", title: "record 0" });
    expect(svgIds(map).every((id) => id.startsWith("gm-"))).toBe(true);
    expect(svgIds(rec).every((id) => id.startsWith("gr0-"))).toBe(true);
    expect(svgIds(map)).toEqual(
      expect.arrayContaining(["gm-graph0", "gm-r0", "gm-r2", "gm-s0_0", "gm-s1_0", "gm-a0", "gm-a4"]),
    );
    expect(map).toContain(`<g id="gm-a0" class="node dag-artifact">`);
    expect(map).toContain(`<g id="gm-r2" class="cluster dag-record dag-aggregate">`);
    expect(map).toMatch(/<g id="gm-edge\d+" class="edge dag-input dag-cross-record">/);
    const all = [...svgIds(map), ...svgIds(rec)];
    expect(new Set(all).size).toBe(all.length);
  });

  it("replaces internal ids in tooltips with what the node, cluster or edge shows", async () => {
    const svg = await layoutSvg(fullDot(irisLike()), { idPrefix: "gm-", title: "map" });
    expect(svgTitle(svg, "gm-a0")).toBe("training_data");
    expect(svgTitle(svg, "gm-s0_0")).toBe("load_data · 1.50 s");
    expect(svgTitle(svg, "gm-r1")).toBe("record 1 · args: simple_rf");
    const edgeTitles = [...svg.matchAll(/class="edge[^"]*">\n<title>([^<]*)<\/title>/g)].map((m) => m[1]);
    expect(edgeTitles).toContain("training_data → train_model");
    expect(edgeTitles).toContain("train_model → model");
    const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1] ?? "");
    expect(titles.filter((t) => INTERNAL_ID.test(t))).toEqual([]);
  });

  it("labels collapsed record links in their tooltips", async () => {
    const svg = await layoutSvg(fullDot(syntheticRun(3), { collapse: true }), { idPrefix: "c-", title: "c" });
    const edgeTitles = [...svg.matchAll(/class="edge[^"]*">\n<title>([^<]*)<\/title>/g)].map((m) => m[1]);
    expect(edgeTitles).toContain("record 0 → record 3 (1 artifact)");
  });

  it("lays out a collapsed 1000-record map", async () => {
    const svg = await layoutSvg(fullDot(syntheticRun(1000), { collapse: true }), { idPrefix: "big-", title: "big" });
    expect(svg.match(/class="node dag-record/g)).toHaveLength(1001);
    expect(svgTexts(svg, "big-r999")).toEqual(["record 999", "args: args999", "4 stages, 8 artifacts"]);
  });

  it("is deterministic", async () => {
    const dot = fullDot(syntheticRun(5));
    expect(await layoutSvg(dot, { idPrefix: "d-", title: "d" })).toBe(
      await layoutSvg(dot, { idPrefix: "d-", title: "d" }),
    );
  });

  it("throws GraphLayoutError naming the graph, the problem and the DOT line, and keeps working", async () => {
    const bad = "digraph {\n\ta -> b\n\tc -> }\n}";
    const error = await layoutSvg(bad, { idPrefix: "x-", title: "broken graph" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphLayoutError);
    expect((error as Error).message).toMatch(/"broken graph".*syntax error.*line 3.*c -> }/s);
    const ok = await layoutSvg("digraph { a -> b }", { idPrefix: "y-", title: "ok" });
    expect(svgIds(ok)).toContain("y-graph0");
  });

  it("throws on a malformed HTML-like label instead of silently dropping its text", async () => {
    const error = await layoutSvg("digraph { n1 [label=<<b>x</i>>] }", { idPrefix: "x-", title: "html" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GraphLayoutError);
    expect((error as Error).message).toContain("in label of node n1");
  });
});

describe("processSvg", () => {
  it("prefixes internal references (href, xlink:href, url(#…)) on graphviz's full SVG output", async () => {
    const gv = await loadGraphviz();
    const raw = gv.layout(
      'digraph G { a [URL="#b" fillcolor="red:blue" style=filled]; b [style=radial fillcolor="white:green"]; a -> b [URL="#a"] }',
      "svg",
      "dot",
    );
    expect(raw).toMatch(/<\?xml|<!DOCTYPE/); // the input really has a prolog to strip
    const svg = processSvg(raw, { idPrefix: "p-", title: "refs" });
    expect(svg).not.toMatch(/<\?xml|<!DOCTYPE|<!--/);
    const ids = new Set(svgIds(svg));
    const refs = [...svg.matchAll(/(?:href="#|url\(#)([^")]+)/g)].map((m) => m[1] ?? "");
    expect(refs.length).toBeGreaterThanOrEqual(3);
    expect(refs.every((r) => r.startsWith("p-"))).toBe(true);
    const localTargets = refs.filter((r) => /_[lr]_\d+$/.test(r)); // gradients: node1_l_0, node2_r_0
    expect(localTargets.length).toBeGreaterThanOrEqual(2);
    expect(localTargets.every((r) => ids.has(r))).toBe(true);
    expect(svg).toContain(`xmlns:xlink="http://www.w3.org/1999/xlink"`);
    expect(svg.match(/<svg\b[^>]*\sxmlns="/g)).toHaveLength(1);
  });

  it("leaves text that looks like markup or ids alone", async () => {
    const svg = await layoutSvg('digraph { n [id="n" label="id=\\"x\\" url(#y) href=\\"#z\\""] }', {
      idPrefix: "q-",
      title: "t",
    });
    expect(svgTexts(svg, "q-n")).toEqual([`id="x" url(#y) href="#z"`]);
  });

  it("rejects an id prefix that could break attributes or selectors", () => {
    for (const bad of ["", "1a-", 'a"b', "a b", "a<"]) {
      expect(() => processSvg("<svg></svg>", { idPrefix: bad, title: "t" })).toThrow(RangeError);
    }
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
    const map = await layoutSvg(fullDot(run), { idPrefix: "gm-", title: "map" });
    const recs = await Promise.all(
      [0, 1, 2].map((i) => layoutSvg(recordDot(run, i), { idPrefix: `gr${i}-`, title: `record ${i}` })),
    );
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>.curi-graph{max-width:100%;height:auto}</style></head><body><div id="box" style="width:300px">${[map, ...recs].join("\n")}</div></body></html>`;
    const page = await browser.newPage();
    try {
      await page.setContent(html);
      const facts = await page.evaluate(() => {
        const ids = Array.from(document.querySelectorAll("[id]"), (e) => e.id);
        const text = (id: string) =>
          Array.from(document.getElementById(id)?.querySelectorAll("text") ?? [], (t) => t.textContent);
        const svg = document.querySelector("svg.curi-graph") as SVGSVGElement;
        const box = svg.getBoundingClientRect();
        const vb = svg.viewBox.baseVal;
        return {
          ids,
          a1: text("gm-a1"),
          s4: text("gm-s4_0"),
          rec2: text("gr2-a0"),
          width: box.width,
          ratio: box.height / box.width,
          vbRatio: vb.height / vb.width,
        };
      });
      expect(new Set(facts.ids).size).toBe(facts.ids.length);
      expect(facts.a1).toEqual([HOSTILE_NAMES[1]]);
      expect(facts.s4).toEqual(["line1", "line2", "line3", "1.23 s"]);
      expect(facts.rec2[0]).toBe(HOSTILE_NAMES[2]);
      expect(facts.width).toBeLessThanOrEqual(300);
      expect(facts.ratio).toBeCloseTo(facts.vbRatio, 2);
    } finally {
      await page.close();
    }
  });
});
