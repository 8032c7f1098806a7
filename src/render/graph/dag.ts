/**
 * The stage DAG of a run: what ran, in the run's own terms (stages, artifacts, missing inputs and
 * the edges between them, records as clusters). `graphs/dag.json` is this model on the wire
 * (dagJson.ts); every drawn graph takes its nodes from it through one look (graphNodes.ts): the
 * whole-run graph (fullGraph.ts) draws it all, the stage map (mapGraph.ts) folds records of one
 * pipeline into one cluster, a record graph (recordGraph.ts) draws one record's part.
 *
 * Node ids are safe ASCII, whatever the names in the run say:
 * - `s<record>_<position>`: the stage at `position` in a record's `stages` (a stage that runs twice
 *   in a record gets two nodes, unlike curifactory's `"<record>_<stage>"`, which merged them);
 * - `a<index>`: artifact `index` of `Run.artifacts`, in the cluster of the record that owns it;
 * - `m<record>_<position>_<slot>`: a "missing input" marker for a `-1` in `stageInputs`, so a
 *   stage that asked for an input it did not get shows that, instead of silently losing the edge.
 */
import type { Run, RunRecord } from "../../run/model.js";
import { showControlChars } from "../../util/escape.js";
import { recordColour } from "../colours.js";
import { stageError } from "../facts/failures.js";
import { recordSubtitle } from "../facts/names.js";

/** A stage run of a record. */
export interface DagStageNode {
  readonly kind: "stage";
  readonly id: string;
  readonly record: number;
  /** The stage name. */
  readonly label: string;
  /** Position in the record's `stages`. */
  readonly position: number;
  /** From `RunRecord.stageInfo`; null when the run did not record it. */
  readonly durationMs: number | null;
  readonly cached: boolean | null;
  /** The error it raised (`<ExceptionClass> - <message>`), or null. Not part of dag.json (version 1). */
  readonly error: string | null;
}

/** An artifact representation. */
export interface DagArtifactNode {
  readonly kind: "artifact";
  readonly id: string;
  /** The record that owns it (its cluster). */
  readonly record: number;
  /** The artifact name. */
  readonly label: string;
  /** Index into `Run.artifacts`. */
  readonly artifact: number;
  readonly representation: string;
  /** Cache path, or null for "no file". */
  readonly path: string | null;
}

/** A marker for an input a stage requested but did not get (`-1` in `stageInputs`). */
export interface DagMissingNode {
  readonly kind: "missing";
  readonly id: string;
  readonly record: number;
  readonly label: string;
  /** Id of the stage node that missed it. */
  readonly stage: string;
  /** That stage's position in the record's `stages`. */
  readonly position: number;
}

/** Any node of the DAG. */
export type DagNode = DagStageNode | DagArtifactNode | DagMissingNode;

/** An edge: artifact → stage (`input`), stage → artifact (`output`), or marker → stage (`missing`). */
export interface DagEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: "input" | "output" | "missing";
  /** True when the artifact belongs to another record than the stage (make_copy, aggregates). */
  readonly crossRecord: boolean;
}

/** One record's cluster. */
export interface DagCluster {
  /** `cluster_<record>`, as in curifactory's DOT. */
  readonly id: string;
  readonly record: number;
  /** `Record <i> (<args>)`. */
  readonly name: string;
  /** First label line, `record <i>`. */
  readonly title: string;
  /** Second label line, `args: <name|None>`. */
  readonly subtitle: string;
  readonly argsName: string | null;
  readonly aggregate: boolean;
  readonly colour: string;
  readonly inputRecords: readonly number[];
  /** Ids of the nodes drawn inside this cluster, in drawing order. */
  readonly nodes: readonly string[];
}

/** The whole DAG. Order is deterministic: records in order; per record stages, markers, artifacts. */
export interface Dag {
  readonly nodes: readonly DagNode[];
  readonly edges: readonly DagEdge[];
  readonly clusters: readonly DagCluster[];
}

/** Id of the node of stage `position` of record `record`. */
export function stageNodeId(record: number, position: number): string {
  return `s${record}_${position}`;
}

/** Id of the node of artifact `index`. */
export function artifactNodeId(index: number): string {
  return `a${index}`;
}

/**
 * Builds the DAG of a run: every stage, artifact and missing input, with edges across records kept.
 * Not memoized: a sweep's DAG is hundreds of thousands of objects, and a report asks for it only
 * to write `graphs/full.gv` and `graphs/dag.json`, after which it should be garbage.
 */
