/**
 * Issue 18's figure: the time to add one run to a site whose history.json already holds 1,000
 * published runs (their reports pruned, as retention leaves a long-lived gh-pages branch), the
 * branch checkout excluded: the build of the new run, the merge of its entry into the history and
 * the index with every run's trends. In process, after one warm-up build into another site; the
 * median of a few builds, each into a fresh copy of the site.
 */
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { historyJsonText, type HistoryEntry } from "../src/render/formats/history.js";
import { buildSite } from "../src/site/buildSite.js";
import { progress } from "./common.js";
import { seconds, type Figure } from "./results.js";
import { SOURCE_ROOT } from "./snapshot.js";

const RUNS = 1000;
const REPEATS = 3;
const TARGET_MS = 1000;

/** Run `i` of the published history: one experiment, a run a day on main, three metrics. */
function entry(i: number): HistoryEntry {
  const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const reference = `iris_${i + 1}_${day}-T090000`;
  return {
    reference,
    folder: reference,
    report: null,
    experiment_name: "iris",
    run_number: i + 1,
    timestamp: `${day}-T090000`,
    status: i % 50 === 7 ? "error" : "complete",
    commit: (i * 2654435761).toString(16).padStart(40, "0").slice(0, 40),
    workdir_dirty: false,
    branch: i % 10 === 3 ? "feature" : "main",
    metrics: { best_accuracy: 0.8 + (i % 17) / 100, loss: 0.3 - (i % 13) / 100, time_s: 10 + (i % 7) },
    metric_goals: { best_accuracy: "max", loss: "min", time_s: "min" },
    best_records: [{ name: "baseline", metric: "loss", value: 0.2 + (i % 5) / 100 }],
    args_summary: { epochs: [String(10 + (i % 3))], seed: ["7"] },
    args_digest: null,
    failed_record_count: 0,
  };
}

/** Median milliseconds (wall and CPU) of adding one run to a copy of `site`. */
async function addOneRun(site: string, work: string): Promise<{ wall: number; cpu: number }> {
  const run = path.join(SOURCE_ROOT, "fixtures", "runs", "iris");
  const times: { wall: number; cpu: number }[] = [];
  for (let k = 0; k <= REPEATS; k++) {
    const outDir = path.join(work, `site-${k}`);
    await cp(site, outDir, { recursive: true });
    const cpu = process.cpuUsage();
    const t = performance.now();
    await buildSite([run], { outDir, history: { branch: "main", defaultBranch: "main" }, comparePrevious: false });
    const used = process.cpuUsage(cpu);
    // The first build loads the pipeline (templates, Graphviz): the warm-up, left out.
    if (k > 0) times.push({ wall: performance.now() - t, cpu: (used.user + used.system) / 1000 });
  }
  times.sort((a, b) => a.wall - b.wall);
  return times[Math.floor(times.length / 2)] as { wall: number; cpu: number };
}

/** The figure: one run added to a 1,000-run published history. */
export async function historyFigures(): Promise<Figure[]> {
  progress(`one run added to a published history of ${RUNS} runs`);
  const work = await mkdtemp(path.join(tmpdir(), "curi-history-bench-"));
  try {
    const site = path.join(work, "published");
    const runs = Array.from({ length: RUNS }, (_, i) => entry(i));
    await cp(path.join(SOURCE_ROOT, "fixtures", "runs", "failed"), path.join(work, "seed-run"), { recursive: true });
    await buildSite([path.join(work, "seed-run")], { outDir: site, comparePrevious: false });
    await writeFile(path.join(site, "history.json"), historyJsonText({ defaultBranch: "main", runs }).text);
    const { wall, cpu } = await addOneRun(site, work);
    return [
      {
        name: `add one run to a published history of ${RUNS} runs (build, history merge, index; checkout excluded)`,
        target: `≤ ${seconds(TARGET_MS)} CPU`,
        measured: `${seconds(cpu)} CPU (${seconds(wall)} wall)`,
        // CPU time: wall time on a machine shared with other work measures the other work too.
        pass: cpu <= TARGET_MS,
      },
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
