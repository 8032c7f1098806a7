/**
 * Cold start: what a user waits for before curi-report does anything, measured as whole
 * processes in the same run as an empty Node (`node -e 0`), so the figures read as "Node's own
 * start plus ours" whatever the machine and its load. `--help` must load only the CLI's entry
 * (not eta, the views or Graphviz); a one-record report (fixtures/runs/no-reportables, into a
 * fresh folder each time) shows what loading the modules costs a small build. The small-run floor
 * of issue 22: a 3-record, 1-reportable report (fixtures/runs/iris) with curi-report's render
 * caches warm (a rerun of the same pipeline shape: no Graphviz, no Markdown or SVG library loaded,
 * and the CLI compiled from V8's code cache, src/cli/launch.ts) must use at most 4× the CPU of
 * `node -e 0`; the same with the caches empty (the code cache too) is printed beside it.
 * The caches live in the bench's own folder (`XDG_CACHE_HOME`), never the user's.
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
  /** fixtures/runs/iris with the render caches warm. */
  readonly smallWarm: ProcessMeasure;
  /** fixtures/runs/iris with the render caches empty. */
  readonly smallCold: ProcessMeasure;
}

/** Most CPU a small run's report may take, in multiples of `node -e 0`'s (issue 22). */
const SMALL_RUN_FLOOR = 4;

/** Measures empty Node, `curi-report --help` and a one-record report, interleaved run by run. */
export async function measureColdStart(work: string): Promise<ColdStart> {
  progress(`cold start: node -e 0, curi-report --help and a one-record report, ${COLD_REPEATS} runs each`);
  const bin = path.join(packageRoot(), "bin/curi-report.js");
  const run = path.join(SOURCE_ROOT, "fixtures/runs/no-reportables");
  const outDir = path.join(work, "cold-start");
  const nothing = async () => undefined;
  const small = path.join(SOURCE_ROOT, "fixtures/runs/iris");
  const cache = { XDG_CACHE_HOME: path.join(work, "cold-start-cache") };
  const smallBuild = () => measureProcess(process.execPath, [bin, small, "--out", outDir, "--quiet"], work, cache);
  const fresh = () => rm(outDir, { recursive: true, force: true });
  return {
    node: await medianRun(COLD_REPEATS, nothing, () => measureProcess(process.execPath, ["-e", "0"], work)),
    help: await medianRun(COLD_REPEATS, nothing, () => measureProcess(process.execPath, [bin, "--help"], work)),
    oneRecord: await medianRun(
      COLD_REPEATS,
      () => rm(outDir, { recursive: true, force: true }),
      () => measureProcess(process.execPath, [bin, run, "--out", outDir, "--quiet"], work),
    ),
    smallCold: await medianRun(
      COLD_REPEATS,
      async () => {
        await fresh();
        await rm(cache.XDG_CACHE_HOME, { recursive: true, force: true });
      },
      smallBuild,
    ),
    // The last cold run left the caches filled.
    smallWarm: await medianRun(COLD_REPEATS, fresh, smallBuild),
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
    smallFigure(c.smallWarm, c.node, "render caches warm (a rerun of the same pipeline shape)", true),
    smallFigure(c.smallCold, c.node, "render caches empty (a pipeline shape's first build)", false),
  ];
}

/** The small-run floor: CPU against `node -e 0`'s, judged only for the warm figure. */
function smallFigure(m: ProcessMeasure, node: ProcessMeasure, when: string, judged: boolean): Figure {
  const ratio = m.cpuMs === null || node.cpuMs === null ? null : m.cpuMs / node.cpuMs;
  const times = ratio === null ? "" : `, ${ratio.toFixed(1)}× the CPU of node -e 0`;
  return {
    name: `small run: a 3-record, 1-reportable report (fixtures/runs/iris), ${when}`,
    target: judged ? `CPU ≤ ${SMALL_RUN_FLOOR}× node -e 0's` : "—",
    measured: `${coldText(m, node)}${times}`,
    pass: judged && ratio !== null ? ratio <= SMALL_RUN_FLOOR : null,
  };
}