export function buildDag(run: Run): Dag {
  const nodes: DagNode[] = [];
  const edges: DagEdge[] = [];
  const clusters: DagCluster[] = [];
  const owned = artifactsByRecord(run);
  for (const record of run.records) {
    const part = recordPart(run, record);
    const artifactNodes = (owned.get(record.index) ?? []).map((index) => dagArtifact(run, index));
    const clusterNodes = [...part.stages, ...part.missing, ...artifactNodes];
    nodes.push(...clusterNodes);
    edges.push(...part.edges);
    clusters.push(
      clusterOf(
        record,
        clusterNodes.map((n) => n.id),
      ),
    );
  }
  return { nodes, edges, clusters };
}

function artifactsByRecord(run: Run): Map<number, number[]> {
  const owned = new Map<number, number[]>();
  for (const a of run.artifacts) {
    const list = owned.get(a.record);
    if (list) list.push(a.index);
    else owned.set(a.record, [a.index]);
  }
  return owned;
}

/** A record's stage nodes, missing markers and edges: inputs first in stage order, then outputs (curifactory's order). */
function recordPart(
  run: Run,
  record: RunRecord,
): { stages: DagStageNode[]; missing: DagMissingNode[]; edges: DagEdge[] } {
  const stages: DagStageNode[] = [];
  const missing: DagMissingNode[] = [];
  const inputs: DagEdge[] = [];
  const outputs: DagEdge[] = [];
  const crosses = (artifact: number): boolean => run.artifacts[artifact]?.record !== record.index;
  record.stages.forEach((_, position) => {
    const stage = dagStage(record, position);
    const id = stage.id;
    stages.push(stage);
    (record.stageInputs[position] ?? []).forEach((artifact, slot) => {
      if (artifact < 0) {
        const markerId = `m${record.index}_${position}_${slot}`;
        missing.push({
          kind: "missing",
          id: markerId,
          record: record.index,
          label: "missing input",
          stage: id,
          position,
        });
        inputs.push({ from: markerId, to: id, kind: "missing", crossRecord: false });
      } else {
        inputs.push({ from: artifactNodeId(artifact), to: id, kind: "input", crossRecord: crosses(artifact) });
      }
    });
    for (const artifact of record.stageOutputs[position] ?? []) {
      if (artifact >= 0)
        outputs.push({ from: id, to: artifactNodeId(artifact), kind: "output", crossRecord: crosses(artifact) });
    }
  });
  return { stages, missing, edges: [...inputs, ...outputs] };
}

/** The stage at `position` of `record`, with its timing and error. */
export function dagStage(record: RunRecord, position: number): DagStageNode {
  const info = record.stageInfo?.[position];
  return {
    kind: "stage",
    id: stageNodeId(record.index, position),
    record: record.index,
    label: record.stages[position] ?? "",
    position,
    durationMs: info?.durationMs ?? null,
    cached: info?.cached ?? null,
    error: stageError(record, position),
  };
}

/** Artifact `index` of the run, in the cluster of the record that owns it. */
export function dagArtifact(run: Run, index: number): DagArtifactNode {
  const a = run.artifacts[index];
  return {
    kind: "artifact",
    id: artifactNodeId(index),
    record: a?.record ?? 0,
    label: a?.name ?? "",
    artifact: index,
    representation: a?.string ?? "",
    path: a?.path ?? null,
  };
}

function clusterOf(record: RunRecord, nodes: string[]): DagCluster {
  return {
    id: `cluster_${record.index}`,
    record: record.index,
    name: record.name,
    title: `record ${record.index}`,
    // The project's words, not Python's `None`.
    subtitle: recordSubtitle(record),
    argsName: record.argsName,
    aggregate: record.isAggregate,
    colour: recordColour(record.index),
    inputRecords: record.inputRecords,
    nodes,
  };
}

/** The DAG's size by Kedro-Viz's readability rule: nodes + 1.5 × edges. */
export function dagSize(dag: Dag): number {
  return dag.nodes.length + 1.5 * dag.edges.length;
}

/** Stages and artifacts drawn in each record's cluster, by record index (for collapsed views). */
export function nodeCounts(dag: Dag): Map<number, { stages: number; artifacts: number }> {
  const counts = new Map<number, { stages: number; artifacts: number }>();
  for (const node of dag.nodes) {
    const c = counts.get(node.record) ?? { stages: 0, artifacts: 0 };
    if (node.kind === "stage") c.stages++;
    if (node.kind === "artifact") c.artifacts++;
    counts.set(node.record, c);
  }
  return counts;
}

/** An edge of the collapsed DAG: records that feed artifacts (or state, via `inputRecords`) to another. */
export interface RecordLink {
  readonly from: number;
  readonly to: number;
  /** Distinct artifacts of `from` that stages of `to` read; 0 for an `inputRecords` link with no artifact edge. */
  readonly artifacts: number;
}

