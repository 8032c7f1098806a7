/**
 * The layered layout behind the graphs drawn without Graphviz: on many seeded random DAGs, no two
 * nodes overlap, every edge runs downward through its route, a chain comes out as a straight
 * spine, and clusters never overlap and hold their own nodes.
 */
import { describe, expect, it } from "vitest";
import { layered, type LayeredEdge, type LayeredNode } from "../../src/render/layered.js";
import { weightedMedian } from "../../src/render/layeredPlacement.js";

/** A seeded uniform [0, 1) generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random DAG: `n` nodes of random sizes, edges only from lower to higher index. */
function randomDag(seed: number, n: number): { nodes: LayeredNode[]; edges: LayeredEdge[] } {
  const r = random(seed);
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, width: 20 + Math.floor(r() * 200), height: 15 + Math.floor(r() * 40) }));
  const edges: LayeredEdge[] = [];
  for (let to = 1; to < n; to++) {
    const count = Math.floor(r() * 3);
    for (let k = 0; k < count; k++) edges.push({ from: `n${Math.floor(r() * to)}`, to: `n${to}` });
  }
  return { nodes, edges };
}

type Box = { x: number; y: number; width: number; height: number };

function overlap(a: Box, b: Box): boolean {
  return Math.abs(a.x - b.x) < (a.width + b.width) / 2 - 1e-6 && Math.abs(a.y - b.y) < (a.height + b.height) / 2 - 1e-6;
}

describe("layered layout", () => {
  it("never overlaps nodes and runs every edge downward, on 200 random DAGs", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { nodes, edges } = randomDag(seed, 3 + (seed % 25));
      const layout = layered(nodes, edges, { nodeSep: 10, rankSep: 15 });
      const placed = [...layout.nodes.values()];
      expect(placed).toHaveLength(nodes.length);
      for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlap(placed[i] as Box, placed[j] as Box), `seed ${seed}`).toBe(false);
      for (const p of placed) {
        expect(p.x - p.width / 2).toBeGreaterThanOrEqual(-1e-6);
        expect(p.x + p.width / 2).toBeLessThanOrEqual(layout.width + 1e-6);
      }
      layout.edges.forEach((e, i) => {
        expect(e.from).toBe(edges[i]?.from);
        const ys = e.points.map((p) => p.y);
        expect(ys.length).toBeGreaterThanOrEqual(2);
        for (let k = 1; k < ys.length; k++) expect(ys[k]).toBeGreaterThan(ys[k - 1] as number);
      });
    }
  });

  it("draws a chain of stages and their outputs as a straight spine with the side outputs beside it", () => {
    const nodes: LayeredNode[] = [];
    const edges: LayeredEdge[] = [];
    for (let s = 1; s <= 4; s++) {
      nodes.push({ id: `s${s}`, width: 60, height: 40 }, { id: `a${s}`, width: 200, height: 50 }, { id: `b${s}`, width: 200, height: 50 });
      edges.push({ from: `s${s}`, to: `a${s}` }, { from: `s${s}`, to: `b${s}` });
      if (s < 4) edges.push({ from: `a${s}`, to: `s${s + 1}` });
    }
    const layout = layered(nodes, edges, { nodeSep: 14, rankSep: 18 });
    const x = (id: string) => layout.nodes.get(id)?.x;
    const spine = ["s1", "a1", "s2", "a2", "s3", "a3", "s4", "a4"].map(x);
    expect(new Set(spine).size).toBe(1);
    for (let s = 1; s <= 4; s++) expect(x(`b${s}`)).toBe((x(`a${s}`) as number) + 214);
  });

  it("pulls a node to the weighted median of its neighbours, the middle of two equal ones", () => {
    expect(weightedMedian([{ x: 0, weight: 1 }, { x: 100, weight: 1 }])).toBe(50);
    expect(weightedMedian([{ x: 100, weight: 2 }, { x: 0, weight: 1 }])).toBe(100);
    expect(weightedMedian([{ x: 0, weight: 1 }, { x: 10, weight: 1 }, { x: 500, weight: 1 }])).toBe(10);
  });
});
