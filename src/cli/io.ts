/**
 * What the CLI talks to: output streams, the working directory and the environment, passed in by
 * `bin/curi-report.js` (or a test), so commands never reach for globals and can run in-process.
 */
import path from "node:path";

/** A stream the CLI prints to. */
export interface TextSink {
  write(chunk: string): unknown;
}

/** The CLI's world. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Directory relative paths on the command line are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Stops long-running commands (serve) when aborted; without it they stop on SIGINT/SIGTERM. */
  readonly signal?: AbortSignal;
  /** Show stack traces of errors (`--debug`). */
  readonly debug?: boolean;
}

/** Resolves a command-line path against the CLI's working directory. */
export function resolveArg(io: CliIo, arg: string): string {
  return path.resolve(io.cwd, arg);
}

/** A path as the user should see it: relative to the working directory when inside it. */
export function displayPath(io: CliIo, abs: string): string {
  const rel = path.relative(io.cwd, abs);
  if (rel === "") return ".";
  return rel.startsWith("..") || path.isAbsolute(rel) ? abs : rel.split(path.sep).join("/");
}

/** Prints one line to stdout. */
export function say(io: CliIo, line: string): void {
  io.stdout.write(`${line}\n`);
}

/** Prints one line to stderr. */
export function warn(io: CliIo, line: string): void {
  io.stderr.write(`${line}\n`);
}
