/**
 * Errors named by what the user can fix. Library code throws these; only the CLI turns them into
 * messages and exit codes (see `exitCode`). Every message names the file (and JSON pointer or output
 * path) and says what to do, in one sentence.
 */

/** One problem found in an input file, located by a JSON pointer (RFC 6901). */
export interface Diagnostic {
  /** The file the problem is in. */
  readonly file: string;
  /** JSON pointer into that file, `""` for the whole document. */
  readonly pointer: string;
  /** What is wrong, e.g. `expected array of integers`. */
  readonly message: string;
  /** Where that is in words the producer knows, e.g. `reportable "x_fit_scores" of record 3, stage "fit"`. */
  readonly context?: string;
}

/** Formats a diagnostic as `file#/pointer: message` and, when known, ` (in <context>)`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}#${d.pointer}: ${d.message}${d.context === undefined ? "" : ` (in ${d.context})`}`;
}

/** Base class of every error the user can act on. `exitCode` tells the CLI which code to use. */
export class CuriError extends Error {
  /** Process exit code the CLI uses for this kind of failure. */
  readonly exitCode: number = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The command line was wrong (unknown flag, missing argument). Exit 2. */
export class UsageError extends CuriError {
  override readonly exitCode = 2;
}

/** A run folder, runs folder or file named on the command line or in run.json does not exist. Exit 3. */
export class InputNotFoundError extends CuriError {
  override readonly exitCode = 3;
}

/** A run file is not valid JSON or breaks the schema; carries every problem at once. Exit 4. */
export class InvalidRunError extends CuriError {
  override readonly exitCode = 4;
  readonly diagnostics: readonly Diagnostic[];
  constructor(file: string, diagnostics: readonly Diagnostic[], options?: { cause?: unknown }) {
    const shown = diagnostics.slice(0, 20).map((d) => `  ${formatDiagnostic(d)}`);
    const more = diagnostics.length > 20 ? [`  … and ${diagnostics.length - 20} more`] : [];
    super(
      `${file} is not a valid run (${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"}); fix the fields below or re-export the run:\n${[...shown, ...more].join("\n")}`,
      options,
    );
    this.diagnostics = diagnostics;
  }
}

/** A JSON file curi-report publishes and reads back (results.json, latest.json, …) is too big, not JSON or fails its schema. Exit 4. */
export class InvalidFormatError extends CuriError {
  override readonly exitCode = 4;
}

/** run.json, or a file curi-report publishes, declares a version this build cannot read. Exit 4. */
export class UnsupportedVersionError extends CuriError {
  override readonly exitCode = 4;
}

/** A path from the input would leave the run folder, or an output path would leave the output folder. Exit 5. */
export class UnsafePathError extends CuriError {
  override readonly exitCode = 5;
}

/** The output folder cannot be written (permissions, a file in the way, disk full). Exit 6. */
export class OutputError extends CuriError {
  override readonly exitCode = 6;
}

/** A published site failed `curi-report check`. Exit 7. */
export class SiteCheckError extends CuriError {
  override readonly exitCode = 7;
}
