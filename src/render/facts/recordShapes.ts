/**
 * Records grouped by what they did: records with the same stages, artifacts and wiring (names
 * included, texts such as representations and cache paths aside) form one *pipeline*. A sweep of
 * 10,000 records over one experiment is one pipeline, so the stage map draws it once, with a count
 * and a list of its records, instead of 10,000 times.
 */
import { groupDigits } from "../../util/clip.js";
import type { Run, RunRecord } from "../../run/model.js";
import { stageError } from "./failures.js";

/** One pipeline: records that share stages, artifacts and wiring. */
export interface RecordShape {
  /** Position among the run's pipelines (order of first record). */
  readonly index: number;
  /** Its records, in run order. */
  readonly records: readonly number[];
}

/** Every record's pipeline, and where each artifact sits in its owner's list. */
export interface RunShapes {
  readonly shapes: readonly RecordShape[];
  /** Record index → pipeline index. */
  readonly shapeOf: readonly number[];
  /** Artifact index → position among its owner's artifacts (in artifact order). */
  readonly localArtifact: readonly number[];
  /** Record index → its artifacts' indexes, in order. */
  readonly owned: readonly (readonly number[])[];
}

/**
 * Groups the run's records into pipelines. Linear in the run's size; computed once per run by its
 * RunContext (render/context.ts), which every view shares.
 */
export function runShapes(run: Run): RunShapes {
  const owned: number[][] = run.records.map(() => []);
  const localArtifact: number[] = [];
  for (const a of run.artifacts) {
    const list = owned[a.record];
    localArtifact[a.index] = list === undefined ? 0 : list.length;
    list?.push(a.index);
  }
  const byKey = new Map<string, { index: number; records: number[] }>();
  const shapeOf: number[] = [];
  for (const record of run.records) {
    const key = recordKey(run, record, owned[record.index] ?? [], localArtifact);
    let shape = byKey.get(key);
    if (shape === undefined) byKey.set(key, (shape = { index: byKey.size, records: [] }));
    shape.records.push(record.index);
    shapeOf[record.index] = shape.index;
  }
  return { shapes: [...byKey.values()], shapeOf, localArtifact, owned };
}

/** What makes two records one pipeline: stage names, artifact names, and how they are wired. */
function recordKey(run: Run, record: RunRecord, owned: readonly number[], local: readonly number[]): string {
  const ref = (artifact: number): string => {
    if (artifact < 0) return "-";
    const a = run.artifacts[artifact];
    if (a === undefined) return "?";
    return a.record === record.index ? `${local[artifact] ?? 0}` : `x:${a.name}`;
  };
  return JSON.stringify([
    record.isAggregate,
    record.stages,
    record.stageInputs.map((slots) => slots.map(ref)),
    record.stageOutputs.map((slots) => slots.map(ref)),
    owned.map((i) => run.artifacts[i]?.name ?? ""),
    record.stages.map((_, p) => stageError(record, p) !== null),
  ]);
}

/**
 * `1,000`: counts as people read them, the same on every machine. Whole numbers are grouped here
 * rather than by `toLocaleString("en-US")`, whose first call loads ICU's locale data (~20 ms of a
 * small report's start-up); the output is the same.
 */
export function count(n: number): string {
  return Number.isSafeInteger(n) ? groupDigits(n) : n.toLocaleString("en-US");
}

/** `1 record`, `1,000 records`. */
export function counted(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? "" : "s"}`;
}
