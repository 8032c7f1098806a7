/**
 * `curi-report serve [dir]`: previews a site over HTTP on this machine until Ctrl+C.
 */
import { serveReports } from "../site/serve.js";
import { UsageError } from "../util/errors.js";
import type { ArgsOf } from "./commandSpec.js";
import type { SERVE } from "./commands.js";
import { displayPath, resolveArg, say, type CliIo } from "./io.js";

/** Runs `curi-report serve` with its parsed arguments; resolves to the exit code. */
export async function runServe({ values, positionals }: ArgsOf<typeof SERVE>, io: CliIo): Promise<number> {
  const dir = resolveArg(io, positionals[0] ?? "reports");
  const server = await serveReports(dir, { port: parsePort(values.port), host: values.host });
  say(io, `Serving ${displayPath(io, dir)} at ${server.url} (Ctrl+C to stop)`);
  await untilStopped(io);
  await server.close();
  return 0;
}

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
