/**
 * readRun and readRunInfoOnly as a user meets them: helpful errors for a folder without run.json,
 * for broken JSON (line and column), and a cheap read of run info that ignores the rest.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findJsonSyntaxProblem, lineColumn, parseRunJson } from "../../src/run/jsonSyntax.js";
import { readRun, readRunInfoOnly } from "../../src/run/read.js";
import { InputNotFoundError, InvalidRunError, UnsupportedVersionError } from "../../src/util/errors.js";
import { baseWire, tempDir, writeFolder } from "./helpers/runFolders.js";

describe("readRun", () => {
  it("reads the model of a valid run", async () => {
    const dir = writeFolder(tempDir("read"), baseWire());
    const run = await readRun(dir);
    expect(run.dir).toBe(dir);
    expect(run.info.reference).toBe("tiny_1_2026-11-26-T233842");
    expect(run.info.params).toEqual({ tiny: [["base", "9f1c2e"]] });
    expect(run.records[1]?.stageInputs).toEqual([[1, -1]]);
    expect(run.reportables.map((r) => r.kind)).toEqual(["html", "table", "lineplot", "json"]);
    expect(run.log).toBeNull();
  });

  it("explains what a run folder is when run.json is missing", async () => {
    const dir = tempDir("empty");
    const error = await readRun(dir).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(InputNotFoundError);
    expect((error as Error).message).toBe(
      `${path.join(dir, "run.json")} does not exist; a run folder holds run.json (plus reportables/ and log.txt when the run made them): pass such a folder, or runs/latest.`,
    );
  });

  it("says when run.json is a folder", async () => {
    const dir = tempDir("dir-run-json");
    mkdirSync(path.join(dir, "run.json"));
    await expect(readRun(dir)).rejects.toThrow(/run\.json is a folder, not a file/);
  });

  it("points at the line and column of a JSON syntax error", async () => {
    const dir = writeFolder(tempDir("syntax"), '{\n  "schema_version": 1,\n  "run_info": { "reference": "x" ]\n}\n');
    const error = (await readRun(dir).catch((e: unknown) => e)) as InvalidRunError;
    expect(error).toBeInstanceOf(InvalidRunError);
    expect(error.diagnostics).toEqual([
      {
        file: path.join(dir, "run.json"),
        pointer: "",
        message: `not valid JSON at line 3, column 34: expected ',' or '}' after a property value, found "]"`,
      },
    ]);
  });

  it("accepts a byte-order mark", async () => {
    const dir = writeFolder(tempDir("bom"), `\uFEFF${JSON.stringify(baseWire())}`);
    expect((await readRun(dir)).info.experimentName).toBe("tiny");
  });
});

describe("readRunInfoOnly", () => {
  it("reads run info and ignores problems elsewhere", async () => {
    const doc = baseWire() as unknown as Record<string, unknown>;
    doc["records"] = [{ broken: true }];
    const dir = writeFolder(tempDir("info"), doc);
    await expect(readRun(dir)).rejects.toThrow(InvalidRunError);
    const info = await readRunInfoOnly(dir);
    expect(info).toMatchObject({
      reference: "tiny_1_2026-11-26-T233842",
      experimentName: "tiny",
      runNumber: 1,
      status: "complete",
      paramFiles: ["tiny"],
    });
  });

  it("still refuses a broken run_info, an unknown version and a missing run.json", async () => {
    const doc = baseWire();
    (doc.run_info as unknown as Record<string, unknown>)["status"] = "finished";
    await expect(readRunInfoOnly(writeFolder(tempDir("info-bad"), doc))).rejects.toThrow(
      /#\/run_info\/status: expected one of "complete", "incomplete", "error", "LIVE", got "finished"/,
    );
    await expect(readRunInfoOnly(writeFolder(tempDir("info-v"), { ...baseWire(), schema_version: 3 }))).rejects.toThrow(
      UnsupportedVersionError,
    );
    await expect(readRunInfoOnly(tempDir("info-none"))).rejects.toThrow(InputNotFoundError);
  });
});

describe("JSON syntax errors", () => {
  const valid = ["{}", "[]", " 0 ", "-0.5e+10", '"\\u00e9\\n"', '{"a":[1,{"b":null}],"c":true}', "[[[]]]", '"\u00e9"'];
  const invalid: [string, number][] = [
    ["", 0],
    ["{", 1],
    ["{,}", 1],
    ['{"a" 1}', 5],
    ['{"a":1,}', 7],
    ["[1,]", 3],
    ["[1 2]", 3],
    ["01", 1],
    ["-", 0],
    ['"abc', 4],
    ['"a\\x"', 2],
    ['"\\u12g4"', 1],
    ['"tab\there"', 4],
    ["{} {}", 3],
    ["tru", 0],
    ["NaN", 0],
  ];

  it("agrees with JSON.parse on what is valid", () => {
    for (const text of valid) expect(findJsonSyntaxProblem(text), text).toBeUndefined();
  });

  it.each(invalid)("finds the first bad character of %j at offset %i", (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxProblem(text)?.offset).toBe(offset);
  });

  it("copes with hostile nesting without overflowing the stack", () => {
    const deep = `${"[".repeat(200_000)}${"]".repeat(199_999)}`;
    expect(findJsonSyntaxProblem(deep)?.message).toMatch(/end of the file \(is it truncated\?\)/);
  });

  it("counts lines across \\n, \\r\\n and \\r", () => {
    expect(lineColumn("a\nb\r\nc\rd", 7)).toEqual({ line: 4, column: 1 });
    expect(() => parseRunJson("{\r\n  x\r\n}", "f.json")).toThrow(/line 2, column 3/);
  });
});
