/**
 * Every JSON file the site publishes validates against its schema in schema/: the fixture runs
 * (fixtures/runs/*) are built into a site in a temp folder, and each run_info.json, results.json,
 * graphs/dag.json, analysis.json (the runs that are sweeps), curi-report.json, latest.json and the JSON inside each comparison data script
 * is checked with ajv compiling the schema files themselves (not the generated validators), and
 * carries its version field.
 */
import { readdirSync, readFileSync } from "node:fs";
import { cp, readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type * as AjvModule from "ajv";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../../src/site/buildSite.js";
import { tempDir } from "../../site/helpers/runs.js";

const SCHEMA_DIR = path.resolve("schema");
const { Ajv } = createRequire(import.meta.url)("ajv") as typeof AjvModule;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".schema.json")))
  ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), "utf8")) as object, file);

/** The schema of a published file by its path in the site, and its version field; undefined for other files. */
function schemaOf(rel: string): [string, string] | undefined {
  if (rel === "latest.json") return ["latest.schema.json", "latest_version"];
  if (rel === "history.json") return ["history.schema.json", "history_version"];
  if (/^[^/]+\/run_info\.json$/.test(rel)) return ["run-info.schema.json", "run_info_version"];
  if (/^[^/]+\/results\.json$/.test(rel)) return ["results.schema.json", "facts_version"];
  if (/^[^/]+\/graphs\/dag\.json$/.test(rel)) return ["dag.schema.json", "version"];
  if (/^[^/]+\/analysis\.json$/.test(rel)) return ["analysis.schema.json", "schema_version"];
  if (/^[^/]+\/curi-report\.json$/.test(rel)) return ["marker.schema.json", "format"];
  if (/^[^/]+\/compare-data\.js$/.test(rel)) return ["compare-data.schema.json", "version"];
  if (/^[^/]+\/compare-data-[0-9]+\.js$/.test(rel)) return ["compare-data-chunk.schema.json", "version"];
  if (/^[^/]+\/results\/[0-9]+\.js$/.test(rel)) return ["results-data.schema.json", "results_data_version"];
  return undefined;
}

/** The JSON a published file holds: the file itself, or the string inside a data script's `JSON.parse('…')`. */
function jsonOf(rel: string, text: string): unknown {
  if (!rel.endsWith(".js")) return JSON.parse(text);
  const match = /^[^\n]* = JSON\.parse\('((?:[^'\\]|\\.)*)'\);\n$/.exec(text);
  expect(match, `${rel} is a JSON.parse('…') data script`).not.toBeNull();
  // The quoted text is a JavaScript string literal; evaluate it as one through JSON.
  const literal = (match?.[1] ?? "").replace(/\\'/g, "'").replace(/"/g, '\\"');
  return JSON.parse(JSON.parse(`"${literal}"`) as string);
}

describe("published JSON formats", () => {
  it("every JSON file a site built from the fixture runs validates against its schema", async () => {
    const runsDir = path.join(await tempDir("curi-formats-"), "runs");
    await cp(path.resolve("fixtures/runs"), runsDir, { recursive: true });
    const outDir = path.join(path.dirname(runsDir), "site");
    const stateDir = path.join(path.dirname(runsDir), "cache");
    // Small comparison data files, so chunks are published (and checked) too.
    await buildSite(runsDir, { outDir, stateDir, compareDataMaxBytes: 3_000 });
    const seen = new Map<string, number>();
    for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const rel = path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
      const schema = schemaOf(rel);
      if (schema === undefined) {
        expect(rel.endsWith(".json"), `${rel} is a JSON file without a schema`).toBe(false);
        continue;
      }
      const doc = jsonOf(rel, await readFile(path.join(outDir, rel), "utf8")) as { [key: string]: unknown };
      const validate = ajv.getSchema(schema[0]);
      expect(validate?.(doc), `${rel}: ${ajv.errorsText(validate?.errors)}`).toBe(true);
      expect(typeof doc[schema[1]], `${rel} has its version field ${schema[1]}`).toBe("number");
      seen.set(schema[0], (seen.get(schema[0]) ?? 0) + 1);
    }
    const reports = readdirSync(runsDir).length;
    expect(Object.fromEntries(seen)).toMatchObject({
      "latest.schema.json": 1,
      "history.schema.json": 1,
      "run-info.schema.json": reports,
      "results.schema.json": reports,
      "dag.schema.json": reports,
      "marker.schema.json": reports,
      "compare-data.schema.json": reports,
    });
    expect(seen.get("compare-data-chunk.schema.json") ?? 0).toBeGreaterThan(0);
    // Runs with record metrics publish their results table as data pages.
    expect(seen.get("results-data.schema.json") ?? 0).toBeGreaterThan(0);
    // The fixture sweeps (iris: several args sets with metrics) publish their analysis.
    expect(seen.get("analysis.schema.json") ?? 0).toBeGreaterThan(0);
  });

  it("a file that breaks its schema is caught (the check can fail)", () => {
    expect(ajv.getSchema("results.schema.json")?.({ facts_version: 1 })).toBe(false);
    expect(
      ajv.getSchema("latest.schema.json")?.({
        reference: null,
        path: null,
        timestamp: null,
        facts: 3,
        latest_version: 1,
      }),
    ).toBe(false);
  });
});
