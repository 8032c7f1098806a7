/**
 * The cost of the sweep analysis (issue 19), in process: `analyseSweep`, the section's view with
 * every chart, and the published JSON, on sweeps of 1,000 and 10,000 records with five args (a
 * log-scaled lr, wd, batch, a categorical optimizer, a continuous dropout), a seed, and three
 * metrics; median of a few runs after a warm-up. Also the bytes of each kind of chart. Models are
 * built directly: what is timed is the analysis, not reading run.json.
 *
 *   npm run build && node dist/bench/analysisBench.js
 */
import { pathToFileURL } from "node:url";
import { analyseSweep } from "../src/render/analysis/analyse.js";
import { analysisJson } from "../src/render/formats/analysis.js";
import { mulberry32 } from "../src/render/analysis/random.js";
import { buildAnalysisView } from "../src/render/analysis/views.js";
import type { ArgsSet, Run, RunRecord } from "../src/run/model.js";

const REPEATS = 3;
const OPTIMIZERS = ["adam", "sgd", "lion"];

/** A sweep of `n` records: args {lr, wd, batch, optimizer, dropout, seed}, metrics accuracy, loss, latency_ms. */
export function analysisSweep(n: number): Run {
  const random = mulberry32(19);
  const args: ArgsSet[] = [];
  const records: RunRecord[] = [];
  for (let i = 0; i < n; i++) {
    const lr = 10 ** (-5 + (i % 10) * 0.5);
    const wd = [0, 1e-4, 3e-4, 1e-3, 3e-3][Math.floor(i / 10) % 5] as number;
    const batch = [16, 32, 64, 128][Math.floor(i / 50) % 4] as number;
    const optimizer = OPTIMIZERS[Math.floor(i / 200) % 3] as string;
    const dropout = [0, 0.1, 0.2, 0.3, 0.5][Math.floor(i / 600) % 5] as number;
    const seed = Math.floor(i / 3000);
    const accuracy =
      0.9 -
      0.05 * Math.abs(Math.log10(lr) + 2.5) -
      10 * wd +
      (optimizer === "sgd" ? -0.02 : 0) +
      0.01 * (random() - 0.5);
    const hash = `h${i}`;
    args.push({
      name: `m${i}`,
      hash,
      values: { name: `m${i}`, lr, wd, batch, optimizer, dropout, seed },
      ignored: [],
      reprs: {},
    });
    records.push({
      index: i,
      name: `m${i}`,
      argsHash: hash,
      argsName: `m${i}`,
      isAggregate: false,
      comboHash: null,
      inputRecords: [],
      stages: [],
      stageInputs: [],
      stageOutputs: [],
      stateArtifactReps: {},
      storedPaths: [],
      inManager: true,
      metrics: { accuracy, loss: 1 - accuracy + 0.01 * random(), latency_ms: batch * (1 + dropout) + 5 * random() },
    });
  }
  return {
    schemaVersion: 2,
    dir: "/nonexistent",
    info: {
      reference: "bench_1",
      experimentName: "bench",
      runNumber: 1,
      timestamp: "2026-01-01-T000000",
      commit: "0".repeat(40),
      workdirDirty: false,
      paramFiles: null,
      params: {},
      fullStore: false,
      status: "complete",
      cli: "",
      hostname: "bench",
      notes: null,
    },
    args,
    records,
    artifacts: [],
    reportables: [],
    log: null,
    metrics: {},
    metricGoals: {},
  };
}

/** Median wall-clock and CPU milliseconds of `fn` over REPEATS runs, after one warm-up, and its last result. CPU time is the figure to read on a shared machine, where wall time waits for other processes. */
function medianMs<T>(fn: () => T): { ms: number; cpuMs: number; result: T } {
  let result = fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    result = fn();
    walls.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(REPEATS / 2)] as number;
  return { ms: median(walls), cpuMs: median(cpus), result };
}

/** One size's figures. */
export interface AnalysisFigures {
  readonly records: number;
  readonly analyseMs: number;
  readonly analyseCpuMs: number;
  readonly viewMs: number;
  readonly viewCpuMs: number;
  readonly jsonMs: number;
  /** Bytes of the whole view (every chart and text) and of the JSON. */
  readonly viewBytes: number;
  readonly jsonBytes: number;
  /** Largest chart of each kind, in bytes. */
  readonly sliceBytes: number;
  readonly parallelBytes: number;
  readonly heatmapBytes: number;
  readonly charts: number;
}

/** Measures the analysis of an `n`-record sweep. */
export function measureAnalysis(n: number): AnalysisFigures {
  const run = analysisSweep(n);
  const analysed = medianMs(() => analyseSweep(run));
  const analysis = analysed.result;
  if (analysis === null) throw new Error("the bench sweep has no analysis");
  const link = (i: number) => ({ href: `records/${i}.html`, label: `record ${i}` });
  const viewed = medianMs(() => buildAnalysisView(analysis, link));
  const json = medianMs(() => analysisJson(analysis));
  const view = viewed.result;
  const slices = view.metrics.flatMap((m) => m.slices);
  const heatmaps = view.metrics.flatMap((m) => (m.heatmap === null ? [] : [m.heatmap]));
  return {
    records: n,
    analyseMs: analysed.ms,
    analyseCpuMs: analysed.cpuMs,
    viewMs: viewed.ms,
    viewCpuMs: viewed.cpuMs,
    jsonMs: json.ms,
    viewBytes: Buffer.byteLength(JSON.stringify(view)),
    jsonBytes: Buffer.byteLength(json.result),
    sliceBytes: Math.max(...slices.map((s) => Buffer.byteLength(s))),
    parallelBytes: Buffer.byteLength(view.parallel),
    heatmapBytes: Math.max(0, ...heatmaps.map((h) => Buffer.byteLength(h))),
    charts: slices.length + heatmaps.length + 1,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const n of [1_000, 10_000]) {
    const f = measureAnalysis(n);
    const kb = (b: number): string => `${(b / 1024).toFixed(1)} KiB`;
    console.log(
      `${n} records: analyse ${f.analyseMs.toFixed(0)} ms (CPU ${f.analyseCpuMs.toFixed(0)} ms), view with ${f.charts} charts ` +
        `${f.viewMs.toFixed(0)} ms (CPU ${f.viewCpuMs.toFixed(0)} ms, ${(f.viewCpuMs / f.charts).toFixed(1)} ms a chart), JSON ${f.jsonMs.toFixed(1)} ms; view ${kb(f.viewBytes)}, ` +
        `JSON ${kb(f.jsonBytes)}; largest slice ${kb(f.sliceBytes)}, parallel ${kb(f.parallelBytes)}, heat map ${kb(f.heatmapBytes)}`,
    );
  }
}
