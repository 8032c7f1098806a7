/**
 * Every folder of fixtures/invalid holds one defect: reading it must fail with the expected error
 * class, at exactly the expected JSON pointers, with a message a user can act on.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRun } from "../../src/run/read.js";
import { validateRun } from "../../src/run/validate.js";
import { CuriError, InvalidRunError } from "../../src/util/errors.js";
import { baseWire, INVALID_DIR } from "./helpers/runFolders.js";

interface Expected {
  error: "InvalidRunError" | "UnsupportedVersionError" | "UnsafePathError" | "InputNotFoundError";
  pointers: string[];
  message_includes: string[];
}

const cases = readdirSync(INVALID_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Pointers an error names: its diagnostics, or the `run.json#pointer:` lines of its message. */
function pointersOf(error: CuriError): string[] {
  if (error instanceof InvalidRunError) return error.diagnostics.map((d) => d.pointer);
  return [...error.message.matchAll(/run\.json#([^:\s]*): /g)].map((m) => m[1]!);
}

describe("fixtures/invalid", () => {
  it("has at least 15 cases, none starting with _ or .", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(cases.filter((name) => /^[_.]/.test(name))).toEqual([]);
  });

  it("is based on a valid BASE.json", () => {
    expect(validateRun(baseWire(), "BASE.json")).toEqual([]);
  });

  it.each(cases)("%s fails as expected", async (name) => {
    const dir = path.join(INVALID_DIR, name);
    const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected;
    const error = await readRun(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, `${name} was read without error`).toBeInstanceOf(CuriError);
    const curi = error as CuriError;
    expect(curi.name).toBe(expected.error);
    expect([...pointersOf(curi)].sort()).toEqual([...expected.pointers].sort());
    for (const text of expected.message_includes) expect(curi.message).toContain(text);
    // Every message names the file the user has to open.
    expect(curi.message).toContain(path.join(dir, "run.json"));
  });
});
