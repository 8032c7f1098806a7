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
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== "number") return reject(error);
        resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
  });
}

/** The environment the CLI runs with in tests: this process's, with colour off. */
export const TEST_ENV: Readonly<Record<string, string | undefined>> = { ...process.env, NO_COLOR: "1" };

/**
 * Runs a CLI `main` (src/'s, or dist/'s in the hostile tests) in this process with its output
 * captured; `env` defaults to TEST_ENV.
 */
export async function captureMain(
  run: typeof main,
  args: readonly string[],
  cwd: string,
  env = TEST_ENV,
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd,
    env,
  });
  return { code, stdout, stderr };
}

/**
 * Runs `curi-report …args` in this process through the CLI's own `main` (what `bin/curi-report.js`
 * calls), with output captured: the same exit code and messages as `runCli` without starting Node.
 * For tests whose subject is the build, not the process; keep a few `runCli` calls for the latter.
 */
export function runMain(args: readonly string[], cwd: string, env = TEST_ENV): Promise<CliResult> {
  return captureMain(main, args, cwd, env);
}
