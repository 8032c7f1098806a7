/**
 * A small layered (Sugiyama-style) layout for the per-record stage graphs, drawn top to bottom the
 * way Graphviz's `dot` draws them, in well under a millisecond a graph. Graphviz (WebAssembly)
 * takes 2–7 ms a record graph, which made the stage detail of a 200-record run cost 1.5–2.5 s on
 * its own; record graphs are small DAGs (a chain of stages and their artifacts) for which these
 * classic steps give a clean drawing:
 *
 * 1. rank by longest path from the sources, then pull each source down to just above its first
 *    consumer (so an input stub sits next to the stage that reads it);
 * 2. split edges that span ranks with dummy nodes, so long edges route around nodes;
 * 3. order each rank by barycentres, sweeping down and up, keeping the order with fewest crossings;
 * 4. place x by repeated weighted averaging of neighbours, each rank solved exactly under its
 *    no-overlap constraints (isotonic regression, pool-adjacent-violators);
 * 5. stack ranks vertically by their tallest node.
 *
 * Deterministic: ties break by input order; no randomness.
 */

import { placeX, type PlacementVertex } from "./layeredPlacement.js";

/** A node to place: its id and box size in points. */
export interface LayeredNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

/** A directed edge between two node ids (drawn from `from` down to `to`). */
export interface LayeredEdge {
  readonly from: string;
  readonly to: string;
}

/** Spacing of the layout, in points. */
export interface LayeredOptions {
  /** Horizontal gap between neighbouring boxes in a rank. */
  readonly nodeSep: number;
  /** Vertical gap between ranks. */
  readonly rankSep: number;
  /**
   * Nodes kept out of the body of the drawing: `top` ones share the first rank, above every other
   * node; `bottom` ones share the last rank, below every other node (e.g. stand-ins for another
   * record's artifacts, drawn outside the record's box).
   */
  readonly pinned?: ReadonlyMap<string, "top" | "bottom">;
  /** Extra vertical gap below the `top` rank and above the `bottom` rank (room for a box and its label). */
  readonly topGap?: number;
  readonly bottomGap?: number;
}

/** A placed node: centre and size. */
export interface PlacedNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly rank: number;
}

