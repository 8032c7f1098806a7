/**
 * The stage DAG of a run as a file of its own, for docs and CI (`curi-report dag`): SVG laid out
 * by graphviz, the DOT source, Mermaid, or the JSON model. All four draw from the one DAG model.
 */
import type { Run } from "../../run/model.js";
import { showControlChars } from "../../util/escape.js";
import { dagJson } from "./dag.js";
import { fullDot, shouldCollapse } from "./dot.js";
import { drawGraph } from "./graphDraw.js";
import { recordDot } from "./graphDot.js";
import { layoutGraph } from "./graphLayout.js";
import { layoutSvg } from "./graphviz.js";
import { recordGraphSpec, recordHeading } from "./recordGraph.js";
import { recordPagePath } from "../router.js";
import { dagMermaid } from "./mermaid.js";

/** Formats `curi-report dag` writes. */
export const DAG_FORMATS = ["svg", "dot", "mermaid", "json"] as const;

/** One of `DAG_FORMATS`. */
export type DagFormat = (typeof DAG_FORMATS)[number];

/** Options of `exportDag`. */
export interface DagExportOptions {
  readonly format: DagFormat;
  /** Only this record's detailed graph (svg, dot) or its part of the model (json). */
  readonly record?: number;
  /** One node per record (svg, dot). Default: only for an SVG of a run too big to read in full. */
  readonly collapse?: boolean;
}

/** The DAG in `format`, as the text of a standalone file (SVG with its XML declaration). */
export async function exportDag(run: Run, options: DagExportOptions): Promise<string> {
  const record = options.record;
  if (record !== undefined && (!Number.isInteger(record) || record < 0 || record >= run.records.length)) {
    throw new RangeError(`record ${record} does not exist: the run has records 0 to ${run.records.length - 1}`);
  }
  switch (options.format) {
    case "dot":
      return record === undefined ? fullDot(run, { collapse: options.collapse === true }) : recordDot(run, record);
    case "svg": {
      const svg = record === undefined ? await mapSvg(run, options) : await recordSvg(run, record);
      return `<?xml version="1.0" encoding="UTF-8"?>\n${svg.endsWith("\n") ? svg : `${svg}\n`}`;
    }
    case "mermaid":
      if (record !== undefined)
        throw new RangeError("--record works with --format svg, dot or json; Mermaid shows the whole run");
      return dagMermaid(run).text;
    case "json":
      return record === undefined ? dagJson(run) : recordJson(dagJson(run), record);
  }
}

/** The whole DAG laid out by Graphviz (one node per record when collapsed). */
async function mapSvg(run: Run, options: DagExportOptions): Promise<string> {
  const dot = fullDot(run, { collapse: options.collapse ?? shouldCollapse(run) });
  return layoutSvg(dot, { idPrefix: "g-", title: showControlChars(`Stage map of ${run.info.reference}`) });
}

/** One record's graph, as its page draws it (links relative to `records/<i>.html`). */
async function recordSvg(run: Run, record: number): Promise<string> {
  const spec = recordGraphSpec(run, record, recordPagePath(record));
  const title = `Stages of ${recordHeading(run, record)}`;
  const layout = await layoutGraph(spec, null, { nodesep: 0.2, ranksep: 0.25 }, title);
  return drawGraph(spec, layout, { idPrefix: "g-", title });
}

/**
 * The part of a dag.json document about one record: its cluster, the edges touching its nodes,
 * and every node those edges join (artifacts of other records feeding it included).
 */
function recordJson(json: string, record: number): string {
  const doc = JSON.parse(json) as {
    clusters: { record: number }[];
    nodes: { id: string; record: number }[];
    edges: { from: string; to: string }[];
    recordLinks: { from: number; to: number }[];
  };
  const own = new Set(doc.nodes.filter((n) => n.record === record).map((n) => n.id));
  const edges = doc.edges.filter((e) => own.has(e.from) || own.has(e.to));
  const joined = new Set([...own, ...edges.flatMap((e) => [e.from, e.to])]);
  const part = {
    ...doc,
    clusters: doc.clusters.filter((c) => c.record === record),
    nodes: doc.nodes.filter((n) => joined.has(n.id)),
    edges,
    recordLinks: doc.recordLinks.filter((l) => l.from === record || l.to === record),
  };
  return `${JSON.stringify(part, null, 2)}\n`;
}
