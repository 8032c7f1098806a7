/**
 * The stage map: the whole-run DAG folded by pipeline. Records of one shape (recordShapes.ts) are
 * drawn once, as the cluster of their first record with their count; edges between records (copies,
 * aggregates) are kept and counted per pipeline: an aggregate of 10,000 records gets one edge with
 * `×10,000`, not 10,000 stubs. Past a readability threshold each pipeline becomes one box. Nodes
 * look as in every graph (graphNodes.ts). Links are relative to `from`.
 */
import type { Run, RunRecord } from "../../run/model.js";
import { recordColour } from "../colours.js";
import { count, counted, type RecordShape, type RunShapes } from "../facts/recordShapes.js";
import { artifactAnchor, hrefTo, recordPagePath, shapePagePath, stageAnchor } from "../router.js";
import { dagArtifact, dagStage } from "./dag.js";
import { artifactNode, missingNode, recordClasses, recordCluster, stageNode } from "./graphNodes.js";
import type { GraphCluster, GraphEdge, GraphNode, GraphSpec, Spacing } from "./graphSpec.js";

/** Above this size (nodes + 1.5 × edges, Kedro-Viz's rule) each pipeline is drawn as one box. */
export const MAP_COLLAPSE_THRESHOLD = 600;

/** Most pipelines drawn in the map; the rest are listed on the report page. */
export const MAX_MAP_PIPELINES = 200;

/** Spacing of the map. */
const MAP_SPACING: Spacing = { nodesep: 0.15, ranksep: 0.2 };

/** Id of pipeline `shape`'s cluster (and box) in the map. */
export function pipelineId(shape: number): string {
  return `p${shape + 1}`;
}

/** Options of `mapGraphSpec`. */
export interface MapOptions {
  /** Pipelines to draw, by index; default `mapPipelines` (all, up to MAX_MAP_PIPELINES). */
  readonly pipelines?: readonly number[];
  /** One box per pipeline: `auto` (the default) past MAP_COLLAPSE_THRESHOLD. */
  readonly collapse?: boolean | "auto";
}

/** The map and how it was drawn. */
export interface MapGraph {
  readonly spec: GraphSpec;
  /** True when each pipeline is one box. */
  readonly collapsed: boolean;
  /** How many pipelines are drawn. */
  readonly drawn: number;
}

/**
 * The pipelines a map of at most `max` pipelines draws, in run order: all of them when they fit;
 * otherwise the aggregates (what a sweep is for) and then the first others.
 */
export function mapPipelines(run: Run, shapes: RunShapes, max = MAX_MAP_PIPELINES): number[] {
  if (shapes.shapes.length <= max) return shapes.shapes.map((s) => s.index);
  const aggregate = (s: RecordShape) => run.records[s.records[0] ?? 0]?.isAggregate === true;
  const chosen = shapes.shapes.filter(aggregate).slice(0, max);
  for (const s of shapes.shapes) {
    if (chosen.length >= max) break;
    if (!aggregate(s)) chosen.push(s);
  }
  return chosen.map((s) => s.index).sort((a, b) => a - b);
}

/** The map of `run`, with links relative to the page at `from`. */
export function mapGraphSpec(run: Run, shapes: RunShapes, from: string, options: MapOptions = {}): MapGraph {
  const drawn = options.pipelines ?? mapPipelines(run, shapes);
  const collapse = options.collapse ?? "auto";
  if (collapse !== true) {
    const full = foldedMap(run, shapes, from, drawn);
    if (collapse === false || full.nodes.length + 1.5 * full.edges.length <= MAP_COLLAPSE_THRESHOLD)
      return { spec: full, collapsed: false, drawn: drawn.length };
  }
  return { spec: collapsedMap(run, shapes, from, drawn), collapsed: true, drawn: drawn.length };
}

