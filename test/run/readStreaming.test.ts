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
import { readRun } from "../../src/run/read.js";
import { InvalidRunError } from "../../src/util/errors.js";
import { baseWire, tempDir, writeFolder } from "./helpers/runFolders.js";

const RUNS = fileURLToPath(new URL("../../fixtures/runs/", import.meta.url));

describe("readRun, streaming", () => {
  it.each(readdirSync(RUNS).sort())("reads fixture %s to the same model as the fast path", async (name) => {
    const dir = path.join(RUNS, name);
    expect(await readRun(dir, { streamAbove: 0 })).toEqual(await readRun(dir));
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
    expect(error.diagnostics).toEqual([{ file: path.join(dir, "run.json"), pointer, message: expect.stringMatching(/^nested more than 200 levels deep/) }]);
    // The fast path finds the same place.
    const fast = (await readRun(dir).catch((e: unknown) => e)) as InvalidRunError;
    expect(fast.diagnostics.map((d) => d.pointer)).toEqual([pointer]);
  });
});
