/**
 * The generated (ajv standalone) validators: current with the schema, and reporting exactly what
 * ajv compiling the schema at run time reports, on valid and on every invalid fixture.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  compileValidators,
  generatedValidatorSource,
  generatedValidatorsAreCurrent,
  runValidators,
  type RunValidator,
} from "../../src/run/schema.js";

const GENERATED = path.resolve("src/run/runValidators.generated.ts");
const INVALID = path.resolve("fixtures/invalid");

/** Every invalid fixture's run.json that parses as JSON, by fixture name. */
function invalidDocuments(): [string, unknown][] {
  const docs: [string, unknown][] = [];
  for (const name of readdirSync(INVALID).sort()) {
    try {
      docs.push([name, JSON.parse(readFileSync(path.join(INVALID, name, "run.json"), "utf8"))]);
    } catch (error) {
      // Fixtures without a run.json, or with one that is not JSON, test the reader, not the schema.
      expect(error).toBeInstanceOf(Error);
    }
  }
  return docs;
}

/** What a validator says about `doc`: valid or not, and each error's location and rule. */
function verdict(validate: RunValidator, doc: unknown): unknown {
  const ok = validate(doc);
  return {
    ok,
    errors: (validate.errors ?? []).map((e) => ({
      at: e.instancePath,
      rule: e.schemaPath,
      params: e.params,
      data: e.data,
    })),
  };
}

describe("generated run validators", () => {
  it("match the schema file (regenerate with `npm run generate` after editing it)", () => {
    expect(generatedValidatorsAreCurrent()).toBe(true);
    expect(readFileSync(GENERATED, "utf8")).toBe(generatedValidatorSource());
  });

  it("are what runValidators uses", () => {
    expect(runValidators().run.name).toBe("validate10");
  });

  it("report exactly what ajv compiling the schema reports", () => {
    const docs = [
      ["iris", JSON.parse(readFileSync(path.resolve("fixtures/runs/iris/run.json"), "utf8"))] as [string, unknown],
      ...invalidDocuments(),
    ];
    expect(docs.length).toBeGreaterThan(10);
    const compiled = compileValidators();
    const generated = runValidators();
    for (const [name, doc] of docs) {
      expect(verdict(generated.run, doc), name).toEqual(verdict(compiled.run, doc));
      const info = (doc as { run_info?: unknown }).run_info;
      expect(verdict(generated.runInfo, info), name).toEqual(verdict(compiled.runInfo, info));
    }
    expect(verdict(generated.run, docs[0]?.[1])).toMatchObject({ ok: true });
    expect(docs.some(([, doc]) => !generated.run(doc))).toBe(true);
  });
});
