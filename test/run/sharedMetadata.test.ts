/**
 * The cache metadata of a run's artifacts repeats most of its values (the manager's run info, empty
 * lists, record names): read, each repeated value is one object, which is what keeps a 50,000-record
 * sweep's model small, and the run still writes back byte for byte, key order and odd keys included.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRun } from "../../src/run/read.js";
import { serializeRunDocument, writeRun } from "../../src/run/write.js";
import type { JsonValue, WireRun } from "../../src/run/wire.js";
import { baseWire, tempDir, writeFolder } from "./helpers/runFolders.js";

const RUN_INFO = {
  reference: "sweep_1_2026-01-15-T093000",
  experiment_name: "sweep",
  commit: "3f9c2a7d4b1e8f6a0c5d9e2b7a4f1c8e6d3b0a95",
  workdir_dirty: false,
};

/** Metadata as curifactory's cachers write it, for artifact `i` of record `record`. */
function metadata(i: number, record: number): { [key: string]: JsonValue } {
  return {
    artifact_generated: "2026-01-15-T093001",
    record_name: `Record ${record} (p${record})`,
    artifact_name: `a${i}`,
    record_prior_stages: [],
    extra: {},
    manager_run_info: { ...RUN_INFO },
    // Equal values in another key order are different JSON text: they must not be merged.
    order: i % 2 === 0 ? { x: 1, y: [2, "z"] } : { y: [2, "z"], x: 1 },
    // JSON.parse makes "__proto__" an own key; so must the model.
    odd: JSON.parse('{"__proto__": {"polluted": true}, "-0": 0}') as JsonValue,
  };
}

/** A run of `records` records with `perRecord` artifacts each, every one with metadata. */
function runWithMetadata(records: number, perRecord: number): WireRun {
  const wire = baseWire();
  const record = wire.records[0]!;
  wire.records = Array.from({ length: records }, (_, r) => ({
    ...record,
    index: r,
    name: `Record ${r}`,
    input_records: [],
    stages: ["fit"],
    stage_inputs: [[]],
    stage_outputs: [Array.from({ length: perRecord }, (_, k) => r * perRecord + k)],
    state_artifact_reps: {},
  }));
  wire.artifacts = Array.from({ length: records * perRecord }, (_, i) => ({
    record: Math.floor(i / perRecord),
    name: `a${i}`,
    string: `(int) ${i}`,
    path: null,
    metadata: metadata(i, Math.floor(i / perRecord)),
  }));
  wire.reportables = [];
  return wire;
}

describe.each([
  ["whole", undefined],
  ["streamed", 0],
] as const)("artifact metadata read %s", (_label, streamAbove) => {
  const wire = runWithMetadata(40, 3);
  const source = writeFolder(tempDir("shared-metadata"), wire);
  const read = readRun(source, streamAbove === undefined ? {} : { streamAbove });

  it("holds each repeated value once", async () => {
    const metas = (await read).artifacts.map((a) => a.metadata!);
    const first = metas[0]!;
    for (const m of metas) {
      expect(m["manager_run_info"]).toBe(first["manager_run_info"]);
      expect(m["record_prior_stages"]).toBe(first["record_prior_stages"]);
      expect(m["extra"]).toBe(first["extra"]);
      expect(m["odd"]).toBe(first["odd"]);
    }
    // The record name repeats within a record only; key order tells values apart.
    expect(metas[1]!["record_name"]).toBe(metas[2]!["record_name"]);
    expect(metas[1]!["order"]).not.toBe(metas[2]!["order"]);
    expect(metas[1]!["order"]).toBe(metas[3]!["order"]);
  });

  it("writes the run back byte for byte", async () => {
    const run = await read;
    const out = tempDir("shared-metadata-out");
    await writeRun(run, out);
    expect(readFileSync(path.join(out, "run.json"), "utf8")).toBe(serializeRunDocument(wire));
    const odd = run.artifacts[5]!.metadata!["odd"] as object;
    expect(Object.getPrototypeOf(odd)).toBe(Object.prototype);
    expect(Object.keys(odd)).toEqual(["__proto__", "-0"]);
  });
});
