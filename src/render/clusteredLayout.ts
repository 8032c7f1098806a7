/**
 * A layered layout of nodes grouped in clusters (the run map: one cluster per record), built from
 * `layered.ts` in two levels, so clusters never overlap:
 * 1. each cluster is laid out alone, with a port on its top edge for every edge coming in from
 *    another cluster and one on its bottom edge for every edge going out, so those edges leave
 *    and enter the cluster around its nodes, not through them;
 * 2. the clusters, as boxes, are laid out as a layered graph of their own (an aggregate below
 *    the records it reads);
 * 3. an edge between clusters runs from its source, down to the source cluster's bottom port,
 *    across (through the cluster level's route), to the target cluster's top port and its target.
 */
import { layered, type LayeredEdge, type PlacedEdge } from "./layered.js";
import type { Point } from "./svgDraw.js";

/** A node to place, in a cluster. */
export interface ClusteredNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly cluster: string;
}

/** A cluster: its id and the room its label needs at its top. */
export interface ClusterSpec {
  readonly id: string;
  readonly labelWidth: number;
  readonly labelHeight: number;
}

/** Spacing, in points. */
export interface ClusteredOptions {
  readonly nodeSep: number;
  readonly rankSep: number;
  /** Room between a cluster's edge and its nodes. */
  readonly clusterPad: number;
  /** Gaps between clusters, side by side and above each other. */
  readonly clusterSep: number;
  readonly clusterRankSep: number;
}

/** A placed box (centre and size). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The drawing: nodes and clusters by id, each edge's route (centre of source to centre of target), the size. */
export interface ClusteredLayout {
  readonly nodes: ReadonlyMap<string, Box>;
  readonly clusters: ReadonlyMap<string, Box>;
  /** Parallel to the input edges; null for an edge whose ends are unknown. */
  readonly routes: readonly (readonly Point[] | null)[];
  readonly width: number;
  readonly height: number;
}

/** One cluster laid out alone: node centres and port positions relative to its box's top-left corner. */
interface Inner {
  readonly box: { readonly width: number; readonly height: number };
  readonly nodes: Map<string, Box>;
  /** Internal routes by edge index, and the route from/to each port (by edge index). */
  readonly routes: Map<number, Point[]>;
  readonly outRoutes: Map<number, Point[]>;
  readonly inRoutes: Map<number, Point[]>;
}

/** Lays out `nodes` in their `clusters`, with `edges` inside and between them. */
export function clusteredLayout(nodes: readonly ClusteredNode[], clusters: readonly ClusterSpec[], edges: readonly LayeredEdge[], options: ClusteredOptions): ClusteredLayout {
  const clusterOf = new Map(nodes.map((n) => [n.id, n.cluster] as const));
  const inners = new Map(clusters.map((c) => [c.id, layOutCluster(c, nodes, edges, clusterOf, options)] as const));
  const crossing = edges.map((e, i) => ({ ...e, i, a: clusterOf.get(e.from), b: clusterOf.get(e.to) })).filter((e) => e.a !== undefined && e.b !== undefined && e.a !== e.b);
  const pairs = [...new Map(crossing.map((e) => [`${e.a}\u0000${e.b}`, { from: e.a as string, to: e.b as string }] as const)).values()];
  const top = layered(
    clusters.map((c) => ({ id: c.id, width: inners.get(c.id)?.box.width ?? 0, height: inners.get(c.id)?.box.height ?? 0 })),
    pairs,
    { nodeSep: options.clusterSep, rankSep: options.clusterRankSep },
  );
  // Each cluster's top-left corner in the whole drawing.
  const corner = new Map<string, Point>();
  const boxes = new Map<string, Box>();
  for (const c of clusters) {
    const placed = top.nodes.get(c.id);
    const inner = inners.get(c.id);
    if (placed === undefined || inner === undefined) continue;
    corner.set(c.id, { x: placed.x - inner.box.width / 2, y: placed.y - inner.box.height / 2 });
    boxes.set(c.id, { x: placed.x, y: placed.y, width: inner.box.width, height: inner.box.height });
  }
  const shift = (points: readonly Point[], by: Point | undefined): Point[] => points.map((p) => ({ x: p.x + (by?.x ?? 0), y: p.y + (by?.y ?? 0) }));
  const placedNodes = new Map<string, Box>();
  for (const [id, inner] of inners) for (const [node, b] of inner.nodes) placedNodes.set(node, { ...b, ...shift([b], corner.get(id))[0] });
  const between = new Map(top.edges.map((e: PlacedEdge) => [`${e.from}\u0000${e.to}`, e.points.slice(1, -1)] as const));
  const routes = edges.map((e, i): Point[] | null => {
    const a = clusterOf.get(e.from);
    const b = clusterOf.get(e.to);
    if (a === undefined || b === undefined) return null;
    if (a === b) return shift(inners.get(a)?.routes.get(i) ?? [], corner.get(a));
    const out = shift(inners.get(a)?.outRoutes.get(i) ?? [], corner.get(a));
    const into = shift(inners.get(b)?.inRoutes.get(i) ?? [], corner.get(b));
    return [...out, ...(between.get(`${a}\u0000${b}`) ?? []), ...into];
  });
  return { nodes: placedNodes, clusters: boxes, routes, width: top.width, height: top.height };
}

