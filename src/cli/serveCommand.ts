/**
 * `curi-report serve [dir]`: previews a site over HTTP on this machine until Ctrl+C.
 */
import { serveReports } from "../site/serve.js";
import { UsageError } from "../util/errors.js";
import { parseCommandArgs, stringOption } from "./args.js";
import type { Command } from "./command.js";
import { displayPath, resolveArg, say, type CliIo } from "./io.js";

const HELP = `Usage: curi-report serve [dir] [--port <n>] [--host <address>]

Serve a site folder over HTTP for a preview, with correct content types (UTF-8 pages), until
Ctrl+C. Reports also open straight from disk; serving is only needed to check a site as a
static host would show it. Nothing outside the folder is ever served.

Arguments:
  [dir]             the site folder (default: reports)

Options:
  --port <n>        port to listen on; 0 picks a free one (default: 8080)
  --host <address>  interface to listen on (default: 127.0.0.1, this machine only)
  --debug           show stack traces of errors (default: off)
  -h, --help        show this help

Examples:
  curi-report serve
  curi-report serve public --port 9000`;

const OPTIONS = { port: { type: "string" }, host: { type: "string" } } as const;

/** The serve command. */
export const serveCommand: Command = {
  name: "serve",
  summary: "preview a site over HTTP on this machine",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs("serve", args, OPTIONS, 1);
    const dir = resolveArg(io, parsed.positionals[0] ?? "reports");
    const port = parsePort(stringOption(parsed, "port", "8080"));
    const server = await serveReports(dir, { port, host: stringOption(parsed, "host", "127.0.0.1") });
    say(io, `Serving ${displayPath(io, dir)} at ${server.url} (Ctrl+C to stop)`);
    await untilStopped(io);
    await server.close();
    return 0;
  },
};

/** A port number 0–65535, or a UsageError. */
function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UsageError(
      `--port must be a number from 0 to 65535, not ${JSON.stringify(text)}; see \`curi-report serve --help\`.`,
    );
  return port;
}

/** Resolves when `io.signal` aborts or, without one, on SIGINT or SIGTERM. */
function untilStopped(io: CliIo): Promise<void> {
  const signal = io.signal;
  if (signal !== undefined) {
    return new Promise((resolve) =>
      signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true }),
    );
  }
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
