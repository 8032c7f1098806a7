/**
 * `npm run bench`: curi-report's speed at every size, against the targets of issue 6 and the
 * curifactory figures of the report anatomy (§8). Generates synthetic runs through the record API
 * (curifactory's scale experiment: N records × 4 stages × 2 outputs, plus an aggregate with one
 * JSON and one line-plot reportable per record) and sites of many runs, all cached and untimed;
 * then times the CLI as a whole process (wall, CPU, peak memory; median of the runs): cold start
 * (`--help`, a one-record report) next to an empty `node -e 0`, each report size, each build
 * phase, the index of a big site, incremental builds, and native `dot` against Graphviz in
 * WebAssembly. Prints a table and, for a full run, writes BENCHMARKS.md.
 *
 *   npm run bench                 full sizes (N = 10, 200, 1000; sites of 1,000 and 10,000 runs)
 *   npm run bench -- --quick      smaller sizes while developing; BENCHMARKS.md is left alone
 *   npm run bench -- --no-write   full sizes without touching BENCHMARKS.md
 *
 * Then runs real curifactory (Python) experiments of 200 and 1,000 records (bench/pythonBench.ts).
 *   npm run bench -- --sweeps     only the sweep figures (N = 1,000, 10,000, 50,000 records)
 *   npm run bench -- --sweeps=1000,10000   only these sweep sizes
 * Past a quick run, the sweep analysis's figures at 1,000 and 10,000 records (bench/analysisPages.ts).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { analysisFigures } from "./analysisPages.js";
import { coldStartFigures, measureColdStart } from "./coldStart.js";
import { progress, type Sizes } from "./common.js";
import { describeMachine, loadNow } from "./machine.js";
import { compareDot, nativeDotVersion, reportGraphs, type DotComparison } from "./nativeDot.js";
import { formatText, writeBenchmarksFile, type BenchResults, type Figure, type PhaseRow } from "./results.js";
import { measureReports, phaseRows, reportFigures, type ReportMeasure } from "./reports.js";
import { runPythonBench } from "./pythonBench.js";
import { compareFigures } from "./compareBench.js";
import { resultsFigures } from "./resultsBench.js";
import { historyFigures } from "./historyBench.js";
import { measureSites, siteFigures } from "./siteBench.js";
import { packageRoot, snapshotPackage, SOURCE_ROOT } from "./snapshot.js";
import { measureSweeps, sweepFigures, SWEEP_SIZES } from "./sweeps.js";

/** Schema version the sweep runs are written in (2: failures carry their error and traceback). */
const SWEEP_SCHEMA = 2;

const FULL: Sizes = { reports: [10, 200, 1000], indexRuns: 10_000, siteRuns: 1000, repeats: 5, dot: [10, 200] };
const QUICK: Sizes = { reports: [10, 200], indexRuns: 1000, siteRuns: 200, repeats: 1, dot: [200] };

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const sweepsArg = args.find((a) => a === "--sweeps" || a.startsWith("--sweeps="));
  const sweepsOnly = sweepsArg !== undefined;
  const sweepSizes =
    sweepsArg?.startsWith("--sweeps=") === true
      ? sweepsArg.slice("--sweeps=".length).split(",").map(Number)
      : quick
        ? [SWEEP_SIZES[0]]
        : [...SWEEP_SIZES];
  const sizes = quick ? QUICK : FULL;
  const started = performance.now();
  const machine = describeMachine();
  const work = await mkdtemp(path.join(tmpdir(), "curi-report-bench-"));
  // curi-report's render caches (layouts, SVG, Markdown) for every process the bench starts: in
  // its own folder, empty at the start, so a figure never depends on what the user built before.
  process.env["XDG_CACHE_HOME"] = path.join(work, "cache");
  try {
    await snapshotPackage(work);
    const cold = sweepsOnly ? null : await measureColdStart(work);
    const reports = sweepsOnly ? [] : await measureReports(sizes, work);
    const sites = sweepsOnly ? null : await measureSites(sizes, work);
    const dot = sweepsOnly ? [] : await dotComparisons(sizes, reports);
    const sweeps = await measureSweeps(sweepSizes, work, SWEEP_SCHEMA);
    const figures: Figure[] = [
      ...(cold === null ? [] : coldStartFigures(cold)),
      ...reportFigures(reports, quick),
      ...(sites === null ? [] : siteFigures(sites, sizes, quick)),
      ...(sweepsOnly ? [] : resultsFigures()),
      ...(sweepsOnly ? [] : compareFigures()),
      ...(sweepsOnly ? [] : await historyFigures()),
      ...sweepFigures(sweeps),
      ...(quick ? [] : await analysisFigures(work, sweeps)),
    ];
    const phases: PhaseRow[] = phaseRows(reports);
    const results: BenchResults = {
      machine,
      loadAtEnd: loadNow(),
      quick,
      figures,
      phases,
      dot,
      dotVersion: nativeDotVersion(),
      elapsedS: (performance.now() - started) / 1000,
    };
    process.stdout.write(`${formatText(results)}\n`);
    if (!sweepsOnly) await runPythonBench(quick);
    if (!quick && !sweepsOnly && !args.includes("--no-write")) {
      await writeBenchmarksFile(path.join(SOURCE_ROOT, "BENCHMARKS.md"), results);
      progress("wrote BENCHMARKS.md");
    }
    const failed = figures.filter((f) => f.pass === false);
    if (failed.length > 0)
      progress(
        `${failed.length} target${failed.length === 1 ? "" : "s"} missed: ${failed.map((f) => f.name).join("; ")}`,
      );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Native dot against WebAssembly on the graphs of the reports just built (none without `dot`). */
async function dotComparisons(sizes: Sizes, reports: readonly ReportMeasure[]): Promise<DotComparison[]> {
  if (nativeDotVersion() === null) {
    progress("native dot is not installed: skipping the native comparison (apt-get install graphviz)");
    return [];
  }
  const benchDir = path.join(packageRoot(), "dist/bench");
  const out: DotComparison[] = [];
  for (const n of sizes.dot) {
    const report = reports.find((r) => r.n === n);
    if (report === undefined) continue;
    const graphs = await reportGraphs(report.reportDir);
    progress(`native dot vs WebAssembly on the graphs of N=${n}`);
    out.push(
      await compareDot(
        `N=${n}: ${graphs.records.length} record graphs (record_*.gv)`,
        graphs.records,
        benchDir,
        sizes.repeats,
      ),
    );
    out.push(await compareDot(`N=${n}: the whole map (full.gv)`, [graphs.full], benchDir, sizes.repeats));
  }
  return out;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
