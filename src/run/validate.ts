/**
 * Validating a parsed run.json: the JSON Schema (via ajv, every error at once) translated into
 * plain messages with JSON pointers, then the cross-reference checks a schema cannot express.
 */
import type { ErrorObject } from "ajv";
import { UnsupportedVersionError } from "../util/errors.js";
import type { Diagnostic } from "../util/errors.js";
import { checkRunInfoSemantics, checkRunSemantics, escapePointer, isObject } from "./checks.js";
import { depthProblems } from "./depth.js";
import { asNode, describeSchema, runSchema, runValidators } from "./schema.js";
import type { SchemaNode } from "./schema.js";
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from "./version.js";

/**
 * Every problem of a run document, sorted by where it is (schema order, then array position).
 * Returns `[]` for a valid document. Throws `UnsupportedVersionError` when `schema_version` is an
 * integer this build does not read, since the rest of such a document may mean something else.
 */
export function validateRun(doc: unknown, file: string): Diagnostic[] {
  checkSchemaVersion(doc, file);
  // Checked first and alone: the schema check recurses, and would overflow on such a document.
  const tooDeep = depthProblems(doc, file);
  if (tooDeep.length > 0) return tooDeep;
  const validate = runValidators().run;
  const schemaProblems = validate(doc) ? [] : translateErrors(validate.errors ?? [], file);
  const semantic = isObject(doc) ? checkRunSemantics(doc, file) : [];
  return withReportableContext(sortDiagnostics([...schemaProblems, ...semantic]), doc);
}

/**
 * Names the reportable, its record and stage beside every problem inside `/reportables/<k>`: a
 * producer (the Python exporter, a script) knows its reportables by name, not by position.
 */
export function withReportableContext(diagnostics: readonly Diagnostic[], doc: unknown): Diagnostic[] {
  const reportables = isObject(doc) && Array.isArray(doc["reportables"]) ? (doc["reportables"] as unknown[]) : [];
  return diagnostics.map((d) => {
    const k = /^\/reportables\/(\d+)(?:\/|$)/.exec(d.pointer)?.[1];
    const context = k === undefined ? undefined : reportableContext(reportables[Number(k)], Number(k));
    return context === undefined ? d : { ...d, context };
  });
}

/** How a producer knows reportable `k` (wire form): its qualified name, record and stage; undefined when it is not an object. */
export function reportableContext(reportable: unknown, k: number): string | undefined {
  if (!isObject(reportable)) return undefined;
  const name =
    typeof reportable["qualified_name"] === "string"
      ? `reportable ${JSON.stringify(reportable["qualified_name"])}`
      : `reportable ${k}`;
  const record = typeof reportable["record"] === "number" ? ` of record ${reportable["record"]}` : "";
  const stage = typeof reportable["stage"] === "string" ? `, stage ${JSON.stringify(reportable["stage"])}` : "";
  return `${name}${record}${stage}`;
}

/**
 * Problems of a `run_info` block alone (pointers under `/run_info`), for cheap listings of many
 * runs. Also applies the version check of `validateRun`.
 */
export function validateRunInfo(doc: unknown, file: string): Diagnostic[] {
  checkSchemaVersion(doc, file);
  if (!isObject(doc))
    return [{ file, pointer: "", message: `expected run document object, got ${describeValue(doc)}` }];
  if (!("schema_version" in doc))
    return [{ file, pointer: "/schema_version", message: "required field is missing (expected integer)" }];
  if (!("run_info" in doc))
    return [{ file, pointer: "/run_info", message: "required field is missing (expected run info object)" }];
  const tooDeep = depthProblems(doc["run_info"], file).map((d) => ({ ...d, pointer: `/run_info${d.pointer}` }));
  if (tooDeep.length > 0) return tooDeep;
  const validate = runValidators().runInfo;
  const schemaProblems = validate(doc["run_info"]) ? [] : translateErrors(validate.errors ?? [], file, "/run_info");
  return sortDiagnostics([...schemaProblems, ...checkRunInfoSemantics(doc["run_info"], file)]);
}

/** Throws `UnsupportedVersionError` for an integer `schema_version` not in `SCHEMA_VERSIONS`; other shapes are left to the schema. */
export function checkSchemaVersion(doc: unknown, file: string): void {
  if (!isObject(doc)) return;
  const version = doc["schema_version"];
  if (typeof version !== "number" || !Number.isInteger(version) || SCHEMA_VERSIONS.includes(version)) return;
  const supported = `schema_version ${SCHEMA_VERSIONS.join(", ")}`;
  const advice =
    version > CURRENT_SCHEMA_VERSION
      ? "upgrade curi-report (npm install curi-report@latest) to read it"
      : "upgrade curi-report or re-export the run with a current curifactory exporter";
  throw new UnsupportedVersionError(
    `${file} has schema_version ${version}, but this curi-report reads ${supported} only; ${advice}.`,
  );
}

