/**
 * Cold start: what a user waits for before curi-report does anything, measured as whole
 * processes in the same run as an empty Node (`node -e 0`), so the figures read as "Node's own
 * start plus ours" whatever the machine and its load. `--help` must load only the CLI's entry
 * (not eta, the views or Graphviz); a one-record report (fixtures/runs/no-reportables, into a
 * fresh folder each time) shows what loading the modules and Graphviz costs a small build.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { progress } from "./common.js";
import { measureProcess, medianRun, type ProcessMeasure } from "./measure.js";
import { seconds, type Figure } from "./results.js";
import { packageRoot, SOURCE_ROOT } from "./snapshot.js";

/** Runs of each cold-start figure (they are short, so more than the other figures take). */
const COLD_REPEATS = 9;

/** The three processes, each the median of its runs. */
export interface ColdStart {
  readonly node: ProcessMeasure;
  readonly help: ProcessMeasure;
  readonly oneRecord: ProcessMeasure;
}

/** Measures empty Node, `curi-report --help` and a one-record report, interleaved run by run. */
export async function measureColdStart(work: string): Promise<ColdStart> {
  progress(`cold start: node -e 0, curi-report --help and a one-record report, ${COLD_REPEATS} runs each`);
  const bin = path.join(packageRoot(), "bin/curi-report.js");
  const run = path.join(SOURCE_ROOT, "fixtures/runs/no-reportables");
  const outDir = path.join(work, "cold-start");
  const nothing = async () => undefined;
  return {
    node: await medianRun(COLD_REPEATS, nothing, () => measureProcess(process.execPath, ["-e", "0"], work)),
    help: await medianRun(COLD_REPEATS, nothing, () => measureProcess(process.execPath, [bin, "--help"], work)),
    oneRecord: await medianRun(
      COLD_REPEATS,
      () => rm(outDir, { recursive: true, force: true }),
      () => measureProcess(process.execPath, [bin, run, "--out", outDir, "--quiet"], work),
    ),
  };
}

/** `123 ms (CPU 110 ms), +80 ms over node -e 0`. */
function coldText(m: ProcessMeasure, node: ProcessMeasure): string {
  const cpu = m.cpuMs === null ? "" : ` (CPU ${seconds(m.cpuMs)})`;
  return `${seconds(m.wallMs)}${cpu}, +${seconds(Math.max(0, m.wallMs - node.wallMs))} over node -e 0`;
}

/** The cold-start figures, each next to empty Node's. */
export function coldStartFigures(c: ColdStart): Figure[] {
  const cpu = c.node.cpuMs === null ? "" : ` (CPU ${seconds(c.node.cpuMs)})`;
  return [
    {
      name: "cold start: empty Node (`node -e 0`), for reference",
      target: "—",
      measured: `${seconds(c.node.wallMs)}${cpu}`,
      pass: null,
    },
    {
      name: "cold start: `curi-report --help`",
      target: "— (loads no eta, views or Graphviz)",
      measured: coldText(c.help, c.node),
      pass: null,
    },
    {
      name: "cold start: a one-record report (fixtures/runs/no-reportables), whole process",
      target: "—",
      measured: coldText(c.oneRecord, c.node),
      pass: null,
    },
  ];
}
