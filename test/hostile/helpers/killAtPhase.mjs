// Runs curi-report (the built dist/, as bin/curi-report.js does) and kills itself with SIGKILL, so
// no cleanup of any kind runs, at a named point of the build: when the n-th phase called <phase>
// (src/util/phases.ts) starts or ends. With n = 0 it is never killed and prints, on stdout, how
// many times each phase started, so a test can choose points that exist.
//
//   node killAtPhase.mjs <phase> <n> <start|end> <curi-report arguments…>
import { main } from "../../../dist/src/cli/main.js";
import { withPhaseSink } from "../../../dist/src/util/phases.js";

const [phase, nth, when, ...args] = process.argv.slice(2);
const target = Number(nth);
const starts = {};
let seen = 0;

/** Counts `name`, and kills this process when it is the chosen one. */
function reached(name) {
  if (name === phase && ++seen === target) process.kill(process.pid, "SIGKILL");
}

const code = await withPhaseSink(
  (name) => {
    if (when === "end") reached(name);
  },
  () => main(args, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }),
  (name) => {
    starts[name] = (starts[name] ?? 0) + 1;
    if (when === "start") reached(name);
  },
);
if (target === 0) process.stdout.write(`${JSON.stringify(starts)}\n`);
process.exitCode = code;
