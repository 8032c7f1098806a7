/**
 * The one model of a drawn graph, before anything is laid out: clusters, nodes and edges with their
 * text lines, classes, links and tooltips. Every graph (the stage map, each record's graph, the
 * whole-run DAG) is built as a `GraphSpec`, and every output is written from it by one writer
 * each: DOT (dot.ts), SVG (graphLayout.ts lays it out with Graphviz, graphDraw.ts draws it) and
 * Mermaid (mermaid.ts).
 *
 * Graphs that differ only in their texts share a *shape* (`shapeKey`): Graphviz lays a shape out
 * once, with node sizes that fit the widest texts of every graph of that shape (`ShapeSizes`), and
 * every graph of the shape is drawn at those positions with its own texts, clipped to fit.
 */
import { clipText, textWidth, textWidthUpTo } from "./textWidth.js";

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
  /** Fill of a node that stands for a record or a pipeline (`#rrggbb`, made by this code); white when absent. */
  readonly colour?: string;
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

/** How far apart Graphviz puts nodes and ranks, in inches. */
export interface Spacing {
  readonly nodesep: number;
  readonly ranksep: number;
}

/** A whole graph. */
export interface GraphSpec {
  readonly clusters: readonly GraphCluster[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Its spacing: the same in its DOT source as in the layout drawn. */
  readonly spacing: Spacing;
}

/** Widest text a node line may take before it is clipped, in points. */
export const MAX_LINE_WIDTH = 180;

/** Points per inch (Graphviz sizes nodes in inches). */
export const PT = 72;
/** Padding around node text, in points. */
const PAD_X = 10;
const PAD_Y = 6;
/**
 * Browsers draw the labels with their own sans-serif (DejaVu Sans on Debian is ~10% wider than
 * the Helvetica widths we estimate with): nodes get this much room, and texts are clipped to it.
 */
export const FONT_SLACK = 1.12;
/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.25;

/** The size a node gets in a shape, in points: its widest text plus padding, ellipses a little roomier. */
export function nodeSize(
  shape: "ellipse" | "box",
  lines: readonly GraphLine[],
  textWidth: number,
): { width: number; height: number } {
  const textHeight = lines.reduce((h, l) => h + l.size * LINE_HEIGHT, 0);
  const width = textWidth * FONT_SLACK + 2 * PAD_X;
  const height = textHeight + 2 * PAD_Y;
  return shape === "ellipse"
    ? { width: Math.max(width * 1.18, 40), height: Math.max(height * 1.2, 24) }
    : { width: Math.max(width, 30), height: Math.max(height, 18) };
}

/** The layout-relevant structure of a graph: same key, same positions (texts aside). */
export function shapeKey(spec: GraphSpec): string {
  const lines = (ls: readonly GraphLine[]) => ls.map((l) => `${l.size}${l.bold === true ? "b" : ""}`).join(",");
  return JSON.stringify([
    spec.spacing,
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
      let widest = 0;
      for (const l of node.lines)
        widest = Math.max(widest, textWidthUpTo(l.text, l.size, l.bold === true, MAX_LINE_WIDTH));
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
  return clipText(line.text, line.size, line.bold === true, maxWidth, "…");
}
