/**
 * What a drawn graph shows, before anything is laid out: clusters, nodes and edges with their text
 * lines, links and tooltips. Every graph of a report (the stage map, each record's graph) is built
 * as a `GraphSpec`, laid out by Graphviz (graphLayout.ts) and drawn as SVG (graphDraw.ts).
 *
 * Graphs that differ only in their texts share a *shape* (`shapeKey`): Graphviz lays a shape out
 * once, with node sizes that fit the widest texts of every graph of that shape (`ShapeSizes`), and
 * every graph of the shape is drawn at those positions with its own texts, clipped to fit.
 */
import { textWidth } from "./textWidth.js";

/** One line of text of a node, cluster label or edge label. */
export interface GraphLine {
  readonly text: string;
  /** Font size in points. */
  readonly size: number;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

/** A node: a stage (ellipse), an artifact or marker (box). */
export interface GraphNode {
  /** Id, unique in the graph, stable across graphs of the same shape (safe ASCII). */
  readonly id: string;
  /** Id of the cluster it is drawn in, or null. */
  readonly cluster: string | null;
  readonly shape: "ellipse" | "box";
  /** Extra CSS classes (`dag-stage dag-failed`…). */
  readonly classes: string;
  readonly lines: readonly GraphLine[];
  /** Relative URL the node leads to, or null. */
  readonly href: string | null;
  /** The full, unclipped text, shown as the node's tooltip. */
  readonly tooltip: string;
  /** Draw rows separated by rules (an artifact's name, representation, path). */
  readonly rows?: boolean;
  readonly dashed?: boolean;
}

/** An edge between two nodes. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly classes: string;
  /** A short label (a count); null for none. */
  readonly label: string | null;
  readonly dashed?: boolean;
}

/** A filled box around nodes (a record, or a group of records of one shape). */
export interface GraphCluster {
  readonly id: string;
  readonly classes: string;
  readonly lines: readonly GraphLine[];
  readonly href: string | null;
  readonly tooltip: string;
  /** Fill colour (`#rrggbb`, made by this code). */
  readonly colour: string;
}

/** A whole graph. */
export interface GraphSpec {
  readonly clusters: readonly GraphCluster[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** Widest text a node line may take before it is clipped, in points. */
export const MAX_LINE_WIDTH = 180;

/** The layout-relevant structure of a graph: same key, same positions (texts aside). */
export function shapeKey(spec: GraphSpec): string {
  const lines = (ls: readonly GraphLine[]) => ls.map((l) => `${l.size}${l.bold === true ? "b" : ""}`).join(",");
  return JSON.stringify([
    spec.clusters.map((c) => [c.id, lines(c.lines)]),
    spec.nodes.map((n) => [n.id, n.cluster, n.shape, lines(n.lines)]),
    spec.edges.map((e) => [e.from, e.to, e.label !== null]),
  ]);
}

/** Estimated width of a line, as drawn (before clipping). */
export function lineWidth(line: GraphLine): number {
  return textWidth(line.text, line.size, line.bold === true);
}

/**
 * The widest texts of every graph of one shape: per node the widest line, per cluster and edge the
 * widest label text (kept as text, since Graphviz sizes those itself). Fed every graph of the
 * shape before the shape is laid out.
 */
export class ShapeSizes {
  /** Node id → widest line in points (capped at MAX_LINE_WIDTH). */
  readonly nodeWidths = new Map<string, number>();
  /** Cluster id → per line, the widest text seen. */
  readonly clusterTexts = new Map<string, GraphLine[]>();
  /** Edge position → the widest label seen. */
  readonly edgeLabels = new Map<number, string>();

  /** Takes the texts of one graph of the shape into account. */
  add(spec: GraphSpec): void {
    for (const node of spec.nodes) {
      const widest = Math.min(MAX_LINE_WIDTH, Math.max(0, ...node.lines.map(lineWidth)));
      if (widest > (this.nodeWidths.get(node.id) ?? -1)) this.nodeWidths.set(node.id, widest);
    }
    for (const cluster of spec.clusters) {
      const kept = this.clusterTexts.get(cluster.id) ?? [];
      cluster.lines.forEach((line, i) => {
        const clipped = { ...line, text: clipLine(line, MAX_LINE_WIDTH * 1.5) };
        const old = kept[i];
        if (old === undefined || lineWidth(clipped) > lineWidth(old)) kept[i] = clipped;
      });
      this.clusterTexts.set(cluster.id, kept);
    }
    spec.edges.forEach((edge, i) => {
      if (edge.label === null) return;
      const old = this.edgeLabels.get(i);
      if (old === undefined || edge.label.length > old.length) this.edgeLabels.set(i, edge.label);
    });
  }
}

/** The line's text cut with `…` so that it fits `maxWidth` points (whole code points only). */
export function clipLine(line: GraphLine, maxWidth: number): string {
  if (lineWidth(line) <= maxWidth) return line.text;
  const points = Array.from(line.text);
  let low = 0;
  let high = points.length;
  // Binary search for the longest prefix that fits with the ellipsis.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (textWidth(`${points.slice(0, mid).join("")}…`, line.size, line.bold === true) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return `${points.slice(0, low).join("")}…`;
}
