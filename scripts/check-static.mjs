// `npm run check:static`: the static steps of `npm run check` (typecheck, lint, format:check) at the
// same time instead of one after another. Each is single-threaded and they share nothing, so on
// 2 cores they take about half the wall time (one after another they took ~54 s of CPU). Each
// step's output is printed whole when it ends, under its name, so the outputs never interleave;
// the exit code is the first failing step's (in the order above), 0 when all pass.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";

const STEPS = ["typecheck", "lint", "format:check"];
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** Runs `npm run <script>`; resolves to its exit code, its output and its wall time. */
function run(script) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ["run", "--silent", script], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => {
      process.stdout.write(`--- ${script}: could not start (${error.message})\n${output}`);
      resolve({ script, code: 1 });
    });
    child.on("close", (code, signal) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const outcome = code === 0 ? "ok" : `failed (${signal ?? `exit ${code}`})`;
      process.stdout.write(`--- ${script}: ${outcome} in ${seconds} s\n${output}`);
      resolve({ script, code: code ?? 1 });
    });
  });
}

const results = await Promise.all(STEPS.map(run));
const failed = results.find((r) => r.code !== 0);
process.exitCode = failed === undefined ? 0 : failed.code;