/** Translates ajv errors into plain diagnostics, dropping the noise of `if`/`then` and repeated type errors. */
export function translateErrors(errors: readonly ErrorObject[], file: string, prefix = ""): Diagnostic[] {
  const kept = dropNoise(errors);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of kept) {
    const { pointer, message } = translateError(error);
    const key = `${prefix}${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file, pointer: `${prefix}${pointer}`, message });
  }
  return out;
}

/** Keeps one type error per location (the most specific, i.e. titled, schema) and nothing else there. */
function dropNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const typeErrors = new Map<string, ErrorObject>();
  for (const error of errors) {
    if (error.keyword !== "type") continue;
    const current = typeErrors.get(error.instancePath);
    if (!current || (!hasTitle(current) && hasTitle(error))) typeErrors.set(error.instancePath, error);
  }
  return errors.filter((error) => {
    if (error.keyword === "if") return false;
    const typeError = typeErrors.get(error.instancePath);
    return typeError === undefined || typeError === error;
  });
}

function hasTitle(error: ErrorObject): boolean {
  return typeof error.parentSchema?.["title"] === "string";
}

function translateError(error: ErrorObject): { pointer: string; message: string } {
  const at = error.instancePath;
  const schema: SchemaNode = error.parentSchema ?? {};
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required": {
      const name = String(params["missingProperty"]);
      const property = asNode(asNode(schema["properties"])?.[name]);
      const expected = property ? ` (expected ${describeSchema(property)})` : "";
      return { pointer: `${at}/${escapePointer(name)}`, message: `required field is missing${expected}` };
    }
    case "additionalProperties": {
      const name = String(params["additionalProperty"]);
      return {
        pointer: `${at}/${escapePointer(name)}`,
        message: unknownFieldMessage(name, Object.keys(asNode(schema["properties"]) ?? {})),
      };
    }
    case "type":
    case "minimum":
    case "maximum":
      return {
        pointer: at,
        message: `expected ${describeSchema(schema)}, got ${describeValue(error.data)}${missingInputHint(at, error)}`,
      };
    case "enum":
    case "const": {
      const allowed = (params["allowedValues"] as unknown[] | undefined) ?? [params["allowedValue"]];
      return {
        pointer: at,
        message: `expected ${allowed.length === 1 ? "" : "one of "}${allowed.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(error.data)}`,
      };
    }
    case "minItems":
    case "maxItems": {
      const count = Array.isArray(error.data) ? error.data.length : 0;
      return { pointer: at, message: `expected ${describeSchema(schema)}, got ${count} item${count === 1 ? "" : "s"}` };
    }
    case "minLength":
      return {
        pointer: at,
        message:
          params["limit"] === 1 ? "must not be empty" : `expected at least ${String(params["limit"])} characters`,
      };
    case "pattern": {
      const example = Array.isArray(schema["examples"])
        ? ` like ${JSON.stringify(schema["examples"][0])}`
        : ` matching ${String(params["pattern"])}`;
      return { pointer: at, message: `expected a value${example}, got ${describeValue(error.data)}` };
    }
    default:
      return { pointer: at, message: error.message ?? `fails the schema's ${error.keyword} rule` };
  }
}

/** -1 marks a missing input, which only `stage_inputs` may record. */
function missingInputHint(pointer: string, error: ErrorObject): string {
  if (error.keyword !== "minimum" || error.data !== -1) return "";
  return /\/(stage_outputs|state_artifact_reps)\//.test(pointer)
    ? " (-1 marks a missing input and is allowed only in stage_inputs)"
    : "";
}

function unknownFieldMessage(name: string, allowed: readonly string[]): string {
  const near = allowed.find(
    (candidate) => editDistance(candidate, name) <= Math.max(1, Math.floor(candidate.length / 4)),
  );
  if (near) return `unknown field "${name}"; did you mean "${near}"?`;
  return allowed.length > 0
    ? `unknown field "${name}"; allowed fields: ${allowed.join(", ")}`
    : `unknown field "${name}"`;
}

/** Levenshtein distance, for "did you mean" on misspelt field names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Short words for a JSON value in a message: `"abc"`, `3`, `null`, `array`, `object`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "array";
  if (isObject(value)) return "object";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/**
 * Orders diagnostics by location: field names in the schema's order (the order of the file),
 * array positions numerically, a containing location before what it contains. Stable otherwise.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rank = fieldRank();
  const compareToken = (a: string, b: string): number => {
    const na = /^\d+$/.test(a) ? Number(a) : undefined;
    const nb = /^\d+$/.test(b) ? Number(b) : undefined;
    if (na !== undefined && nb !== undefined) return na - nb;
    if (na !== undefined || nb !== undefined) return na !== undefined ? -1 : 1;
    const ra = rank.get(a) ?? Number.MAX_SAFE_INTEGER;
    const rb = rank.get(b) ?? Number.MAX_SAFE_INTEGER;
    return ra !== rb ? ra - rb : a < b ? -1 : a > b ? 1 : 0;
  };
  return [...diagnostics].sort((x, y) => {
    const a = x.pointer.split("/");
    const b = y.pointer.split("/");
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const order = compareToken(a[i]!, b[i]!);
      if (order !== 0) return order;
    }
    return a.length - b.length;
  });
}

let cachedRank: Map<string, number> | undefined;

/** Position of every field name in the schema, in order of first appearance. */
function fieldRank(): Map<string, number> {
  if (cachedRank) return cachedRank;
  const rank = new Map<string, number>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    const obj = asNode(node);
    if (!obj) return;
    for (const name of Object.keys(asNode(obj["properties"]) ?? {})) if (!rank.has(name)) rank.set(name, rank.size);
    for (const child of Object.values(obj)) if (typeof child === "object") visit(child);
  };
  visit(runSchema());
  cachedRank = rank;
  return rank;
}
