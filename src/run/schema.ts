/**
 * The JSON Schema of run.json (`schema/run.schema.json` at the package root), loaded at run time
 * so that the published schema and the one this code checks against are the same file.
 * Also describes schema nodes in plain words, for validation messages.
 *
 * Validation uses ajv's standalone code generated from the schema (`runValidators.generated.ts`,
 * written by `npm run generate`): compiling the schema with ajv at start-up cost
 * 0.2–0.9 s of every command. The generated code is used only while its digest matches the schema
 * file; otherwise (someone edited the schema and has not regenerated yet) ajv compiles it as before.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as AjvModule from "ajv";
import type { Ajv as AjvClass, ErrorObject, Options } from "ajv";
import { CuriError } from "../util/errors.js";
import * as generated from "./runValidators.generated.js";
import { RUN_ITEM_DEFINITIONS } from "./wire.generated.js";

/** A node of the schema: plain JSON as the file holds it. */
export type SchemaNode = { readonly [key: string]: unknown };

/** The key under which the schema is registered with ajv; sub-schemas are `run.schema.json#/definitions/…`. */
const SCHEMA_KEY = "run.schema.json";

// The source lives in src/run/ and the compiled file in dist/src/run/; schema/ is at the package root.
const CANDIDATES = ["../../schema/run.schema.json", "../../../schema/run.schema.json"];

let cachedSchema: SchemaNode | undefined;
let cachedSchemaText: string | undefined;
let cachedValidators: RunValidators | undefined;

/** Absolute path of `schema/run.schema.json`, found relative to this module in source and in dist. */
export function runSchemaPath(): string {
  for (const candidate of CANDIDATES) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new CuriError(
    `curi-report's schema/run.schema.json is missing (looked beside ${fileURLToPath(import.meta.url)}); reinstall curi-report.`,
  );
}

/** The text of the run schema file (read once per process). */
function runSchemaText(): string {
  cachedSchemaText ??= readFileSync(runSchemaPath(), "utf8");
  return cachedSchemaText;
}

/** The parsed run schema (read once per process). */
export function runSchema(): SchemaNode {
  cachedSchema ??= JSON.parse(runSchemaText()) as SchemaNode;
  return cachedSchema;
}

/** A validator: true when valid; otherwise `errors` holds every problem (ajv's `ValidateFunction` shape). */
export interface RunValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The big arrays of a run document, each validated element by element when run.json is streamed. */
export type ElementList = "args" | "records" | "artifacts" | "reportables";

/** Definition of the schema that each element of an `ElementList` must fit, generated from the schema's `properties`. */
export const ELEMENT_DEFINITIONS: Readonly<Record<ElementList, string>> = RUN_ITEM_DEFINITIONS;

/** Validators for the whole document, for `run_info` alone, and for one element of each big array. */
export interface RunValidators {
  readonly run: RunValidator;
  readonly runInfo: RunValidator;
  readonly elements: Readonly<Record<ElementList, RunValidator>>;
}

/** Standalone export names of the element validators. */
const ELEMENT_EXPORTS: Readonly<Record<ElementList, string>> = {
  args: "argsElement",
  records: "recordElement",
  artifacts: "artifactElement",
  reportables: "reportableElement",
};

/** The refs the standalone module exports: the document, run_info, and each element definition. */
function standaloneRefs(): { [name: string]: string } {
  const refs: { [name: string]: string } = { run: SCHEMA_KEY, runInfo: `${SCHEMA_KEY}#/definitions/runInfo` };
  for (const list of Object.keys(ELEMENT_EXPORTS) as ElementList[])
    refs[ELEMENT_EXPORTS[list]] = `${SCHEMA_KEY}#/definitions/${ELEMENT_DEFINITIONS[list]}`;
  return refs;
}

/** ajv's options: every error at once (`allErrors`), with the failing data and schema node (`verbose`). */
const AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true };

/** Digest of the schema text that the generated validators were made from. */
export function schemaDigest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The validators: the generated ones when they match the schema file, else compiled by ajv (once per process). */
export function runValidators(): RunValidators {
  if (cachedValidators) return cachedValidators;
  cachedValidators = generatedValidatorsAreCurrent()
    ? {
        run: generated.run,
        runInfo: generated.runInfo,
        elements: {
          args: generated.argsElement,
          records: generated.recordElement,
          artifacts: generated.artifactElement,
          reportables: generated.reportableElement,
        },
      }
    : compileValidators();
  return cachedValidators;
}

/** True when `runValidators.generated.ts` was generated from the schema file as it is now. */
export function generatedValidatorsAreCurrent(): boolean {
  return schemaDigest(runSchemaText()) === generated.SCHEMA_DIGEST;
}

/** ajv, loaded only when needed (it is CommonJS, so `require` loads it synchronously). */
function newAjv(extra: Options = {}): AjvClass {
  const { Ajv } = createRequire(import.meta.url)("ajv") as typeof AjvModule;
  return new Ajv({ ...AJV_OPTIONS, ...extra });
}

