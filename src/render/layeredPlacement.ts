/**
 * Horizontal placement for `layered.ts`, after Brandes and Köpf: first align nodes of neighbouring
 * ranks into vertical blocks (the edges that carry a chain on, and long edges, first, never two
 * alignments crossing), then place whole blocks, packed left and relaxed toward the median of
 * their other neighbours within the room their rank neighbours leave. Chains of stages come out
 * as straight spines, with side outputs beside them, as Graphviz's network simplex draws them.
 */

/** What placement needs of a vertex; it writes `x` (the centre). */
export interface PlacementVertex {
  readonly key: number;
  readonly width: number;
  readonly dummy: boolean;
  x: number;
  readonly preds: readonly number[];
  readonly succs: readonly number[];
}

const RELAX_PASSES = 16;

/** Sets `x` of every vertex. `ranks` lists vertex keys per rank, in order. */
export function placeX(vertices: PlacementVertex[], ranks: readonly number[][], nodeSep: number): void {
  const position = new Map<number, number>();
  ranks.forEach((rank) => rank.forEach((k, i) => position.set(k, i)));
  const root = alignBlocks(vertices, ranks, position);
  const blocks = new Map<number, number[]>();
  for (const v of vertices) {
    const r = root[v.key] as number;
    const members = blocks.get(r);
    if (members) members.push(v.key);
    else blocks.set(r, [v.key]);
  }
  // Rank neighbours: each vertex's left and right neighbour and the gap each needs.
  const left = new Map<number, { key: number; gap: number }>();
  const right = new Map<number, { key: number; gap: number }>();
  for (const rank of ranks) {
    for (let i = 1; i < rank.length; i++) {
      const a = vertices[rank[i - 1] as number] as PlacementVertex;
      const b = vertices[rank[i] as number] as PlacementVertex;
      const gap = (a.width + b.width) / 2 + nodeSep;
      left.set(b.key, { key: a.key, gap });
      right.set(a.key, { key: b.key, gap });
    }
  }
  const X = new Map<number, number>();
  packLeft(blocks, root, left, X);
  const order = [...blocks.keys()].sort((a, b) => (X.get(a) as number) - (X.get(b) as number) || a - b);
  for (let pass = 0; pass < RELAX_PASSES; pass++) {
    let moved = 0;
    for (const r of pass % 2 === 0 ? order : [...order].reverse()) moved = Math.max(moved, relax(r, blocks, root, vertices, left, right, X));
    // Settled: another pass would move nothing visibly.
    if (moved < 0.01) break;
  }
  for (const v of vertices) v.x = X.get(root[v.key] as number) as number;
}

/**
 * Vertical alignment: for each pair of neighbouring ranks, candidate edges by weight (long edges'
 * dummies, then edges that carry a chain on), each accepted when both ends are still free and it
 * crosses no accepted alignment. Returns each vertex's block root (the top of its block).
 */
function alignBlocks(vertices: PlacementVertex[], ranks: readonly number[][], position: ReadonlyMap<number, number>): number[] {
  const root = vertices.map((v) => v.key);
  const below = new Map<number, number>();
  for (let r = 0; r + 1 < ranks.length; r++) {
    const candidates: { u: number; v: number; weight: number; skew: number }[] = [];
    for (const v of ranks[r + 1] as number[]) {
      const preds = (vertices[v] as PlacementVertex).preds;
      const weights = preds.map((u) => edgeWeight(vertices[u] as PlacementVertex, vertices[v] as PlacementVertex));
      const best = Math.max(...weights);
      // A node with several equally strong inputs (a stage reading many artifacts, an aggregate
      // below its records) is not tied to any one of them: left free, it settles centred below them.
      if (weights.filter((w) => w === best).length > 1) continue;
      preds.forEach((u, i) => candidates.push({ u, v, weight: weights[i] as number, skew: Math.abs((position.get(u) as number) - (position.get(v) as number)) }));
    }
    candidates.sort((a, b) => b.weight - a.weight || a.skew - b.skew || (position.get(a.v) as number) - (position.get(b.v) as number));
    const accepted: { u: number; v: number }[] = [];
    const alignedUp = new Set<number>();
    for (const c of candidates) {
      if (below.has(c.u) || alignedUp.has(c.v)) continue;
      const pu = position.get(c.u) as number;
      const pv = position.get(c.v) as number;
      if (accepted.some((a) => ((position.get(a.u) as number) - pu) * ((position.get(a.v) as number) - pv) < 0)) continue;
      accepted.push(c);
      below.set(c.u, c.v);
      alignedUp.add(c.v);
    }
  }
  // Roots are assigned top-down, so a block's root is its topmost vertex.
  for (const rank of ranks) for (const u of rank) {
    const v = below.get(u);
    if (v !== undefined) root[v] = root[u] as number;
  }
  return root;
}