/** The cluster label and link of a pipeline. */
function pipelineCluster(run: Run, shape: RecordShape, from: string): GraphCluster {
  const first = shape.records[0] ?? 0;
  if (shape.records.length === 1)
    return recordCluster(run, first, pipelineId(shape.index), hrefTo(from, recordPagePath(first), null));
  const last = shape.records[shape.records.length - 1] ?? first;
  return {
    id: pipelineId(shape.index),
    classes: recordClasses(run.records[first]),
    lines: [
      { text: counted(shape.records.length, "record"), size: 10, bold: true },
      { text: `records ${first} to ${last}`, size: 9 },
    ],
    href: hrefTo(from, shapePagePath(shape.index, 0), null),
    tooltip: `pipeline ${shape.index + 1}: ${counted(shape.records.length, "record")} with these stages; opens their list`,
    colour: recordColour(first),
  };
}

/** Counts the edges between pipelines: one per (from, to) pair, whatever the number of records. */
class Crossings {
  private readonly byKey = new Map<string, { from: string; to: string; n: number; classes: string }>();

  add(from: string, to: string, classes: string): void {
    const key = `${from}>${to}`;
    const entry = this.byKey.get(key);
    if (entry === undefined) this.byKey.set(key, { from, to, n: 1, classes });
    else entry.n++;
  }

  edges(): GraphEdge[] {
    return [...this.byKey.values()].map((c) => ({
      from: c.from,
      to: c.to,
      classes: c.classes,
      label: c.n > 1 ? `×${count(c.n)}` : null,
      dashed: c.classes.includes("dag-record-link"),
    }));
  }
}

/** Every drawn pipeline with its stages and artifacts, the first record of each standing for all. */
function foldedMap(run: Run, shapes: RunShapes, from: string, drawn: readonly number[]): GraphSpec {
  const clusters: GraphCluster[] = [];
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const crossings = new Crossings();
  const visible = new Set(drawn);
  const artifactId = (artifact: number) => {
    const owner = run.artifacts[artifact]?.record ?? 0;
    return `${pipelineId(shapes.shapeOf[owner] ?? 0)}a${shapes.localArtifact[artifact] ?? 0}`;
  };
  for (const index of drawn) {
    const shape = shapes.shapes[index];
    const first = run.records[shape?.records[0] ?? -1];
    if (shape === undefined || first === undefined) continue;
    clusters.push(pipelineCluster(run, shape, from));
    const part = pipelinePart(run, shapes, shape, first, from, artifactId);
    nodes.push(...part.nodes);
    edges.push(...part.edges);
    for (const r of shape.records) addCrossing(run, run.records[r], shapes, visible, crossings, artifactId);
  }
  return { clusters, nodes, edges: [...edges, ...crossings.edges()], spacing: MAP_SPACING };
}

/** The nodes and own edges of a pipeline: its first record's, with the counts of the others. */
function pipelinePart(
  run: Run,
  shapes: RunShapes,
  shape: RecordShape,
  first: RunRecord,
  from: string,
  artifactId: (a: number) => string,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const pid = pipelineId(shape.index);
  const many = shape.records.length > 1;
  const records = counted(shape.records.length, "record");
  const own = (a: number) => a >= 0 && run.artifacts[a]?.record === first.index;
  first.stages.forEach((name, p) => {
    const stageHref = hrefTo(from, recordPagePath(first.index), stageAnchor(p));
    const node = stageNode(dagStage(first, p), `${pid}s${p}`, pid, stageHref);
    // One record's timing would misstate the others': a pipeline of many shows none.
    const lines = node.classes.includes("dag-failed") ? node.lines : node.lines.slice(0, 1);
    const tooltip = `stage ${name}\n(${records}; opens record ${first.index})`;
    nodes.push(many ? { ...node, lines, tooltip } : node);
    (first.stageInputs[p] ?? []).forEach((a, slot) => {
      if (own(a)) edges.push({ from: artifactId(a), to: `${pid}s${p}`, classes: "dag-input", label: null });
      if (a >= 0) return;
      nodes.push(missingNode(`${pid}m${p}_${slot}`, pid, stageHref));
      edges.push({ from: `${pid}m${p}_${slot}`, to: `${pid}s${p}`, classes: "dag-missing", label: null, dashed: true });
    });
    for (const a of first.stageOutputs[p] ?? [])
      if (own(a)) edges.push({ from: `${pid}s${p}`, to: artifactId(a), classes: "dag-output", label: null });
  });
  for (const a of shapes.owned[first.index] ?? []) {
    const href = hrefTo(from, recordPagePath(first.index), artifactAnchor(a));
    const node = artifactNode(dagArtifact(run, a), artifactId(a), pid, href, "name");
    nodes.push(many ? { ...node, tooltip: `${node.tooltip} (${records}; opens record ${first.index})` } : node);
  }
  return { nodes, edges };
}

