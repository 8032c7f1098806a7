/**
 * One wording for every failed write of the site layer, so the user always learns the path and
 * what to do.
 */
import { OutputError } from "../util/errors.js";

/** Turns a file-system failure while writing `target` into an `OutputError` naming it. */
export function outputError(target: string, error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "unknown error";
  return new OutputError(
    `Cannot write ${target} (${code}); check that the output folder is writable and not blocked by a file of the same name, or choose another with --out.`,
    { cause: error },
  );
}