/** A placed edge: the centres it passes through, from the source node's to the target node's. */
export interface PlacedEdge {
  readonly from: string;
  readonly to: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

/** The drawing: nodes by id, edges parallel to the input edges, and the bounding size (origin at 0,0). */
export interface LayeredLayout {
  readonly nodes: ReadonlyMap<string, PlacedNode>;
  readonly edges: readonly PlacedEdge[];
  readonly width: number;
  readonly height: number;
}

/** Internal vertex: a real node or a dummy on a long edge. */
interface Vertex extends PlacementVertex {
  readonly height: number;
  rank: number;
  readonly pin: "top" | "bottom" | null;
  readonly preds: number[];
  readonly succs: number[];
}

const SWEEPS = 8;

/** Lays the graph out. Unknown edge ends and self-loops are ignored; cycles are broken by reversing back edges. */
export function layered(nodes: readonly LayeredNode[], edges: readonly LayeredEdge[], options: LayeredOptions): LayeredLayout {
  const index = new Map(nodes.map((n, i) => [n.id, i] as const));
  const pins = nodes.map((n) => options.pinned?.get(n.id) ?? null);
  const links = acyclicLinks(nodes.length, edges, index);
  const { vertices, chains, ranks } = structure(nodes, pins, links);
  placeX(vertices, ranks, options.nodeSep);
  const rankY = stackRanks(vertices, ranks, options);
  const minX = Math.min(0, ...vertices.map((v) => v.x - v.width / 2));
  const placed = new Map<string, PlacedNode>();
  nodes.forEach((n, i) => {
    const v = vertices[i] as Vertex;
    placed.set(n.id, { id: n.id, x: v.x - minX, y: rankY[v.rank] ?? 0, width: n.width, height: n.height, rank: v.rank });
  });
  const placedEdges: PlacedEdge[] = [];
  for (const edge of edges) {
    const chain = chains.get(`${index.get(edge.from)}>${index.get(edge.to)}`);
    // Kept parallel to the input: an edge that cannot be drawn (unknown end, self-loop) gets no points.
    if (chain === undefined) {
      placedEdges.push({ from: edge.from, to: edge.to, points: [] });
      continue;
    }
    placedEdges.push({ from: edge.from, to: edge.to, points: chain.map((k) => ({ x: (vertices[k] as Vertex).x - minX, y: rankY[(vertices[k] as Vertex).rank] ?? 0 })) });
  }
  const width = Math.max(0, ...vertices.map((v) => v.x - minX + v.width / 2));
  const last = ranks.length - 1;
  const height = last < 0 ? 0 : (rankY[last] ?? 0) + Math.max(0, ...(ranks[last] ?? []).map((k) => (vertices[k] as Vertex).height / 2));
  return { nodes: placed, edges: placedEdges, width, height };
}

/** Ranks, dummies and rank orders of a graph: they depend on its shape alone, not on node sizes. */
interface Structure {
  readonly vertices: Vertex[];
  readonly chains: Map<string, number[]>;
  readonly ranks: number[][];
}

/** Structures by shape (node count, pins, links); records of a run mostly share one shape. */
const structures = new Map<string, Structure>();
const MAX_STRUCTURES = 256;

/**
 * The structure of a graph of this shape, computed once per shape: ranking and crossing
 * reduction are the costly half of a layout, and every record of a 1,000-record scale run has the
 * same shape. A cached structure gets this graph's node sizes; placement is then done afresh.
 */
function structure(nodes: readonly LayeredNode[], pins: readonly ("top" | "bottom" | null)[], links: readonly [number, number][]): Structure {
  const shape = `${nodes.length}|${pins.map((p) => (p === null ? "-" : p[0])).join("")}|${links.map(([a, b]) => `${a}>${b}`).join(",")}`;
  const known = structures.get(shape);
  if (known !== undefined) {
    const vertices = known.vertices.map((v): Vertex => {
      const node = v.dummy ? undefined : nodes[v.key];
      return { ...v, width: node?.width ?? v.width, height: node?.height ?? v.height, x: 0, preds: [...v.preds], succs: [...v.succs] };
    });
    return { vertices, chains: known.chains, ranks: known.ranks };
  }
  const vertices: Vertex[] = nodes.map((n, key) => ({ key, width: n.width, height: n.height, dummy: false, rank: 0, x: 0, pin: pins[key] ?? null, preds: [], succs: [] }));
  for (const [from, to] of links) {
    vertices[from]?.succs.push(to);
    vertices[to]?.preds.push(from);
  }
  assignRanks(vertices);
  const chains = splitLongEdges(vertices, links);
  const ranks = orderRanks(vertices);
  if (structures.size >= MAX_STRUCTURES) structures.clear();
  structures.set(shape, { vertices: vertices.map((v) => ({ ...v, preds: [...v.preds], succs: [...v.succs] })), chains, ranks });
  return { vertices, chains, ranks };
}

/** Edges as index pairs, without self-loops, duplicates or unknown ends, back edges (by DFS) reversed. */
function acyclicLinks(count: number, edges: readonly LayeredEdge[], index: ReadonlyMap<string, number>): [number, number][] {
  const out: number[][] = Array.from({ length: count }, () => []);
  const seen = new Set<string>();
  for (const e of edges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from === undefined || to === undefined || from === to || seen.has(`${from}>${to}`)) continue;
    seen.add(`${from}>${to}`);
    out[from]?.push(to);
  }
  const state = new Uint8Array(count); // 0 new, 1 on stack, 2 done
  const links: [number, number][] = [];
  const visit = (v: number): void => {
    state[v] = 1;
    for (const w of out[v] ?? []) {
      if (state[w] === 1) links.push([w, v]);
      else {
        links.push([v, w]);
        if (state[w] === 0) visit(w);
      }
    }
    state[v] = 2;
  };
  for (let v = 0; v < count; v++) if (state[v] === 0) visit(v);
  return links;
}

/**
 * Longest-path ranks, then sources moved down to just above their nearest consumer; `top` pins
 * then take rank 0 (the rest moves down one) and `bottom` pins the rank after the last.
 */
function assignRanks(vertices: Vertex[]): void {
  const order = topological(vertices);
  for (const v of order) for (const s of v.succs) (vertices[s] as Vertex).rank = Math.max((vertices[s] as Vertex).rank, v.rank + 1);
  for (const v of order) {
    if (v.preds.length > 0 || v.succs.length === 0) continue;
    v.rank = Math.max(v.rank, Math.min(...v.succs.map((s) => (vertices[s] as Vertex).rank)) - 1);
  }
  const body = vertices.filter((v) => v.pin === null);
  const hasTop = vertices.some((v) => v.pin === "top");
  const lowest = Math.min(...body.map((v) => v.rank));
  for (const v of body) v.rank += (hasTop ? 1 : 0) - (Number.isFinite(lowest) ? lowest : 0);
  const last = Math.max(hasTop ? 0 : -1, ...body.map((v) => v.rank));
  for (const v of vertices) if (v.pin !== null) v.rank = v.pin === "top" ? 0 : last + 1;
}

/** Vertices in an order where every edge points forward (the links are acyclic). */
function topological(vertices: Vertex[]): Vertex[] {
  const indegree = vertices.map((v) => v.preds.length);
  const queue = vertices.filter((v) => v.preds.length === 0);
  const order: Vertex[] = [];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i] as Vertex;
    order.push(v);
    for (const s of v.succs) if (--(indegree[s] as number) === 0) queue.push(vertices[s] as Vertex);
  }
  return order;
}

