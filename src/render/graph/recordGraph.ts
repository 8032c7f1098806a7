/**
 * The graph of one record as a `GraphSpec`: its stages, its artifacts (name, representation, cache
 * path), missing inputs, and stand-ins for the artifacts of other records it reads or writes. An
 * aggregate's fan-in is one stand-in per pipeline with its count (not one per input record).
 * Every node links to its place: a stage to its row, an artifact to its row in the artifacts
 * table, a stand-in to the record (or the list of records) it comes from.
 */
import type { Run, RunRecord } from "../../run/model.js";
import { count, counted, type RunShapes } from "../facts/recordShapes.js";
import { recordHeading } from "../facts/names.js";
import { artifactAnchor, hrefTo, recordPagePath, shapePagePath, stageAnchor } from "../router.js";
import { dagArtifact, dagStage } from "./dag.js";
import { artifactNode, missingNode, oneLine, recordCluster, stageNode } from "./graphNodes.js";
import type { GraphEdge, GraphNode, GraphSpec, Spacing } from "./graphSpec.js";

/** Above this many input records of one pipeline, a stage's inputs are drawn as one counted stand-in. */
export const FAN_IN_LIMIT = 4;

/** Id of the one cluster of a record graph (the same in every record graph, so shapes match). */
export const RECORD_CLUSTER = "rec";

/** Spacing of a record graph. */
export const RECORD_SPACING: Spacing = { nodesep: 0.2, ranksep: 0.25 };

/** The graph of record `index`, with links relative to the page at `from`. */
export function recordGraphSpec(run: Run, shapes: RunShapes, index: number, from: string): GraphSpec {
  const record = run.records[index];
  if (record === undefined)
    throw new RangeError(`record ${index} does not exist; the run has ${run.records.length} records`);
  const local = (a: number) => `a${shapes.localArtifact[a] ?? 0}`;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const stubs = new Stubs(run, shapes, from);
  record.stages.forEach((_, p) => {
    const id = `s${p}`;
    const stageHref = hrefTo(from, recordPagePath(index), stageAnchor(p));
    nodes.push(stageNode(dagStage(record, p), id, RECORD_CLUSTER, stageHref));
    const inputs = record.stageInputs[p] ?? [];
    inputs.forEach((artifact, slot) => {
      if (artifact < 0) {
        nodes.push(missingNode(`m${p}_${slot}`, RECORD_CLUSTER, stageHref));
        edges.push({ from: `m${p}_${slot}`, to: id, classes: "dag-missing", label: null, dashed: true });
      } else if (run.artifacts[artifact]?.record === index) {
        edges.push({ from: local(artifact), to: id, classes: "dag-input", label: null });
      }
    });
    for (const stub of stubs.inputsOf(record, p))
      edges.push({
        from: stub.id,
        to: id,
        classes: "dag-input dag-cross-record",
        label: stub.count > 1 ? `×${count(stub.count)}` : null,
      });
    for (const artifact of record.stageOutputs[p] ?? []) {
      if (artifact < 0) continue;
      const own = run.artifacts[artifact]?.record === index;
      edges.push({
        from: id,
        to: own ? local(artifact) : stubs.outputStub(artifact).id,
        classes: own ? "dag-output" : "dag-output dag-cross-record",
        label: null,
      });
    }
  });
  for (const artifact of shapes.owned[index] ?? []) {
    const href = hrefTo(from, recordPagePath(index), artifactAnchor(artifact));
    nodes.push(artifactNode(dagArtifact(run, artifact), local(artifact), RECORD_CLUSTER, href, "rows"));
  }
  const cluster = recordCluster(run, index, RECORD_CLUSTER, null);
  return { clusters: [cluster], nodes: [...nodes, ...stubs.nodes()], edges, spacing: RECORD_SPACING };
}

/** A stand-in drawn for artifacts of other records. */
interface Stub {
  readonly id: string;
  readonly count: number;
  readonly node: GraphNode;
}

/** Stand-ins of one record graph: one per artifact of another record, or one per pipeline past FAN_IN_LIMIT. */
class Stubs {
  private readonly made: Stub[] = [];
  private readonly byKey = new Map<string, Stub>();

  constructor(
    private readonly run: Run,
    private readonly shapes: RunShapes,
    private readonly from: string,
  ) {}

  /** The stand-ins feeding stage `p` of `record` from other records. */
  inputsOf(record: RunRecord, p: number): Stub[] {
    const external = (record.stageInputs[p] ?? []).filter(
      (a) => a >= 0 && this.run.artifacts[a]?.record !== record.index,
    );
    const byGroup = new Map<string, number[]>();
    for (const a of external) {
      const art = this.run.artifacts[a];
      if (art === undefined) continue;
      const key = `${this.shapes.shapeOf[art.record] ?? 0}:${art.name}`;
      const list = byGroup.get(key);
      if (list === undefined) byGroup.set(key, [a]);
      else list.push(a);
    }
    const out: Stub[] = [];
    for (const [key, artifacts] of byGroup) {
      if (artifacts.length <= FAN_IN_LIMIT) for (const a of artifacts) out.push(this.single(a, "from"));
      else out.push(this.group(key, artifacts));
    }
    return out;
  }

  /** The stand-in of an artifact of another record that a stage wrote. */
  outputStub(artifact: number): Stub {
    return this.single(artifact, "of");
  }

  nodes(): GraphNode[] {
    return this.made.map((s) => s.node);
  }

  private single(artifact: number, relation: "from" | "of"): Stub {
    const key = `${relation}:${artifact}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const a = this.run.artifacts[artifact];
    const owner = a?.record ?? 0;
    const id = `x${this.made.length}`;
    const node: GraphNode = {
      id,
      cluster: null,
      shape: "box",
      classes: "dag-external",
      lines: [
        { text: oneLine(a?.name ?? ""), size: 9 },
        { text: `${relation} record ${owner}`, size: 8 },
      ],
      href: hrefTo(this.from, recordPagePath(owner), artifactAnchor(artifact)),
      tooltip: `${a?.name ?? ""} ${relation} ${recordHeading(this.run, owner)}`,
      dashed: true,
    };
    return this.remember(key, { id, count: 1, node });
  }

  private group(key: string, artifacts: readonly number[]): Stub {
    const known = this.byKey.get(`g:${key}`);
    if (known !== undefined) return known;
    const first = this.run.artifacts[artifacts[0] ?? 0];
    const shape = this.shapes.shapeOf[first?.record ?? 0] ?? 0;
    const id = `x${this.made.length}`;
    const owners = new Set(artifacts.map((a) => this.run.artifacts[a]?.record));
    const node: GraphNode = {
      id,
      cluster: null,
      shape: "box",
      classes: "dag-external dag-fan-in",
      lines: [
        { text: oneLine(first?.name ?? ""), size: 9 },
        { text: `from ${counted(owners.size, "record")}`, size: 8 },
      ],
      href: hrefTo(this.from, shapePagePath(shape, 0), null),
      tooltip: `${first?.name ?? ""} from ${counted(owners.size, "record")} of pipeline ${shape + 1}`,
      dashed: true,
    };
    return this.remember(`g:${key}`, { id, count: artifacts.length, node });
  }

  private remember(key: string, stub: Stub): Stub {
    this.byKey.set(key, stub);
    this.made.push(stub);
    return stub;
  }
}
