/**
 * Reading a published JSON format back, the same way for every format: bound the text, parse,
 * check the version, validate against the format's compiled schema, then convert. Anything over
 * its bound, of another version or failing its schema is refused with an error naming the file,
 * what is wrong (a JSON pointer) and what to do, and is never trusted.
 */
import { formatDiagnostic, type Diagnostic } from "../../util/errors.js";
import { InvalidFormatError, UnsupportedVersionError } from "../../util/errors.js";

/** A compiled validator (ajv's standalone shape). */
export interface FormatValidator {
  (data: unknown): boolean;
  errors?: readonly { instancePath: string; message?: string }[] | null;
}

/** What the reader of one format needs to know. */
export interface FormatSpec {
  /** The file's name as people know it (`results.json`). */
  readonly name: string;
  /** Its schema in curi-report's `schema/` folder. */
  readonly schema: string;
  /** The field that holds the version. */
  readonly versionField: string;
  /** Versions this curi-report reads. */
  readonly versions: readonly number[];
  /** Version assumed for a file without a version field (written before formats had one), if any. */
  readonly unversioned?: number;
  /** Largest file accepted, in bytes (UTF-8). */
  readonly maxBytes: number;
  /** What to do when the file is refused, in a few words (`rebuild the site with this curi-report`). */
  readonly remedy: string;
  readonly validate: FormatValidator;
}

const isObject = (v: unknown): v is { [key: string]: unknown } =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The UTF-8 size of `text` when it is at most `max` bytes, else null (without encoding a huge text). */
function boundedSize(text: string, max: number): number | null {
  if (text.length > max) return null; // every UTF-16 unit is at least one byte
  const size = Buffer.byteLength(text, "utf8");
  return size > max ? null : size;
}

/**
 * The document of `text` (the contents of `file`) when it is a sound file of `spec`'s format, as
 * parsed JSON that passed the schema (with the version filled in for an unversioned file). Throws
 * `InvalidFormatError` (too big, not JSON, failing the schema) or `UnsupportedVersionError`.
 */
export function readFormatText(spec: FormatSpec, text: string, file: string): { [key: string]: unknown } {
  if (boundedSize(text, spec.maxBytes) === null)
    throw new InvalidFormatError(
      `${file} is over the ${spec.maxBytes}-byte bound of a ${spec.name}, so it was not read; ${spec.remedy}.`,
    );
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new InvalidFormatError(
      `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}); ${spec.remedy}.`,
      { cause: error },
    );
  }
  return checkFormatDocument(spec, doc, file);
}

/** `doc` (already parsed) checked as `readFormatText` checks it. */
export function checkFormatDocument(spec: FormatSpec, doc: unknown, file: string): { [key: string]: unknown } {
  if (!isObject(doc)) throw invalid(spec, file, [{ file, pointer: "", message: "expected a JSON object" }]);
  const version = doc[spec.versionField] ?? spec.unversioned;
  if (!spec.versions.includes(version as number)) {
    const said = version === undefined ? `no ${spec.versionField}` : `${spec.versionField} ${JSON.stringify(version)}`;
    throw new UnsupportedVersionError(
      `${file} is a ${spec.name} of ${said}, but this curi-report reads ${spec.versionField} ${spec.versions.join(", ")} only (schema/${spec.schema}); ${spec.remedy}, or use the curi-report version that wrote it.`,
    );
  }
  const versioned = spec.versionField in doc ? doc : { ...doc, [spec.versionField]: version };
  if (!spec.validate(versioned)) throw invalid(spec, file, diagnostics(spec, file));
  return versioned;
}

/** The validator's errors as diagnostics, first 20. */
function diagnostics(spec: FormatSpec, file: string): Diagnostic[] {
  return (spec.validate.errors ?? []).slice(0, 20).map((e) => ({
    file,
    pointer: e.instancePath,
    message: e.message ?? "does not fit the schema",
  }));
}

function invalid(spec: FormatSpec, file: string, found: readonly Diagnostic[]): InvalidFormatError {
  return new InvalidFormatError(
    `${file} does not fit schema/${spec.schema} (${found.map(formatDiagnostic).join("; ")}); ${spec.remedy}.`,
  );
}

export { recordOf } from "../../util/records.js";