/** How much an edge wants to be vertical: long edges most, then edges in the middle of a chain. */
function edgeWeight(u: PlacementVertex, v: PlacementVertex): number {
  if (u.dummy || v.dummy) return 8;
  return 1 + (u.preds.length > 0 ? 1 : 0) + (v.succs.length > 0 ? 1 : 0);
}

/** Leftmost placement of the blocks that keeps every rank's gaps (longest path over the left-of constraints). */
function packLeft(blocks: ReadonlyMap<number, number[]>, root: readonly number[], left: ReadonlyMap<number, { key: number; gap: number }>, X: Map<number, number>): void {
  const visiting = new Set<number>();
  const place = (r: number): number => {
    const known = X.get(r);
    if (known !== undefined) return known;
    // Alignments never cross, so the constraints are acyclic; the guard only stops a malformed input.
    if (visiting.has(r)) return 0;
    visiting.add(r);
    let x = 0;
    for (const k of blocks.get(r) ?? []) {
      const l = left.get(k);
      if (l !== undefined) x = Math.max(x, place(root[l.key] as number) + l.gap);
    }
    X.set(r, x);
    return x;
  };
  for (const r of blocks.keys()) place(r);
}

/** Moves one block to the weighted median of its outside neighbours, as far as its rank neighbours allow; returns how far it moved. */
function relax(
  r: number,
  blocks: ReadonlyMap<number, number[]>,
  root: readonly number[],
  vertices: readonly PlacementVertex[],
  left: ReadonlyMap<number, { key: number; gap: number }>,
  right: ReadonlyMap<number, { key: number; gap: number }>,
  X: Map<number, number>,
): number {
  const members = blocks.get(r) ?? [];
  let lo = -Infinity;
  let hi = Infinity;
  const pulls: { x: number; weight: number }[] = [];
  for (const k of members) {
    const l = left.get(k);
    const rt = right.get(k);
    if (l !== undefined) lo = Math.max(lo, (X.get(root[l.key] as number) as number) + l.gap);
    if (rt !== undefined) hi = Math.min(hi, (X.get(root[rt.key] as number) as number) - rt.gap);
    const v = vertices[k] as PlacementVertex;
    for (const n of v.preds) if (root[n] !== r) pulls.push({ x: X.get(root[n] as number) as number, weight: edgeWeight(vertices[n] as PlacementVertex, v) });
    for (const n of v.succs) if (root[n] !== r) pulls.push({ x: X.get(root[n] as number) as number, weight: edgeWeight(v, vertices[n] as PlacementVertex) });
  }
  if (pulls.length === 0 || lo > hi) return 0;
  const before = X.get(r) as number;
  const after = Math.min(hi, Math.max(lo, weightedMedian(pulls)));
  X.set(r, after);
  return Math.abs(after - before);
}

/** The weighted median of the positions (the mean of the two middle ones on an exact tie). */
export function weightedMedian(points: readonly { x: number; weight: number }[]): number {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const half = sorted.reduce((sum, p) => sum + p.weight, 0) / 2;
  let cumulative = 0;
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i] as { x: number; weight: number };
    cumulative += p.weight;
    if (cumulative > half + 1e-9) return p.x;
    if (Math.abs(cumulative - half) <= 1e-9) return (p.x + (sorted[i + 1]?.x ?? p.x)) / 2;
  }
  return sorted.at(-1)?.x ?? 0;
}
