/**
 * `graphs/dag.json`: the stage DAG (dag.ts) as a published file, for tools that want the graph
 * without parsing DOT. The wire types below are the format; `dagJsonDocument` is its one builder,
 * and its version and schema are formats/dag.ts and schema/dag.schema.json. `curi-report dag --format json [--record N]`
 * writes the same document (or one record's part of it).
 */
import type { Run } from "../../run/model.js";
import { clipField } from "../../util/clip.js";
import { buildDag, recordLinks, type Dag, type DagNode, type RecordLink } from "./dag.js";

import { DAG_JSON_VERSION } from "../formats/dag.js";

export { DAG_JSON_VERSION };

/** A record's cluster on the wire. */
export interface DagJsonCluster {
  readonly id: string;
  readonly record: number;
  readonly name: string;
  readonly title: string;
  readonly subtitle: string;
  readonly argsName: string | null;
  readonly aggregate: boolean;
  readonly colour: string;
  readonly inputRecords: readonly number[];
  readonly nodes: readonly string[];
}

/** Fields every node has on the wire. */
interface DagJsonNodeBase {
  readonly id: string;
  readonly record: number;
  readonly label: string;
}

/** A node on the wire: a stage, an artifact or a missing-input marker. */
export type DagJsonNode =
  | (DagJsonNodeBase & {
      readonly kind: "stage";
      readonly position: number;
      readonly durationMs: number | null;
      readonly cached: boolean | null;
    })
  | (DagJsonNodeBase & {
      readonly kind: "artifact";
      readonly artifact: number;
      readonly representation: string;
      readonly path: string | null;
    })
  | (DagJsonNodeBase & { readonly kind: "missing"; readonly stage: string });

/** An edge on the wire. */
export interface DagJsonEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: "input" | "output" | "missing";
  readonly crossRecord: boolean;
}

/**
 * The whole document (version 1). Key order is the order written:
 * ```
 * { "format": "curi-report-dag", "version": 1, "reference": "<run reference>",
 *   "clusters": [{ "id": "cluster_0", "record": 0, "name": "Record 0 (a)", "title": "record 0",
 *                  "subtitle": "args: a", "argsName": "a" | null, "aggregate": false,
 *                  "colour": "#b4eeb4", "inputRecords": [], "nodes": ["s0_0", "a0", …] }],
 *   "nodes": [{ "id": "s0_0", "kind": "stage", "record": 0, "label": "load", "position": 0,
 *               "durationMs": 12.5 | null, "cached": false | null }
 *           | { "id": "a0", "kind": "artifact", "record": 0, "label": "data", "artifact": 0,
 *               "representation": "(list) [1, 2] len: 2", "path": "data/cache/…" | null }
 *           | { "id": "m0_1_0", "kind": "missing", "record": 0, "label": "missing input", "stage": "s0_1" }],
 *   "edges": [{ "from": "a0", "to": "s0_1", "kind": "input" | "output" | "missing", "crossRecord": false }],
 *   "recordLinks": [{ "from": 0, "to": 2, "artifacts": 3 }] }
 * ```
 */
export interface DagJsonDocument {
  readonly format: "curi-report-dag";
  readonly version: typeof DAG_JSON_VERSION;
  readonly reference: string;
  readonly clusters: readonly DagJsonCluster[];
  readonly nodes: readonly DagJsonNode[];
  readonly edges: readonly DagJsonEdge[];
  readonly recordLinks: readonly RecordLink[];
}

/** The document of `run` (of `dag`, when the caller already built it). */
export function dagJsonDocument(run: Run, dag: Dag = buildDag(run)): DagJsonDocument {
  return {
    format: "curi-report-dag",
    version: DAG_JSON_VERSION,
    reference: run.info.reference,
    clusters: dag.clusters.map((c) => ({
      id: c.id,
      record: c.record,
      name: c.name,
      title: c.title,
      subtitle: c.subtitle,
      argsName: c.argsName,
      aggregate: c.aggregate,
      colour: c.colour,
      inputRecords: c.inputRecords,
      nodes: c.nodes,
    })),
    nodes: dag.nodes.map(nodeJson),
    edges: dag.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, crossRecord: e.crossRecord })),
    recordLinks: recordLinks(run, dag),
  };
}

function nodeJson(n: DagNode): DagJsonNode {
  // Input strings are clipped (with a visible marker) so a 10 MB representation cannot blow up dag.json.
  const label = clipField(n.label);
  switch (n.kind) {
    case "stage":
      return {
        id: n.id,
        kind: n.kind,
        record: n.record,
        label,
        position: n.position,
        durationMs: n.durationMs,
        cached: n.cached,
      };
    case "artifact":
      return {
        id: n.id,
        kind: n.kind,
        record: n.record,
        label,
        artifact: n.artifact,
        representation: clipField(n.representation),
        path: n.path === null ? null : clipField(n.path),
      };
    case "missing":
      return { id: n.id, kind: n.kind, record: n.record, label, stage: n.stage };
  }
}

/**
 * The part of a document about one record: its cluster, the edges touching its nodes, every node
 * those edges join (artifacts of other records feeding it included), and its record links.
 */
export function recordPart(doc: DagJsonDocument, record: number): DagJsonDocument {
  const own = new Set(doc.nodes.filter((n) => n.record === record).map((n) => n.id));
  const edges = doc.edges.filter((e) => own.has(e.from) || own.has(e.to));
  const joined = new Set([...own, ...edges.flatMap((e) => [e.from, e.to])]);
  return {
    ...doc,
    clusters: doc.clusters.filter((c) => c.record === record),
    nodes: doc.nodes.filter((n) => joined.has(n.id)),
    edges,
    recordLinks: doc.recordLinks.filter((l) => l.from === record || l.to === record),
  };
}

/** A document as bytes: 2-space indent, the key order above, a trailing newline (same run, same bytes). */
export function dagJsonText(doc: DagJsonDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** `graphs/dag.json` of `run`. Texts are the run's own (JSON escaping only), clipped only past a field's limit. */
export function dagJson(run: Run): string {
  return dagJsonText(dagJsonDocument(run));
}
