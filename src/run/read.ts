/**
 * Reading run folders: resolve the argument (a run folder, its run.json, or `runs/latest`), parse
 * run.json with a located syntax error, validate everything at once, then convert to the model
 * with every named file confined to the run folder. A run.json past `STREAM_ABOVE_BYTES` is read
 * as a stream (jsonStream.ts), validated and converted element by element (streamRun.ts): a
 * sweep's run.json can be larger than one JavaScript string.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { InputNotFoundError, InvalidRunError } from "../util/errors.js";
import { runInfoFromWire, wireToModel } from "./convert.js";
import { parseJsonFileStreaming } from "./jsonStream.js";
import { parseRunJson } from "./jsonSyntax.js";
import { resolveRunDir } from "./latest.js";
import type { Run, RunInfo } from "./model.js";
import { readRunStreaming } from "./streamRun.js";
import { validateRun, validateRunInfo } from "./validate.js";
import { RUN_FILE } from "./version.js";
import type { WireRun, WireRunInfo } from "./wire.js";

/**
 * Files up to this size are read whole and parsed by `JSON.parse` (about 20 times faster than a
 * streaming parser); bigger ones are streamed. V8's longest string is 512 MiB, so 256 MiB leaves
 * room for the UTF-16 text of a file of mostly non-ASCII characters.
 */
export const STREAM_ABOVE_BYTES = 256 * 1024 * 1024;

/** Options of `readRun`. */
export interface ReadRunOptions {
  /** Stream run.json when it is larger than this many bytes (default `STREAM_ABOVE_BYTES`; 0 streams always). */
  readonly streamAbove?: number;
}

/**
 * Reads and validates the run in `dir` (a run folder, its run.json, or a `latest` marker).
 * Throws `InputNotFoundError` without a run.json, `InvalidRunError` with every problem,
 * `UnsupportedVersionError` for an unknown schema_version, `UnsafePathError` for a named file
 * leaving the run folder.
 */
export async function readRun(dir: string, options: ReadRunOptions = {}): Promise<Run> {
  const streamAbove = options.streamAbove ?? STREAM_ABOVE_BYTES;
  const { runDir, file, size } = await locateRunFile(dir);
  if (size > streamAbove) return readRunStreaming(file, runDir);
  const doc = await readWhole(file);
  const diagnostics = validateRun(doc, file);
  if (diagnostics.length > 0) throw new InvalidRunError(file, diagnostics);
  return wireToModel(doc as WireRun, runDir);
}

/**
 * Reads only the run info of the run in `dir`, validating nothing else: enough for an index of
 * many runs, and tolerant of problems elsewhere in the document. Same errors as `readRun`.
 */
export async function readRunInfoOnly(dir: string, options: ReadRunOptions = {}): Promise<RunInfo> {
  const { file, size } = await locateRunFile(dir);
  // A streamed document's big arrays are dropped as they pass: only run_info is wanted.
  const doc =
    size > (options.streamAbove ?? STREAM_ABOVE_BYTES)
      ? await parseJsonFileStreaming(file, { elementLists: SKIPPED, onElement: () => undefined })
      : await readWhole(file);
  const diagnostics = validateRunInfo(doc, file);
  if (diagnostics.length > 0) throw new InvalidRunError(file, diagnostics);
  return runInfoFromWire((doc as { run_info: WireRunInfo }).run_info);
}

/** The big arrays a run-info-only read drops. */
const SKIPPED: ReadonlySet<string> = new Set(["args", "records", "artifacts", "reportables"]);

/** Resolves `dir` to its run folder and run.json, with the file's size. */
async function locateRunFile(dir: string): Promise<{ runDir: string; file: string; size: number }> {
  const runDir = await resolveRunDir(dir);
  const file = path.join(runDir, RUN_FILE);
  const size = await stat(file).then(
    (s) => (s.isFile() ? s.size : -1),
    (error: unknown) => {
      throw missingRunFile(file, error);
    },
  );
  return { runDir, file, size };
}

/** Reads and parses a run.json small enough for one string (not yet validated). */
async function readWhole(file: string): Promise<unknown> {
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    throw missingRunFile(file, error);
  });
  return parseRunJson(text, file);
}

function missingRunFile(file: string, error: unknown): InputNotFoundError {
  const code = (error as NodeJS.ErrnoException).code;
  const shape = `a run folder holds ${RUN_FILE} (plus reportables/ and log.txt when the run made them)`;
  const problem =
    code === "ENOENT" || code === "ENOTDIR"
      ? "does not exist"
      : code === "EISDIR"
        ? "is a folder, not a file"
        : `cannot be read (${code ?? (error as Error).message})`;
  return new InputNotFoundError(`${file} ${problem}; ${shape}: pass such a folder, or runs/latest.`, { cause: error });
}
