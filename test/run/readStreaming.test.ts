/**
 * Reading run.json as a stream (the path a sweep's run.json larger than one JavaScript string
 * takes), forced on small files: the same model as the fast path, and the same kinds of errors,
 * each naming the file and the JSON pointer of the problem.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH } from "../../src/run/depth.js";
import { readRun, readRunInfoOnly } from "../../src/run/read.js";
import type { WireRun } from "../../src/run/wire.js";
import { CuriError, InvalidRunError } from "../../src/util/errors.js";
import { baseWire, INVALID_DIR, tempDir, writeFolder } from "./helpers/runFolders.js";

const RUNS = fileURLToPath(new URL("../../fixtures/runs/", import.meta.url));

/** Invalid fixtures whose defect is in the JSON text itself: the stream locates those its own way (tested below). */
const SYNTAX = new Set(["empty-file", "not-json", "trailing-comma", "truncated-json"]);
const INVALID = readdirSync(INVALID_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !SYNTAX.has(d.name))
  .map((d) => d.name)
  .sort();

/** What reading `dir` throws (or the model, if it reads). */
function outcome(dir: string, streamAbove?: number): Promise<unknown> {
  return readRun(dir, streamAbove === undefined ? {} : { streamAbove }).catch((e: unknown) => e);
}

/** A valid run of `n` records (each with one output artifact) as the record runtime would write it. */
function sweepWire(n: number): WireRun {
  const wire = baseWire();
  const record = wire.records[0]!;
  wire.records = Array.from({ length: n }, (_, i) => ({
    ...record,
    index: i,
    name: `Record ${i}`,
    input_records: [],
    stages: ["fit"],
    stage_inputs: [[]],
    stage_outputs: [[i]],
    state_artifact_reps: {},
    stage_info: [{ duration_ms: 1, cached: false }],
  }));
  wire.artifacts = Array.from({ length: n }, (_, i) => ({
    record: i,
    name: "model",
    string: `model ${i}`,
    path: null,
    metadata: null,
  }));
  wire.reportables = [];
  return wire;
}

