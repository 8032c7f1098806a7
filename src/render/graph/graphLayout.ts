/**
 * Lays a graph shape out with Graphviz (`dot`, WebAssembly) and keeps only the geometry: node
 * boxes, edge curves and arrowheads, cluster boxes and where each label line goes. Node labels are
 * left out of the layout: every node gets a fixed size that fits the widest texts of its shape
 * (`ShapeSizes`), so one layout serves every graph of that shape, whatever its texts.
 */
import { layoutDot } from "./dot.js";
import { layoutJson } from "./graphviz.js";
import type { GraphSpec } from "./graphSpec.js";
import { PT, ShapeSizes } from "./graphSpec.js";

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

/**
 * Lays `spec`'s shape out (sized by `sizes`, or by `spec` alone). Throws GraphLayoutError, naming
 * `title`, when Graphviz fails.
 */
export async function layoutGraph(spec: GraphSpec, sizes: ShapeSizes | null, title: string): Promise<GraphLayout> {
  let own = sizes;
  if (own === null) {
    own = new ShapeSizes();
    own.add(spec);
  }
  const json = await layoutJson(layoutDot(spec, own), title);
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
