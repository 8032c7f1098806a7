/**
 * Writes `src/run/runValidators.generated.ts`: ajv's standalone code for `schema/run.schema.json`,
 * so that curi-report does not compile the schema at start-up (ajv's compile took 0.2–0.9 s of
 * every command). The module carries the schema's digest; `runValidators()` uses it only while the
 * digest matches the schema file, and a test fails when it is stale. Run after editing the schema:
 *
 *   npm run build && node dist/scripts/generate-validator.js
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generatedValidatorSource } from "../src/run/schema.js";

/** Path of the generated module in the source tree. */
export const GENERATED_FILE = fileURLToPath(new URL("../../src/run/runValidators.generated.ts", import.meta.url));

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFile(GENERATED_FILE, generatedValidatorSource(), "utf8").then(
    () => console.log(path.relative(process.cwd(), GENERATED_FILE)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