/**
 * Replaces every edge spanning more than one rank by a chain through dummies, and rebuilds the
 * neighbour lists from the chains; returns each edge's chain of keys, both ways round (a reversed
 * back edge is looked up by its original direction).
 */
function splitLongEdges(vertices: Vertex[], links: readonly [number, number][]): Map<string, number[]> {
  for (const v of vertices) {
    v.preds.length = 0;
    v.succs.length = 0;
  }
  const chains = new Map<string, number[]>();
  for (const [from, to] of links) {
    const chain = [from];
    const last = (vertices[to] as Vertex).rank;
    for (let rank = (vertices[from] as Vertex).rank + 1; rank < last; rank++) {
      const dummy: Vertex = { key: vertices.length, width: 2, height: 2, dummy: true, rank, x: 0, pin: null, preds: [], succs: [] };
      vertices.push(dummy);
      chain.push(dummy.key);
    }
    chain.push(to);
    for (let i = 1; i < chain.length; i++) {
      (vertices[chain[i - 1] as number] as Vertex).succs.push(chain[i] as number);
      (vertices[chain[i] as number] as Vertex).preds.push(chain[i - 1] as number);
    }
    chains.set(`${from}>${to}`, chain);
    if (!chains.has(`${to}>${from}`)) chains.set(`${to}>${from}`, [...chain].reverse());
  }
  return chains;
}

/** Orders every rank: barycentre sweeps down and up, keeping the order with the fewest crossings. */
function orderRanks(vertices: Vertex[]): number[][] {
  const count = Math.max(0, ...vertices.map((v) => v.rank + 1));
  const ranks: number[][] = Array.from({ length: count }, () => []);
  const position = new Float64Array(vertices.length);
  for (const v of vertices) ranks[v.rank]?.push(v.key);
  ranks.forEach((rank) => rank.forEach((k, i) => (position[k] = i)));
  let best = ranks.map((r) => [...r]);
  let bestCrossings = crossings(vertices, ranks, position);
  for (let sweep = 0; sweep < SWEEPS && bestCrossings > 0; sweep++) {
    const down = sweep % 2 === 0;
    const sequence = down ? ranks.keys() : [...ranks.keys()].reverse();
    for (const r of sequence) {
      const rank = ranks[r] as number[];
      const bary = new Map<number, number>();
      for (const k of rank) {
        const neighbours = down ? (vertices[k] as Vertex).preds : (vertices[k] as Vertex).succs;
        bary.set(k, neighbours.length === 0 ? (position[k] as number) : neighbours.reduce((s, n) => s + (position[n] as number), 0) / neighbours.length);
      }
      rank.sort((a, b) => (bary.get(a) as number) - (bary.get(b) as number) || (position[a] as number) - (position[b] as number));
      rank.forEach((k, i) => (position[k] = i));
    }
    const c = crossings(vertices, ranks, position);
    if (c < bestCrossings) {
      bestCrossings = c;
      best = ranks.map((r) => [...r]);
    }
  }
  best.forEach((rank) => rank.forEach((k, i) => (position[k] = i)));
  return best;
}

/**
 * Edge crossings between consecutive ranks: edges sorted by source position, then the inversions
 * of their target positions counted with a Fenwick tree (O(E log V), as in Barth, Jünger and Mutzel).
 */
function crossings(vertices: Vertex[], ranks: readonly number[][], position: Float64Array): number {
  let total = 0;
  ranks.forEach((rank, r) => {
    const segments: [number, number][] = [];
    for (const k of rank) for (const s of (vertices[k] as Vertex).succs) segments.push([position[k] as number, position[s] as number]);
    segments.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const size = (ranks[r + 1]?.length ?? 0) + 1;
    const tree = new Float64Array(size + 1);
    segments.forEach(([, target], seen) => {
      // Count earlier edges ending right of this one's target: seen so far minus those at or left of it.
      let atOrLeft = 0;
      for (let i = target + 1; i > 0; i -= i & -i) atOrLeft += tree[i] as number;
      total += seen - atOrLeft;
      for (let i = target + 1; i <= size; i += i & -i) tree[i] = (tree[i] as number) + 1;
    });
  });
  return total;
}

/** The y of each rank's centre line: ranks stacked by their tallest node, `rankSep` apart, plus the pinned ranks' gaps. */
function stackRanks(vertices: Vertex[], ranks: readonly number[][], options: LayeredOptions): number[] {
  const ys: number[] = [];
  let top = 0;
  ranks.forEach((rank, r) => {
    const pin = rank.length > 0 ? (vertices[rank[0] as number] as Vertex).pin : null;
    if (pin === "bottom" && r > 0) top += options.bottomGap ?? 0;
    const tallest = Math.max(0, ...rank.map((k) => (vertices[k] as Vertex).height));
    ys.push(top + tallest / 2);
    top += tallest + options.rankSep;
    if (pin === "top") top += options.topGap ?? 0;
  });
  return ys;
}