describe("readRun, streaming", () => {
  it.each(readdirSync(RUNS).sort())("reads fixture %s to the same model as the fast path", async (name) => {
    const dir = path.join(RUNS, name);
    expect(await readRun(dir, { streamAbove: 0 })).toEqual(await readRun(dir));
  });

  it.each(INVALID)("fails on invalid fixture %s exactly as the whole-document read does", async (name) => {
    const dir = path.join(INVALID_DIR, name);
    const whole = await outcome(dir);
    const streamed = await outcome(dir, 0);
    expect(whole).toBeInstanceOf(CuriError);
    expect(streamed).toBeInstanceOf((whole as CuriError).constructor);
    // Same message (every problem, its file, pointer, context and advice) and same diagnostics.
    expect((streamed as CuriError).message).toBe((whole as CuriError).message);
    if (whole instanceof InvalidRunError) expect((streamed as InvalidRunError).diagnostics).toEqual(whole.diagnostics);
  });

  it("reports a bad element deep in a long document with its pointer, and every other problem with it", async () => {
    const wire = sweepWire(3000) as unknown as {
      records: { stage_outputs: unknown[] }[];
      artifacts: { record: unknown }[];
      run_info: { hostname: unknown };
    };
    wire.records[2718]!.stage_outputs = [["x"]];
    wire.artifacts[2999]!.record = 3000;
    wire.run_info.hostname = 7;
    const dir = writeFolder(tempDir("stream-deep-element"), wire);
    const streamed = (await outcome(dir, 0)) as InvalidRunError;
    expect(streamed).toBeInstanceOf(InvalidRunError);
    const file = path.join(dir, "run.json");
    expect(streamed.diagnostics).toEqual([
      { file, pointer: "/run_info/hostname", message: "expected string, got 7" },
      { file, pointer: "/records/2718/stage_outputs/0/0", message: 'expected integer ≥ 0, got "x"' },
      {
        file,
        pointer: "/artifacts/2999/record",
        message: "record index 3000 is out of range: the run has 3000 records (valid indices are 0 to 2999)",
      },
    ]);
    expect(streamed.message).toContain(`${file}#/records/2718/stage_outputs/0/0: expected integer ≥ 0, got "x"`);
    expect(streamed.diagnostics).toEqual(((await outcome(dir)) as InvalidRunError).diagnostics);
  });

  it("counts a list given twice by its last occurrence, as JSON.parse does", async () => {
    const base = JSON.stringify(baseWire());
    // An invalid list first, then the valid one; and a list given again at the end, empty.
    const text = base.replace(/^\{/, '{"artifacts": [{"record": 99}, "junk"], ').replace(/\}$/, ', "reportables": []}');
    const dir = writeFolder(tempDir("stream-twice"), text);
    const whole = await readRun(dir);
    expect(whole.reportables).toEqual([]);
    expect(await readRun(dir, { streamAbove: 0 })).toEqual(whole);
  });

  it("reads a long document to the same model as the fast path", async () => {
    const dir = writeFolder(tempDir("stream-long"), sweepWire(3000));
    const streamed = await readRun(dir, { streamAbove: 0 });
    expect(streamed.records).toHaveLength(3000);
    expect(streamed).toEqual(await readRun(dir));
  });

  it("reads only the run info of a long document, whatever its records hold", async () => {
    const wire = sweepWire(3000) as unknown as { records: unknown[] };
    wire.records[1234] = "not a record";
    const dir = writeFolder(tempDir("stream-info"), wire);
    expect(await readRunInfoOnly(dir, { streamAbove: 0 })).toEqual(await readRunInfoOnly(dir));
    expect((await readRunInfoOnly(dir, { streamAbove: 0 })).experimentName).toBe("tiny");
  });

  it("accepts a byte-order mark", async () => {
    const dir = writeFolder(tempDir("stream-bom"), `\uFEFF${JSON.stringify(baseWire())}`);
    expect((await readRun(dir, { streamAbove: 0 })).info.experimentName).toBe("tiny");
  });

  it("points a syntax error at the value being read and its lines", async () => {
    const wire = baseWire() as unknown as { records: { name: string }[] };
    (wire.records[0] as { name: string }).name = "n".repeat(100_000);
    // Broken far into the file: the last record's stages end with `]]` where `]` belongs.
    const text = JSON.stringify(wire, null, 2).replace(/("stages": \[[^\]]*\])(?![\s\S]*"stages")/, "$1]");
    const dir = writeFolder(tempDir("stream-syntax"), text);
    const error = (await readRun(dir, { streamAbove: 0 }).catch((e: unknown) => e)) as InvalidRunError;
    expect(error).toBeInstanceOf(InvalidRunError);
    expect(error.diagnostics).toHaveLength(1);
    expect(error.diagnostics[0]?.pointer).toMatch(/^\/records\/0/);
    expect(error.diagnostics[0]?.message).toMatch(/^not valid JSON between lines \d+ and \d+: /);
  });

  it("says when the document ends early", async () => {
    const dir = writeFolder(tempDir("stream-short"), '{"schema_version": 1, "run_info": {');
    const error = (await readRun(dir, { streamAbove: 0 }).catch((e: unknown) => e)) as InvalidRunError;
    expect(error.diagnostics[0]?.message).toMatch(/^not valid JSON/);
  });

  it("stops at hostile nesting, with the pointer of the container that crosses the limit", async () => {
    const wire = baseWire() as unknown as { run_info: { notes: unknown } };
    const deep = `${"[".repeat(MAX_JSON_DEPTH + 50)}${"]".repeat(MAX_JSON_DEPTH + 50)}`;
    const text = JSON.stringify(wire).replace(/"notes":(null|"[^"]*")/, `"notes":${deep}`);
    const dir = writeFolder(tempDir("stream-deep"), text);
    const error = (await readRun(dir, { streamAbove: 0 }).catch((e: unknown) => e)) as InvalidRunError;
    expect(error).toBeInstanceOf(InvalidRunError);
    const pointer = `/run_info/notes${"/0".repeat(MAX_JSON_DEPTH - 2)}`;
    expect(error.diagnostics).toEqual([
      {
        file: path.join(dir, "run.json"),
        pointer,
        message: expect.stringMatching(/^nested more than 200 levels deep/),
      },
    ]);
    // The fast path finds the same place.
    const fast = (await readRun(dir).catch((e: unknown) => e)) as InvalidRunError;
    expect(fast.diagnostics.map((d) => d.pointer)).toEqual([pointer]);
  });
});
