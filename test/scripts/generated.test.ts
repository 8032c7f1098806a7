/**
 * Every generated file of the source tree is what `npm run generate` writes from the schemas now:
 * a schema edited without regenerating fails here, naming the file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GENERATED_FILES } from "../../scripts/generate.js";
import { wireTypesSource } from "../../scripts/wireTypes.js";

describe("generated files", () => {
  for (const { file, source } of GENERATED_FILES) {
    it(`${file} is current (run \`npm run generate\` after editing a schema)`, () => {
      expect(readFileSync(path.resolve(file), "utf8") === source()).toBe(true);
    });
  }

  it("a field added to the schema appears in the generated wire types", () => {
    const schema = JSON.parse(readFileSync(path.resolve("schema/run.schema.json"), "utf8")) as {
      definitions: { runInfo: { properties: { [key: string]: unknown } } };
    };
    schema.definitions.runInfo.properties["gpu_name"] = { description: "The GPU used.", type: ["string", "null"] };
    const options = { rootName: "WireRun", prefix: "Wire", source: "x", enumValues: {} };
    const before = wireTypesSource(
      JSON.parse(readFileSync(path.resolve("schema/run.schema.json"), "utf8")) as { [key: string]: unknown },
      options,
    );
    const after = wireTypesSource(schema, options);
    expect(before).not.toContain("gpu_name");
    expect(after).toContain("  /** The GPU used. */\n  gpu_name?: string | null;");
  });

  it("refuses a schema construct it cannot express instead of writing a loose type", () => {
    const schema = {
      type: "object",
      properties: { a: { type: "object", properties: {} } },
      additionalProperties: false,
    };
    const bad = { ...schema, definitions: { x: { type: "tuple" } } };
    expect(() => wireTypesSource(bad, { rootName: "R", prefix: "W", source: "x", enumValues: {} })).toThrow(
      /unsupported type tuple/,
    );
  });
});
