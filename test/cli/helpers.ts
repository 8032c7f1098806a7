/**
 * Runs the real CLI (`bin/curi-report.js`, on the dist/ built by globalSetup) as a user would, or
 * its `main` in this process.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";

/** Absolute path of the launcher. */
export const BIN = fileURLToPath(new URL("../../bin/curi-report.js", import.meta.url));

/** What one CLI invocation did. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `curi-report …args` in `cwd` and resolves with its exit code and output. */
export function runCli(args: readonly string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") return reject(error);
      resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
    });
  });
}

/**
 * Runs `curi-report …args` in this process through the CLI's own `main` (what `bin/curi-report.js`
 * calls), with output captured: the same exit code and messages as `runCli` without starting Node.
 * For tests whose subject is the build, not the process; keep a few `runCli` calls for the latter.
 */
export async function runMain(args: readonly string[], cwd: string): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd,
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code, stdout, stderr };
}