/** Lays one cluster out with ports for the edges that cross its border, and measures its box. */
function layOutCluster(cluster: ClusterSpec, all: readonly ClusteredNode[], edges: readonly LayeredEdge[], clusterOf: ReadonlyMap<string, string>, o: ClusteredOptions): Inner {
  const own = all.filter((n) => n.cluster === cluster.id);
  const ports: { id: string; width: number; height: number }[] = [];
  const pinned = new Map<string, "top" | "bottom">();
  const inner: LayeredEdge[] = [];
  const kinds = new Map<number, "inside" | "out" | "in">();
  edges.forEach((e, i) => {
    const a = clusterOf.get(e.from);
    const b = clusterOf.get(e.to);
    if (a === cluster.id && b === cluster.id) {
      inner.push(e);
      kinds.set(i, "inside");
    } else if (a === cluster.id && b !== undefined) {
      ports.push({ id: `\u0000out${i}`, width: 1, height: 0 });
      pinned.set(`\u0000out${i}`, "bottom");
      inner.push({ from: e.from, to: `\u0000out${i}` });
      kinds.set(i, "out");
    } else if (b === cluster.id && a !== undefined) {
      ports.push({ id: `\u0000in${i}`, width: 1, height: 0 });
      pinned.set(`\u0000in${i}`, "top");
      inner.push({ from: `\u0000in${i}`, to: e.to });
      kinds.set(i, "in");
    }
  });
  const layout = layered([...own, ...ports], inner, { nodeSep: o.nodeSep, rankSep: o.rankSep, pinned, topGap: cluster.labelHeight, bottomGap: 0 });
  const placed = own.map((n) => layout.nodes.get(n.id)).filter((n) => n !== undefined);
  const left = Math.min(...placed.map((n) => n.x - n.width / 2)) - o.clusterPad;
  const right = Math.max(...placed.map((n) => n.x + n.width / 2)) + o.clusterPad;
  const topEdge = Math.min(...placed.map((n) => n.y - n.height / 2)) - o.clusterPad - cluster.labelHeight;
  const bottomEdge = Math.max(...placed.map((n) => n.y + n.height / 2)) + o.clusterPad;
  const widen = Math.max(0, cluster.labelWidth + 2 * o.clusterPad - (right - left)) / 2;
  const origin = { x: left - widen, y: topEdge };
  const box = { width: right - left + 2 * widen, height: bottomEdge - topEdge };
  // Ports sit on the box's edge: their own rank lies outside it.
  const local = (p: Point, port: "top" | "bottom" | null): Point => ({ x: p.x - origin.x, y: port === "top" ? 0 : port === "bottom" ? box.height : p.y - origin.y });
  const nodesOut = new Map<string, Box>();
  for (const n of placed) nodesOut.set(n.id, { x: n.x - origin.x, y: n.y - origin.y, width: n.width, height: n.height });
  const routes = new Map<number, Point[]>();
  const outRoutes = new Map<number, Point[]>();
  const inRoutes = new Map<number, Point[]>();
  let k = 0;
  edges.forEach((_, i) => {
    const kind = kinds.get(i);
    if (kind === undefined) return;
    const route = layout.edges[k++]?.points ?? [];
    const last = route.length - 1;
    const points = route.map((p, j) => local(p, kind === "out" && j === last ? "bottom" : kind === "in" && j === 0 ? "top" : null));
    (kind === "inside" ? routes : kind === "out" ? outRoutes : inRoutes).set(i, points);
  });
  return { box, nodes: nodesOut, routes, outRoutes, inRoutes };
}
