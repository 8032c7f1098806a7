/**
 * The shape of one CLI command. Each command lives in its own file with a `run()` of a few lines
 * that calls the library; `commands.ts` lists them all.
 */
import type { CliIo } from "./io.js";

/** One `curi-report <name>` command. */
export interface Command {
  /** The word on the command line. */
  readonly name: string;
  /** One line for the global help. */
  readonly summary: string;
  /** Full help: usage, options with their defaults, examples. Printed by `<name> --help`. */
  readonly help: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
