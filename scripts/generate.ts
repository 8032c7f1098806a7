/**
 * `npm run generate`: writes every generated file of the source tree from its schema. A test
 * (test/scripts/generated.test.ts) fails when any of them is stale.
 *
 * - src/run/wire.generated.ts: the run format's wire types and enums, from schema/run.schema.json;
 * - src/run/runValidators.generated.ts: ajv's standalone validators of run.json;
 * - src/render/formats/formatValidators.generated.ts: validators of every published JSON format.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generatedValidatorSource, runSchemaPath } from "../src/run/schema.js";
import { formatValidatorsSource } from "./formatValidators.js";
import { wireTypesSource } from "./wireTypes.js";

/** The repository root (this file is scripts/ in the source tree and dist/scripts/ when built). */
function repoRoot(): string {
  return path.dirname(path.dirname(runSchemaPath()));
}

/** The run format's wire types. */
export function runWireTypesSource(): string {
  const schema = JSON.parse(readFileSync(runSchemaPath(), "utf8")) as { [key: string]: unknown };
  return wireTypesSource(schema, {
    rootName: "WireRun",
    prefix: "Wire",
    source: "schema/run.schema.json",
    enumValues: {
      "properties/schema_version": "SCHEMA_VERSIONS",
      "definitions/runStatus": "RUN_STATUSES",
      "definitions/reportableKind": "REPORTABLE_KINDS",
      "definitions/columnType": "COLUMN_TYPES",
      "definitions/imageFormat": "IMAGE_FORMATS",
      "definitions/metricGoal": "METRIC_GOALS",
    },
    itemDefinitions: "RUN_ITEM_DEFINITIONS",
  });
}

/** Every generated file: its path from the repository root and a function giving its source now. */
export const GENERATED_FILES: readonly { readonly file: string; readonly source: () => string }[] = [
  { file: "src/run/wire.generated.ts", source: runWireTypesSource },
  { file: "src/run/runValidators.generated.ts", source: generatedValidatorSource },
  { file: "src/render/formats/formatValidators.generated.ts", source: formatValidatorsSource },
];

/** Writes every generated file; returns their paths. */
export function generateAll(root: string = repoRoot()): string[] {
  return GENERATED_FILES.map(({ file, source }) => {
    writeFileSync(path.join(root, file), source(), "utf8");
    return file;
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    for (const file of generateAll()) console.log(file);
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
}
