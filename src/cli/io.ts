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

/** `--config` resolved against the working directory, or undefined when not given. */
export function configArg(io: CliIo, arg: string | undefined): string | undefined {
  return arg === undefined ? undefined : resolveArg(io, arg);
}

/** A path as the user should see it: relative to the working directory when inside it. */
export function displayPath(io: CliIo, abs: string): string {
  const rel = path.relative(io.cwd, abs);
  if (rel === "") return ".";
  return rel.startsWith("..") || path.isAbsolute(rel) ? abs : rel.split(path.sep).join("/");
}

// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL_CHARS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/**
 * Makes a message safe to print to a terminal: every control character (C0 but the newline that
 * separates the message's own lines, DEL, and C1 U+0080–U+009F, which terminals read as escape
 * sequences such as CSI U+009B) is shown as `\uXXXX`, so text from a run, a path or an error can
 * never move the cursor, recolour, retitle the window or hide the lines before it.
 */
export function terminalText(text: string): string {
  return text.replace(TERMINAL_CONTROL_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Prints one line to stdout. Every message the CLI prints goes through here or `warn`. */
export function say(io: CliIo, line: string): void {
  io.stdout.write(`${terminalText(line)}\n`);
}

/** Prints one line to stderr, escaped like `say`. */
export function warn(io: CliIo, line: string): void {
  io.stderr.write(`${terminalText(line)}\n`);
}
