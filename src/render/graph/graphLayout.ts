/**
 * Lays a graph shape out with Graphviz (`dot`, WebAssembly) and keeps only the geometry: node
 * boxes, edge curves and arrowheads, cluster boxes and where each label line goes. Node labels are
 * left out of the layout: every node gets a fixed size that fits the widest texts of its shape
 * (`ShapeSizes`), so one layout serves every graph of that shape, whatever its texts.
 */
import { dotString } from "./dot.js";
import { loadGraphviz, GraphLayoutError } from "./graphviz.js";
import type { GraphLine, GraphSpec } from "./graphSpec.js";
import { ShapeSizes } from "./graphSpec.js";

/** A point in SVG coordinates (y grows downwards). */
export type Point = readonly [number, number];

/** Where a text line goes: its baseline point, and whether that point is the line's start or middle. */
export interface TextSpot {
  readonly at: Point;
  readonly size: number;
  readonly anchor: "start" | "middle";
}

/** A laid-out node. */
export interface NodeBox {
  /** Centre. */
  readonly cx: number;
  readonly cy: number;
  readonly width: number;
  readonly height: number;
}

/** A laid-out edge: Bézier points (`M p0 C p1 p2 p3 …`), arrowhead polygon, label spots. */
export interface EdgePath {
  readonly points: readonly Point[];
  readonly arrow: readonly Point[];
  readonly label: readonly TextSpot[];
}

/** A laid-out cluster: its box and one spot per label line. */
export interface ClusterBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly label: readonly TextSpot[];
}

/** The geometry of one shape. */
export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<string, NodeBox>;
  /** In the order of `GraphSpec.edges`. */
  readonly edges: readonly EdgePath[];
  readonly clusters: ReadonlyMap<string, ClusterBox>;
}

/** Points per inch (Graphviz sizes nodes in inches). */
const PT = 72;
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

/** Options of the layout DOT: spacing, and the direction ranks go. */
export interface LayoutSettings {
  readonly nodesep: number;
  readonly ranksep: number;
}

/** The size a node gets in a shape: its widest text plus padding, ellipses a little roomier. */
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

/**
 * The DOT that Graphviz lays out for a shape: nodes with fixed sizes and no text, clusters and
 * edge labels with the widest texts of the shape (Graphviz makes room for those itself).
 */
export function layoutDot(spec: GraphSpec, sizes: ShapeSizes, settings: LayoutSettings): string {
  const out = [
    "digraph {",
    `\tcompound=true nodesep=${settings.nodesep} ranksep=${settings.ranksep} fontname="Helvetica"`,
    `\tnode [label="" fixedsize=true fontname="Helvetica"]`,
    `\tedge [arrowsize=.65 fontname="Helvetica" fontsize=9]`,
  ];
  const inCluster = new Map<string, string[]>();
  for (const node of spec.nodes) {
    const size = nodeSize(node.shape, node.lines, sizes.nodeWidths.get(node.id) ?? 0);
    const line = `${node.id} [shape=${node.shape} width=${(size.width / PT).toFixed(3)} height=${(size.height / PT).toFixed(3)}]`;
    if (node.cluster === null) out.push(`\t${line}`);
    else inCluster.set(node.cluster, [...(inCluster.get(node.cluster) ?? []), line]);
  }
  const clusterOf = new Map(spec.nodes.map((n) => [n.id, n.cluster] as const));
  for (const cluster of spec.clusters) {
    // Edges must not run over the label: put it at the bottom of a cluster that is only entered
    // from above (an aggregate), at the top otherwise.
    const crossing = spec.edges.filter(
      (e) => (clusterOf.get(e.from) === cluster.id) !== (clusterOf.get(e.to) === cluster.id),
    );
    const onlyEntered = crossing.length > 0 && crossing.every((e) => clusterOf.get(e.to) === cluster.id);
    const lines = sizes.clusterTexts.get(cluster.id) ?? cluster.lines;
    const size = lines[0]?.size ?? 10;
    const label = lines.map((l) => dotString(l.text).slice(1, -1)).join("\\n");
    out.push(
      `\tsubgraph cluster_${cluster.id} {`,
      `\t\tlabel="${label}" labelloc=${onlyEntered ? "b" : "t"} labeljust=l fontsize=${size}`,
      ...(inCluster.get(cluster.id) ?? []).map((l) => `\t\t${l}`),
      "\t}",
    );
  }
  spec.edges.forEach((edge, i) => {
    const label = edge.label === null ? "" : ` label=${dotString(sizes.edgeLabels.get(i) ?? edge.label)}`;
    out.push(`\t${edge.from} -> ${edge.to} [id="e${i}"${label}]`);
  });
  out.push("}");
  return `${out.join("\n")}\n`;
}

