/**
 * The graphs drawn without Graphviz (record graphs, the run map, the collapsed map) show what
 * Graphviz shows for the same DOT: the same clusters, nodes and edges, with the same ids, classes,
 * tooltips and text lines. Checked against real Graphviz (WebAssembly) on every fixture run, a
 * hostile run and a big synthetic one.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { collapsedMapSvg } from "../../src/render/collapsedMapSvg.js";
import { fullDot, recordDot, shouldCollapse } from "../../src/render/dot.js";
import { layoutSvg } from "../../src/render/graphviz.js";
import { recordSvg } from "../../src/render/recordSvg.js";
import { readRun } from "../../src/run/read.js";
import type { Run } from "../../src/run/model.js";
import { decodeXml, svgIds } from "./helpers/graph.js";
import { hostileRun, syntheticRun } from "./helpers/runs.js";

/** Text as a reader sees it: Graphviz turns runs of spaces at the ends of a label into single ones. */
function shown(text: string): string {
  return decodeXml(text).replace(/\s+/g, " ").trim();
}

/** What a reader of the SVG gets from each object: its kind and classes, tooltip and text lines. */
function objects(svg: string): { nodes: string[]; edges: string[] } {
  const nodes: string[] = [];
  const edges: string[] = [];
  const pattern = /<g id="([^"]*)" class="((?:node|edge|cluster)[^"]*)">\n<title>([^<]*)<\/title>([\s\S]*?)(?=<g id="[^"]*" class="(?:node|edge|cluster)|<\/svg>)/g;
  for (const m of svg.matchAll(pattern)) {
    const [, id = "", cls = "", title = "", body = ""] = m;
    const texts = [...body.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((t) => shown(t[1] ?? ""));
    // Edge ids are numbered in drawing order, which is not part of what a graph shows.
    if (cls.startsWith("edge")) edges.push(`${cls} | ${shown(title)} | ${texts.join(" / ")}`);
    else nodes.push(`${id} | ${cls} | ${shown(title)} | ${texts.join(" / ")}`);
  }
  return { nodes: nodes.sort(), edges: edges.sort() };
}

const fixturesDir = path.resolve("fixtures/runs");
const fixtureRuns = async (): Promise<[string, Run][]> =>
  Promise.all(
    readdirSync(fixturesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map(async (d): Promise<[string, Run]> => [d.name, await readRun(path.join(fixturesDir, d.name))]),
  );

describe("graphs drawn without Graphviz", () => {
  it("draw every record graph with Graphviz's nodes, edges, classes, tooltips and text", async () => {
    const runs: [string, Run][] = [...(await fixtureRuns()), ["hostile", hostileRun()], ["synthetic", syntheticRun(3)]];
    let compared = 0;
    for (const [name, run] of runs) {
      for (let i = 0; i < run.records.length; i++) {
        const options = { idPrefix: `gr${i}-`, title: `Record ${i}` };
        const ours = recordSvg(run, i, options);
        expect(objects(ours), `${name} record ${i}`).toEqual(objects(await layoutSvg(recordDot(run, i), options)));
        expect(new Set(svgIds(ours)).size).toBe(svgIds(ours).length);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });

  it("draw the collapsed map of a big run with Graphviz's boxes, links and labels", async () => {
    const run = syntheticRun(60);
    expect(shouldCollapse(run)).toBe(true);
    const options = { idPrefix: "gm-", title: "Stage map" };
    const ours = collapsedMapSvg(run, options);
    expect(objects(ours)).toEqual(objects(await layoutSvg(fullDot(run, { collapse: true }), options)));
  });

  it("draw the same bytes for the same run, whatever was drawn before", () => {
    const run = syntheticRun(5);
    const first = [0, 1, 2, 5].map((i) => recordSvg(run, i, { idPrefix: "a-", title: "t" }));
    recordSvg(syntheticRun(8), 3, { idPrefix: "a-", title: "t" });
    const again = [0, 1, 2, 5].map((i) => recordSvg(syntheticRun(5), i, { idPrefix: "a-", title: "t" }));
    expect(again).toEqual(first);
    expect(collapsedMapSvg(run, { idPrefix: "m-", title: "t" })).toBe(collapsedMapSvg(syntheticRun(5), { idPrefix: "m-", title: "t" }));
  });
});