/** Compiles the schema with ajv: the slow path, for a schema edited since generation (exported for tests). */
export function compileValidators(): RunValidators {
  const ajv = newAjv();
  ajv.addSchema(runSchema() as object, SCHEMA_KEY);
  const refs = standaloneRefs();
  const get = (name: string): RunValidator => {
    const validator = ajv.getSchema(refs[name] as string);
    if (!validator)
      throw new CuriError(
        `curi-report's ${runSchemaPath()} lacks its ${refs[name] as string} definition; reinstall curi-report.`,
      );
    return validator;
  };
  return {
    run: get("run"),
    runInfo: get("runInfo"),
    elements: {
      args: get(ELEMENT_EXPORTS.args),
      records: get(ELEMENT_EXPORTS.records),
      artifacts: get(ELEMENT_EXPORTS.artifacts),
      reportables: get(ELEMENT_EXPORTS.reportables),
    },
  };
}

/** The source of `runValidators.generated.ts` for the current schema file (see scripts/generate.ts). */
export function generatedValidatorSource(): string {
  const ajv = newAjv({ code: { source: true, esm: true } });
  ajv.addSchema(runSchema() as object, SCHEMA_KEY);
  return standaloneModule(ajv, standaloneRefs(), [
    "// Generated by scripts/generate.ts (npm run generate) from schema/run.schema.json: do not edit. Regenerate after editing the schema.",
    `export const SCHEMA_DIGEST = ${JSON.stringify(schemaDigest(runSchemaText()))};`,
  ]);
}

/** A new ajv that emits standalone ESM code, with the options every validator of curi-report uses. */
export function newStandaloneAjv(): AjvClass {
  return newAjv({ code: { source: true, esm: true } });
}

/**
 * ajv's standalone ESM module exporting a validator per `refs` entry (export name → schema ref), after
 * `header` lines. Shared by the run format's and the published formats' generators.
 */
export function standaloneModule(ajv: AjvClass, refs: { [name: string]: string }, header: readonly string[]): string {
  const standalone = (
    createRequire(import.meta.url)("ajv/dist/standalone/index.js") as {
      default: (ajv: AjvClass, refs: { [name: string]: string }) => string;
    }
  ).default;
  const code = standalone(ajv, refs);
  // Even in ESM mode ajv refers to its runtime helpers (ucs2length for minLength) by `require`; inline
  // their source instead, so the module has no import whose CommonJS interop differs between loaders.
  const require = createRequire(import.meta.url);
  const helpers = [
    ...new Set([...code.matchAll(/require\("(ajv\/dist\/runtime\/[\w/]+)"\)/g)].map((m) => m[1] as string)),
  ];
  let body = code.replace(/^"use strict";/, "");
  const inlined = helpers.map((helper, i) => {
    body = body.split(`require("${helper}")`).join(`runtime${i}`);
    return `const runtime${i} = { default: ${String((require(helper) as { default: () => unknown }).default)} };`;
  });
  if (/\brequire\(/.test(body) || inlined.some((line) => /\brequire\(/.test(line)))
    throw new Error("ajv's standalone code needs a require this generator cannot inline");
  return ["// @ts-nocheck", "/* eslint-disable */", header[0] ?? "", ...inlined, ...header.slice(1), body, ""].join(
    "\n",
  );
}

/** Follows a local `$ref` (`#/definitions/x`) to its node; other nodes are returned as they are. */
export function derefSchema(node: SchemaNode): SchemaNode {
  const ref = node["$ref"];
  if (typeof ref !== "string" || !ref.startsWith("#/")) return node;
  let target: unknown = runSchema();
  for (const part of ref.slice(2).split("/")) target = asNode(target)?.[part];
  return asNode(target) ?? node;
}

/** The node as a schema object, or undefined when it is not an object. */
export function asNode(value: unknown): SchemaNode | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as SchemaNode) : undefined;
}

/**
 * Says in words what a schema node accepts: `array of integers`, `record object`,
 * `string or null`, `integer ≥ 0`. Bounds and enums are named only at the top (`depth` 0), and
 * items two levels deep at most, so descriptions stay short.
 */
export function describeSchema(input: SchemaNode, plural = false, depth = 0): string {
  const node = derefSchema(input);
  const title = typeof node["title"] === "string" ? node["title"] : undefined;
  const types = typeList(node["type"]);
  const choices = node["enum"];
  if (depth === 0 && Array.isArray(choices) && choices.length <= 8) {
    return choices.length === 1
      ? JSON.stringify(choices[0])
      : `one of ${choices.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  if (title && !types.includes("null")) return `${title}${types[0] === "object" ? " object" : ""}${plural ? "s" : ""}`;
  if (types.length === 0) return plural ? "values" : "any value";
  const words = types.map((t) => typeWord(node, t, plural, depth));
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]!}`;
}

function typeList(type: unknown): string[] {
  if (typeof type === "string") return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === "string") : [];
}

function typeWord(node: SchemaNode, type: string, plural: boolean, depth: number): string {
  const word = plural ? `${type}s` : type;
  if (type === "integer" || type === "number") return depth === 0 ? `${word}${bounds(node)}` : word;
  if (type !== "array") return word;
  const items = asNode(node["items"]);
  if (items && depth < 2) return `${word} of ${describeSchema(items, true, depth + 1)}`;
  const size = node["minItems"];
  return size !== undefined && size === node["maxItems"] ? `${word} of ${String(size)}` : word;
}

function bounds(node: SchemaNode): string {
  const min = node["minimum"];
  const max = node["maximum"];
  if (typeof min === "number" && typeof max === "number") return ` from ${min} to ${max}`;
  if (typeof min === "number") return ` ≥ ${min}`;
  if (typeof max === "number") return ` ≤ ${max}`;
  return "";
}