/** Lays `spec`'s shape out (sized by `sizes`, or by `spec` alone). */
export async function layoutGraph(
  spec: GraphSpec,
  sizes: ShapeSizes | null,
  settings: LayoutSettings,
  title: string,
): Promise<GraphLayout> {
  let own = sizes;
  if (own === null) {
    own = new ShapeSizes();
    own.add(spec);
  }
  const dot = layoutDot(spec, own, settings);
  const graphviz = await loadGraphviz();
  let json: string;
  try {
    json = graphviz.layout(dot, "json", "dot");
  } catch (error) {
    throw new GraphLayoutError(
      `Graphviz could not lay out "${title}": ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return readLayout(JSON.parse(json) as GvGraph, spec);
}

/** The parts of Graphviz's `json` output used here. */
interface GvDraw {
  readonly op: string;
  readonly points?: readonly (readonly [number, number])[];
  readonly pt?: readonly [number, number];
  readonly size?: number;
  readonly align?: string;
}
interface GvObject {
  readonly name: string;
  readonly bb?: string;
  readonly pos?: string;
  readonly width?: string;
  readonly height?: string;
  readonly _ldraw_?: readonly GvDraw[];
}
interface GvEdge {
  readonly id?: string;
  readonly _draw_?: readonly GvDraw[];
  readonly _hdraw_?: readonly GvDraw[];
  readonly _ldraw_?: readonly GvDraw[];
}
interface GvGraph {
  readonly bb: string;
  readonly objects?: readonly GvObject[];
  readonly edges?: readonly GvEdge[];
}

/** Converts Graphviz's coordinates (y up) to SVG's (y down), keeping only what is drawn. */
function readLayout(gv: GvGraph, spec: GraphSpec): GraphLayout {
  const [, , bbW = 0, bbH = 0] = gv.bb.split(",").map(Number);
  const flip = (p: readonly [number, number]): Point => [round(p[0]), round(bbH - p[1])];
  const spots = (draws: readonly GvDraw[] | undefined): TextSpot[] => {
    let size = 10;
    const out: TextSpot[] = [];
    for (const d of draws ?? []) {
      if (d.op === "F" && d.size !== undefined) size = d.size;
      if (d.op === "T" && d.pt !== undefined)
        out.push({ at: flip(d.pt), size, anchor: d.align === "l" ? "start" : "middle" });
    }
    return out;
  };
  const nodes = new Map<string, NodeBox>();
  const clusters = new Map<string, ClusterBox>();
  for (const o of gv.objects ?? []) {
    if (o.name.startsWith("cluster_") && o.bb !== undefined) {
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = o.bb.split(",").map(Number);
      clusters.set(o.name.slice("cluster_".length), {
        x: round(x1),
        y: round(bbH - y2),
        width: round(x2 - x1),
        height: round(y2 - y1),
        label: spots(o._ldraw_),
      });
    } else if (o.pos !== undefined) {
      const [x = 0, y = 0] = o.pos.split(",").map(Number);
      nodes.set(o.name, {
        cx: round(x),
        cy: round(bbH - y),
        width: round(Number(o.width) * PT),
        height: round(Number(o.height) * PT),
      });
    }
  }
  const byId = new Map((gv.edges ?? []).map((e) => [e.id ?? "", e] as const));
  const edges = spec.edges.map((_, i): EdgePath => {
    const e = byId.get(`e${i}`);
    const curve = e?._draw_?.find((d) => d.op === "b" || d.op === "B")?.points ?? [];
    const arrow = e?._hdraw_?.find((d) => d.op === "P" || d.op === "p")?.points ?? [];
    return { points: curve.map(flip), arrow: arrow.map(flip), label: spots(e?._ldraw_) };
  });
  return { width: round(bbW), height: round(bbH), nodes, edges, clusters };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
