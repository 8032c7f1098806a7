/**
 * Child process of the benchmark: builds one site the way the CLI does, with the build's phase
 * sink on, and prints one JSON line: milliseconds spent loading modules (`startup`, from process
 * start to the first line of this script's work), in each phase, and in all.
 *
 *   node dist/bench/phaseRun.js <run or runs folder> <out folder>
 */
import { performance } from "node:perf_hooks";

/** Phase timings of one build, in milliseconds. */
export interface PhaseTimings {
  readonly startup: number;
  readonly phases: { readonly [phase: string]: number };
  readonly total: number;
}

async function main(): Promise<void> {
  const [input, outDir] = process.argv.slice(2);
  if (input === undefined || outDir === undefined) throw new Error("usage: phaseRun.js <run folder> <out folder>");
  // Loading the library is part of the process's cost; measure it from process start (timeOrigin).
  const { buildSite } = await import("../src/site/buildSite.js");
  // As the build command does (src/cli/buildCommand.ts): Liftoff only, set when Graphviz loads.
  const { preferFastGraphvizStart } = await import("../src/render/graph/graphviz.js");
  preferFastGraphvizStart();
  const startup = performance.now();
  const phases: { [phase: string]: number } = {};
  const result = await buildSite(input, {
    outDir,
    onPhase: (phase, ms) => {
      phases[phase] = (phases[phase] ?? 0) + ms;
    },
  });
  if (result.failures.length > 0) throw new Error(`build failed: ${String(result.failures[0]?.error)}`);
  const timings: PhaseTimings = { startup, phases, total: performance.now() };
  process.stdout.write(`${JSON.stringify(timings)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
