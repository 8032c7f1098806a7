/**
 * How the bundled CLI starts (bin/curi-report.js calls `launch`): `--help` and `--version` from the
 * ES-module bundle (its entry and command table only, as before), every other command from one
 * script, `main-script.js`, compiled with V8's code cache. Node 20 keeps no code cache for ES
 * modules (`module.enableCompileCache` is Node 22), and compiling the ~2 MB a small report loads
 * was the largest part of its start-up; with the cache, V8 reads the compiled code back instead.
 *
 * The cache and how it is checked: src/cli/codeCache.ts.
 *
 * This module imports only what Node has loaded before any module runs: the code cache's code
 * (src/cli/codeCache.ts, with node:crypto and node:vm) loads only for the commands that use it.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CliIo } from "./io.js";
import type { main as Main } from "./main.js";

/** The CLI as one script, beside this module in the bundle folder (scripts/bundle-cli.mjs writes it). */
export const SCRIPT_FILE = "main-script.js";

/** Runs the CLI with `argv`; resolves to the exit code. */
export async function launch(argv: readonly string[], io: CliIo): Promise<number> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const script = path.join(here, SCRIPT_FILE);
  if (printsOnly(argv) || !existsSync(script)) {
    const { main } = (await import(pathToFileURL(path.join(here, "main.js")).href)) as { main: typeof Main };
    return main(argv, io);
  }
  const { runScript } = await import("./codeCache.js");
  return runScript(script, argv, io);
}

/** True when `argv` asks only for help or the version: the ES-module entry prints those without the rest. */
function printsOnly(argv: readonly string[]): boolean {
  const first = argv[0];
  return (
    first === undefined ||
    ["--help", "-h", "--version", "-V", "help"].includes(first) ||
    argv.includes("--help") ||
    argv.includes("-h")
  );
}
