/**
 * How the CLI shows errors: a CuriError's one-sentence message and its exit code; anything else
 * is a bug, shown as such with exit 1. Stack traces only with `--debug`.
 */
import { CuriError } from "../util/errors.js";
import { warn, type CliIo } from "./io.js";

/** The message to show for an error (CuriErrors are written for the user; others get a bug note). */
export function describeError(error: unknown, debug = false): string {
  if (error instanceof CuriError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const next = debug
    ? "please report it with the stack trace below"
    : "rerun with --debug for the stack trace and report it";
  return `unexpected error: ${message}\nThis is a bug in curi-report; ${next}.`;
}

/** Exit code for an error: the CuriError's own, else 1. */
export function exitCodeOf(error: unknown): number {
  return error instanceof CuriError ? error.exitCode : 1;
}

/**
 * Prints an error to stderr (with its stack and causes under `--debug`) and returns its exit
 * code. `context` (e.g. the run folder) goes before the message.
 */
export function reportError(io: CliIo, error: unknown, context?: string): number {
  warn(io, `curi-report: ${context === undefined ? "" : `${context}: `}${describeError(error, io.debug === true)}`);
  if (io.debug === true) {
    for (let e: unknown = error; e !== undefined; e = e instanceof Error ? e.cause : undefined) {
      warn(io, e instanceof Error ? (e.stack ?? String(e)) : String(e));
    }
  }
  return exitCodeOf(error);
}
