/**
 * The stage DAG of a run as a file of its own, for docs and CI (`curi-report dag`). Every format
 * is written from one model by its one writer: the graph is a `GraphSpec` (the whole-run DAG, or
 * one record's graph with `record`), written as DOT by dot.ts, laid out and drawn as SVG by
 * graphLayout.ts and graphDraw.ts, and as Mermaid by mermaid.ts; JSON is the DAG model on the wire
 * (dagJson.ts). What the report holds is what this writes: `--format dot` is `graphs/full.gv` (or
 * `graphs/record_<N>.gv`), `--format json` is `graphs/dag.json`, and links lead where they do there.
 */
import type { Run } from "../../run/model.js";
import { recordHeading } from "../facts/names.js";
import type { RunShapes } from "../facts/recordShapes.js";
import { recordPagePath, REPORT_PATHS } from "../router.js";
import { buildDag } from "./dag.js";
import { dagJsonDocument, dagJsonText, recordPart } from "./dagJson.js";
import { specDot } from "./dot.js";
import { collapsedGraphSpec, fullGraphSpec, shouldCollapse } from "./fullGraph.js";
import { drawGraph } from "./graphDraw.js";
import { layoutGraph } from "./graphLayout.js";
import type { GraphSpec } from "./graphSpec.js";
import { dagMermaid, specMermaid } from "./mermaid.js";
import { recordGraphSpec } from "./recordGraph.js";

/** Formats `curi-report dag` writes. */
export const DAG_FORMATS = ["svg", "dot", "mermaid", "json"] as const;

/** One of `DAG_FORMATS`. */
export type DagFormat = (typeof DAG_FORMATS)[number];

/** Options of `exportDag`. */
export interface DagExportOptions {
  readonly format: DagFormat;
  /** Only this record: its graph as its page draws it (svg, dot, mermaid) or its part of the model (json). */
  readonly record?: number;
  /** One node per record (svg, dot). Default: only for an SVG of a run too big to read in full. */
  readonly collapse?: boolean;
}

/**
 * The DAG in `format`, as the text of a standalone file (SVG with its XML declaration). `shapes`
 * are the run's pipelines: Mermaid draws the run folded by pipeline, as the report's map does.
 * Throws RangeError for a record that does not exist, GraphLayoutError when Graphviz fails.
 */
export async function exportDag(run: Run, shapes: RunShapes, options: DagExportOptions): Promise<string> {
  const record = options.record;
  if (record !== undefined && (!Number.isInteger(record) || record < 0 || record >= run.records.length)) {
    throw new RangeError(`record ${record} does not exist: the run has records 0 to ${run.records.length - 1}`);
  }
  if (options.format === "json") {
    const doc = dagJsonDocument(run);
    return dagJsonText(record === undefined ? doc : recordPart(doc, record));
  }
  if (options.format === "mermaid")
    return record === undefined ? dagMermaid(run, shapes).text : specMermaid(recordSpec(run, shapes, record));
  const spec = record === undefined ? wholeRunSpec(run, options) : recordSpec(run, shapes, record);
  if (options.format === "dot") return specDot(spec);
  const title = record === undefined ? `Stage map of ${run.info.reference}` : `Stages of ${recordHeading(run, record)}`;
  const svg = drawGraph(spec, await layoutGraph(spec, null, title), { idPrefix: "g-", title });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}

/** Record `index`'s graph as its page draws it (links relative to `records/<i>.html`). */
function recordSpec(run: Run, shapes: RunShapes, index: number): GraphSpec {
  return recordGraphSpec(run, shapes, index, recordPagePath(index));
}

/** The whole-run DAG (links relative to `graphs/full.gv`), one box per record when collapsed. */
function wholeRunSpec(run: Run, options: DagExportOptions): GraphSpec {
  const dag = buildDag(run);
  const collapse = options.collapse ?? (options.format === "svg" && shouldCollapse(dag));
  return collapse ? collapsedGraphSpec(run, dag, REPORT_PATHS.fullDot) : fullGraphSpec(run, dag, REPORT_PATHS.fullDot);
}

/** `graphs/full.gv`: the whole-run DAG as DOT, links relative to that file. */
export function fullDot(run: Run): string {
  return specDot(fullGraphSpec(run, buildDag(run), REPORT_PATHS.fullDot));
}