/**
 * Record-to-record links of the collapsed map: one per ordered pair of records, from cross-record
 * input edges (counted in distinct artifacts) and from `inputRecords` (make_copy, aggregates).
 * Sorted by (to, from) so the output is deterministic.
 */
export function recordLinks(run: Run, dag: Dag = buildDag(run)): RecordLink[] {
  const pairs = new Map<string, { from: number; to: number; artifacts: Set<number> }>();
  const link = (from: number, to: number) => {
    const key = `${from}>${to}`;
    let entry = pairs.get(key);
    if (!entry) pairs.set(key, (entry = { from, to, artifacts: new Set() }));
    return entry;
  };
  const owner = new Map(dag.nodes.map((n) => [n.id, n] as const));
  for (const edge of dag.edges) {
    if (!edge.crossRecord || edge.kind !== "input") continue;
    const artifact = owner.get(edge.from);
    const stage = owner.get(edge.to);
    if (artifact?.kind === "artifact" && stage) link(artifact.record, stage.record).artifacts.add(artifact.artifact);
  }
  for (const record of run.records) {
    for (const from of record.inputRecords) if (from !== record.index) link(from, record.index);
  }
  return [...pairs.values()]
    .map((p) => ({ from: p.from, to: p.to, artifacts: p.artifacts.size }))
    .sort((x, y) => x.to - y.to || x.from - y.from);
}

const MAX_LABEL_CHARS = 300;
const MAX_LABEL_LINES = 12;
/** Characters `labelText` may change: `\r` and other controls but `\n`, surrogates, U+FFFE and U+FFFF. */
// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/;

/** True when `text` has fewer than MAX_LABEL_LINES lines. */
function fewLines(text: string): boolean {
  let breaks = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1))
    if (++breaks >= MAX_LABEL_LINES) return false;
  return true;
}

/**
 * Text as a graph label may show it: line ends unified to `\n`, control characters made visible
 * (`\u0007`), lone surrogates and XML-forbidden noncharacters replaced by U+FFFD (they would break
 * graphviz's UTF-8 and XML parsing), and very long text cut with `…` (at most 300 code points and
 * 12 lines) so one hostile name cannot blow a layout up. Non-ASCII text passes intact.
 */
export function labelText(text: string): string {
  // Most names and previews need none of the work below: one short line of ordinary characters.
  if (text.length <= MAX_LABEL_CHARS && !NEEDS_CLEANING.test(text) && fewLines(text)) return text;
  const [head, more] = labelHead(text);
  const cleaned = showControlChars(
    head
      .replace(/\r\n?/g, "\n")
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g, "\ufffd"),
  );
  const points = Array.from(more ? `${cleaned}\n…` : cleaned);
  return points.length > MAX_LABEL_CHARS ? `${points.slice(0, MAX_LABEL_CHARS - 1).join("")}…` : points.join("");
}

/** Code units of a label's head that always make more than MAX_LABEL_CHARS code points once cleaned. */
const MAX_HEAD_UNITS = 4 * MAX_LABEL_CHARS + 8;

/**
 * The part of `text` a label can show, so that a 10 MB name costs no more than a short one: the
 * text before its 11th line break when it has more than MAX_LABEL_LINES lines (`more`: a "…" line
 * follows), cut to MAX_HEAD_UNITS code units. A head that long holds more code points than a label
 * keeps even after cleaning (it has at most 10 line breaks, and a code point takes at most 2
 * units), so the cut is never seen, not even when it splits a surrogate pair.
 */
function labelHead(text: string): [head: string, more: boolean] {
  const breaks = /\r\n?|\n/g;
  let count = 0;
  let lastKept = text.length;
  for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) {
    if (++count === MAX_LABEL_LINES - 1) lastKept = m.index;
    if (count === MAX_LABEL_LINES) break;
  }
  const more = count >= MAX_LABEL_LINES;
  const head = more ? text.slice(0, lastKept) : text;
  return [head.length > MAX_HEAD_UNITS ? head.slice(0, MAX_HEAD_UNITS) : head, more];
}

/** A stage's timing as shown on its node: `cached`, `1.20 s`, `340 ms`, or null when unknown. */
export function stageTiming(node: Pick<DagStageNode, "durationMs" | "cached">): string | null {
  if (node.cached === true) return "cached";
  const ms = node.durationMs;
  if (ms === null || !Number.isFinite(ms) || ms < 0) return null;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const total = Math.round(s);
  return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, "0")} s`;
}