/** Adds the edges of `record` that cross records: artifacts of others it reads or writes, and copies. */
function addCrossing(
  run: Run,
  record: RunRecord | undefined,
  shapes: RunShapes,
  visible: ReadonlySet<number>,
  crossings: Crossings,
  artifactId: (a: number) => string,
): void {
  if (record === undefined) return;
  const pid = pipelineId(shapes.shapeOf[record.index] ?? 0);
  const shown = (r: number) => visible.has(shapes.shapeOf[r] ?? -1);
  let readsOthers = false;
  record.stageInputs.forEach((slots, p) => {
    for (const a of slots) {
      const owner = run.artifacts[a]?.record;
      if (a < 0 || owner === undefined || owner === record.index || !shown(owner)) continue;
      readsOthers = true;
      crossings.add(artifactId(a), `${pid}s${p}`, "dag-input dag-cross-record");
    }
  });
  record.stageOutputs.forEach((slots, p) => {
    for (const a of slots) {
      const owner = run.artifacts[a]?.record;
      if (a >= 0 && owner !== undefined && owner !== record.index && shown(owner))
        crossings.add(`${pid}s${p}`, artifactId(a), "dag-output dag-cross-record");
    }
  });
  // A copy that has not read anything of its source yet still shows where it came from.
  if (readsOthers || record.stages.length === 0) return;
  for (const source of record.inputRecords) {
    const src = run.records[source];
    if (src === undefined || source === record.index || !shown(source) || src.stages.length === 0) continue;
    crossings.add(`${pipelineId(shapes.shapeOf[source] ?? 0)}s0`, `${pid}s0`, "dag-record-link");
  }
}

/** One box per drawn pipeline, with counted edges between pipelines. */
function collapsedMap(run: Run, shapes: RunShapes, from: string, drawn: readonly number[]): GraphSpec {
  const nodes: GraphNode[] = [];
  const links = new Map<string, number>();
  const visible = new Set(drawn);
  for (const index of drawn) {
    const shape = shapes.shapes[index];
    if (shape === undefined) continue;
    const c = pipelineCluster(run, shape, from);
    const first = run.records[shape.records[0] ?? 0];
    const summary =
      first === undefined
        ? ""
        : `${counted(first.stages.length, "stage")}, ${counted(shapes.owned[first.index]?.length ?? 0, "artifact")}`;
    nodes.push({
      id: c.id,
      cluster: null,
      shape: "box",
      classes: c.classes,
      lines: [...c.lines, { text: summary, size: 9 }],
      href: c.href,
      tooltip: c.tooltip,
      colour: c.colour,
    });
    for (const r of shape.records) {
      const record = run.records[r];
      if (record === undefined) continue;
      const sources = new Set<number>(record.inputRecords);
      for (const slots of record.stageInputs)
        for (const a of slots) if (a >= 0) sources.add(run.artifacts[a]?.record ?? r);
      for (const s of sources) {
        const sourceShape = shapes.shapeOf[s] ?? 0;
        if (s === r || !visible.has(sourceShape)) continue;
        const key = `${sourceShape}>${shape.index}`;
        links.set(key, (links.get(key) ?? 0) + 1);
      }
    }
  }
  const edges = [...links].map(([key, n]): GraphEdge => {
    const [a = 0, b = 0] = key.split(">").map(Number);
    return { from: pipelineId(a), to: pipelineId(b), classes: "dag-record-link", label: n > 1 ? `×${count(n)}` : null };
  });
  return { clusters: [], nodes, edges, spacing: MAP_SPACING };
}
