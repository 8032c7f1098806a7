/**
 * The cost of issue 10's views, in process (median of a few renders, after one warm-up): the
 * results table of a run of 1,000 records (the report page's section plus its `results/<p>.html`
 * pages) and the index of 1,000 runs with metrics, trends and comparison links, against the same
 * index without metrics. Models are built directly: what is timed is render, not reading.
 */
import { RunContext } from "../src/render/context.js";
import { renderIndex, type IndexEntry } from "../src/render/views/indexPage.js";
import { indexEntryFromRunInfo } from "../src/render/formats/runInfo.js";
import { renderResultsSection } from "../src/render/views/resultsPages.js";
import type { Run, RunRecord } from "../src/run/model.js";
import { progress } from "./common.js";
import { seconds, type Figure } from "./results.js";

/** Sizes of issue 10's figures. */
const RECORDS = 1000;
const RUNS = 1000;
const REPEATS = 5;

/** Median milliseconds of `fn` over REPEATS runs, after one warm-up. */
function medianMs(fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)] as number;
}

/** A run of `n` records, each with three args, a scalar metric, a latency and a 20-step loss series. */
export function sweep(n: number): Run {
  const records: RunRecord[] = [];
  const args = [];
  for (let i = 0; i < n; i++) {
    const hash = `h${i}`;
    args.push({
      name: `m${i}`,
      hash,
      values: { name: `m${i}`, lr: 0.001 * (i + 1), depth: i % 7, seed: 1 },
      ignored: [],
      reprs: {},
    });
    const loss = Array.from({ length: 20 }, (_, step) => ({ step, value: 1 / (step + 1) + (i % 13) / 100 }));
    records.push({
      index: i,
      name: `Record ${i} (m${i})`,
      argsHash: hash,
      argsName: `m${i}`,
      isAggregate: false,
      comboHash: null,
      inputRecords: [],
      stages: ["train"],
      stageInputs: [[]],
      stageOutputs: [[]],
      stateArtifactReps: {},
      storedPaths: [],
      inManager: true,
      metrics: { accuracy: ((i * 7919) % 1000) / 1000, latency_ms: 10 + (i % 17), loss },
    });
  }
  const info = {
    reference: "bench_1_2026-11-30-T120000",
    experimentName: "bench",
    runNumber: 1,
    timestamp: "2026-11-30-T120000",
    commit: "c",
    workdirDirty: false,
    paramFiles: null,
    params: {},
    fullStore: false,
    status: "complete" as const,
    cli: "",
    hostname: "h",
    notes: null,
  };
  return {
    schemaVersion: 2,
    dir: "/nonexistent",
    info,
    args,
    records,
    artifacts: [],
    reportables: [],
    log: null,
    metrics: { mean_accuracy: 0.5 },
    metricGoals: {},
  };
}

/** Index entries of `n` runs of 7 experiments, with run-level metrics and args summaries when `metrics`. */
function entries(n: number, metrics: boolean): IndexEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const ref = `exp${i % 7}_${i + 1}_2026-01-01-T${String(100000 + i).slice(-6)}`;
    const extra = metrics
      ? {
          metrics: { accuracy: ((i * 31) % 100) / 100, wall_s: 100 + (i % 50) },
          metric_goals: { wall_s: "min" },
          args_summary: { lr: [String(0.01 * (1 + (i % 5)))], seed: ["1"] },
        }
      : {};
    return indexEntryFromRunInfo(
      {
        reference: ref,
        experiment_name: `exp${i % 7}`,
        run_number: i + 1,
        timestamp: `2026-01-01-T${String(100000 + i).slice(-6)}`,
        commit: "c",
        workdir_dirty: false,
        param_files: null,
        params: {},
        full_store: false,
        status: "complete",
        cli: "",
        hostname: "h",
        notes: null,
        ...extra,
      },
      ref,
    );
  });
}

/** The results table and trends figures (for reference: no targets were set for them). */
export function resultsFigures(): Figure[] {
  progress(`results table of ${RECORDS} records, and the index of ${RUNS} runs with trends`);
  const run = sweep(RECORDS);
  const table = medianMs(() => renderResultsSection(new RunContext(run), [], { version: "bench" }));
  const pages = renderResultsSection(new RunContext(run), [], { version: "bench" }).files;
  const biggest = Math.max(...pages.map((p) => Buffer.byteLength(String(p.content))));
  const withMetrics = entries(RUNS, true);
  const plain = entries(RUNS, false);
  const trends = medianMs(() => renderIndex(withMetrics, [], { version: "bench" }));
  const without = medianMs(() => renderIndex(plain, [], { version: "bench" }));
  const indexBytes = Buffer.byteLength(String(renderIndex(withMetrics, [], { version: "bench" })[0]?.content));
  return [
    {
      name: `results table, ${RECORDS} records (${pages.length} pages, largest ${Math.round(biggest / 1024)} KiB)`,
      target: "—",
      measured: seconds(table),
      pass: null,
    },
    {
      name: `index with trends, ${RUNS} runs (${Math.round(indexBytes / 1024)} KiB)`,
      target: "—",
      measured: seconds(trends),
      pass: null,
    },
    {
      name: `index without metrics, ${RUNS} runs (trends' cost is the difference)`,
      target: "—",
      measured: seconds(without),
      pass: null,
    },
  ];
}
