// `npm run check:static`: the static steps of `npm run check` (typecheck, lint, format:check) at the
// same time instead of one after another. Each is single-threaded and they share nothing, so on
// 2 cores they take about half the wall time (one after another they took ~54 s of CPU). Each
// step's output is printed whole when it ends, under its name, so the outputs never interleave;
// the exit code is the first failing step's (in the order above), 0 when all pass.
//
// `--with-tests` (`npm run check:static-and-tests`, what `npm run check` runs) also runs the tests
// (`npm run test`) at the same time, their output streamed as it comes: vitest's own processes
// leave the 2 cores partly idle while its files wait on Chromium, processes and files, and the
// static steps' ~57 s of CPU, niced, fill that time instead of taking ~30 s of wall time of their
// own before the tests start (with Chromium counted, both cores are then busy to the end). Every step runs to its end; the exit code is the first failing one's (static steps
// first, then the tests).
import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import { performance } from "node:perf_hooks";

const STEPS = ["typecheck", "lint", "format:check"];
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const withTests = process.argv.includes("--with-tests");

/** Runs `npm run <script>`; resolves to its exit code, its output and its wall time. */
function run(script) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ["run", "--silent", script], { stdio: ["ignore", "pipe", "pipe"] });
    // Beside the tests, the static steps yield the CPU (nice 10, inherited by what npm starts):
    // they fill the time the tests leave idle instead of slowing their start-up.
    if (withTests && child.pid !== undefined) setPriority(child.pid, 10);
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

/** Runs `npm run test` with its output streamed; resolves to its exit code. */
function runTests() {
  return new Promise((resolve) => {
    const child = spawn(npm, ["run", "--silent", "test"], { stdio: "inherit" });
    child.on("error", (error) => {
      process.stdout.write(`--- test: could not start (${error.message})\n`);
      resolve({ script: "test", code: 1 });
    });
    child.on("close", (code) => resolve({ script: "test", code: code ?? 1 }));
  });
}

const results = await Promise.all([...STEPS.map(run), ...(withTests ? [runTests()] : [])]);
const failed = results.find((r) => r.code !== 0);
process.exitCode = failed === undefined ? 0 : failed.code;
