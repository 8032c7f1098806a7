/**
 * Every graph of a report, laid out by Graphviz with as few layouts as possible: the stage map
 * once, and each record graph *shape* once (records of a sweep share one), sized to fit the widest
 * texts of all its records. Drawing a record graph then costs a string build, not a layout.
 */
import type { Run } from "../../run/model.js";
import { recordHeading } from "../facts/names.js";
import type { RunShapes } from "../facts/recordShapes.js";
import { recordPagePath } from "../router.js";
import { drawGraph } from "./graphDraw.js";
import { layoutGraph, type GraphLayout } from "./graphLayout.js";
import { ShapeSizes, shapeKey, type GraphSpec } from "./graphSpec.js";
import { mapGraphSpec, pipelineId } from "./mapGraph.js";
import { recordGraphSpec } from "./recordGraph.js";
import { inRecordsDir, RECORDS_DIR_PAGE, REPORT_PATHS } from "../router.js";

/** The laid-out graphs of one run. */
export interface RunGraphs {
  /** The map drawn for the page at `from`, marking the pipeline of record `current` (if any). */
  mapSvg(from: string, current: number | null): string;
  /** True when the map shows one box per pipeline. */
  readonly mapCollapsed: boolean;
  /** How many pipelines the map draws. */
  readonly mapPipelines: number;
  /** Record `index`'s graph, for its own page. */
  recordSvg(index: number): string;
  /** Record `index`'s graph spec, for its own page (the DOT source is made from it). */
  recordSpec(index: number): GraphSpec;
  /** How many Graphviz layouts were made (the map plus one per record shape). */
  readonly layouts: number;
}

/**
 * Lays out the map and every record shape of `run` (whose pipelines are `shapes`). Throws
 * GraphLayoutError when Graphviz fails.
 */
export async function layoutRunGraphs(run: Run, shapes: RunShapes, reference: string): Promise<RunGraphs> {
  const map = mapGraphSpec(run, shapes, REPORT_PATHS.page);
  const mapLayout = await layoutGraph(map.spec, null, `Stage map of ${reference}`);
  // Pass 1: which shape each record graph has, and the widest texts of each shape.
  const ids = new Map<string, number>();
  const sizes: ShapeSizes[] = [];
  const keyOf: number[] = [];
  for (const record of run.records) {
    const spec = recordGraphSpec(run, shapes, record.index, recordPagePath(record.index));
    const key = shapeKey(spec);
    let id = ids.get(key);
    if (id === undefined) {
      ids.set(key, (id = sizes.length));
      sizes.push(new ShapeSizes());
    }
    keyOf[record.index] = id;
    sizes[id]?.add(spec);
  }
  // Pass 2: one Graphviz layout per shape.
  const layouts = new Map<number, GraphLayout>();
  for (const record of run.records) {
    const id = keyOf[record.index] ?? 0;
    if (layouts.has(id)) continue;
    const spec = recordGraphSpec(run, shapes, record.index, recordPagePath(record.index));
    layouts.set(id, await layoutGraph(spec, sizes[id] ?? null, `Stages of ${recordHeading(run, record.index)}`));
  }
  const drawnMaps = new Map<string, string>();
  // A record's page draws its graph and its .gv file is written from the same spec right after:
  // the last spec built serves both, without keeping 50,000 of them.
  let last: { index: number; spec: GraphSpec } | null = null;
  const specOf = (index: number): GraphSpec => {
    if (last?.index !== index) last = { index, spec: recordGraphSpec(run, shapes, index, recordPagePath(index)) };
    return last.spec;
  };
  return {
    mapCollapsed: map.collapsed,
    mapPipelines: map.drawn,
    layouts: 1 + layouts.size,
    mapSvg(from, current) {
      const pipeline = current === null ? null : pipelineId(shapes.shapeOf[current] ?? 0);
      // Every record page sits in records/: one drawing serves them all (per marked pipeline).
      const base = inRecordsDir(from) ? RECORDS_DIR_PAGE : from;
      const cacheKey = `${base}|${pipeline ?? ""}`;
      let svg = drawnMaps.get(cacheKey);
      if (svg === undefined) {
        const spec = mapGraphSpec(run, shapes, base).spec;
        svg = drawGraph(spec, mapLayout, { idPrefix: "gm-", title: `Stage map of ${reference}`, current: pipeline });
        drawnMaps.set(cacheKey, svg);
      }
      return svg;
    },
    recordSpec(index) {
      return specOf(index);
    },
    recordSvg(index) {
      const spec = specOf(index);
      const layout = layouts.get(keyOf[index] ?? -1);
      if (layout === undefined) throw new Error(`record ${index} has no laid-out shape`);
      return drawGraph(spec, layout, { idPrefix: "gr-", title: `Stages of ${recordHeading(run, index)}` });
    },
  };
}
