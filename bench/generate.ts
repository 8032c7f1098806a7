/**
 * Synthetic runs for the benchmark, made through the record API in the shape of curifactory's
 * scale experiment (anatomy §8): N args sets, each `s1 → s2 → s3 → s4` with two outputs a stage,
 * then one aggregate reporting one JSON and one line plot per record. Generation is not timed and
 * is cached in a temp folder, keyed by the generator's version and the size.
 */
import { createHash } from "node:crypto";
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  aggregate,
  ArtifactManager,
  JsonCacher,
  JsonReportable,
  LinePlotReportable,
  Record,
  stage,
  type ArtifactManagerOptions,
} from "../src/record/index.js";

/** Bump when the generated runs change shape, so stale caches are not reused. */
export const GENERATOR_VERSION = 4;

/** Root of every cached bench input (survives between bench runs, removable at any time). */
export const CACHE_ROOT = path.join(tmpdir(), "curi-report-bench-cache");

/** Everything that would otherwise vary between bench runs: clock, host, git, command line. */
function stableOptions(root: string): ArtifactManagerOptions {
  let tick = Date.UTC(2026, 0, 15, 9, 30, 0);
  return {
    root,
    cachePath: "data/cache",
    runsPath: "runs",
    clock: () => new Date((tick += 250)),
    utc: true,
    hostname: "bench-host",
    git: { commit: "3f9c2a7d4b1e8f6a0c5d9e2b7a4f1c8e6d3b0a95", dirty: false },
    cli: "node experiments/scale.js -p scale",
  };
}

/** A seeded uniform [0, 1) generator (mulberry32), so every machine generates the same runs. */
export function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Values = number[];

/** One step of the chain: two outputs computed from the previous stage's first output. */
function chainStage(n: number): ReturnType<typeof stage> {
  const input = n === 1 ? [] : [`s${n - 1}_a`];
  return stage<{ [name: string]: Values }, { [name: string]: Values }>(
    { name: `s${n}`, inputs: input, outputs: [`s${n}_a`, `s${n}_b`], cachers: [JsonCacher, JsonCacher] },
    (record, inputs) => {
      const previous = inputs[`s${n - 1}_a`] ?? Array.from({ length: 20 }, uniform(Number(record.args?.["seed"] ?? 0)));
      return {
        [`s${n}_a`]: previous.map((v) => Math.round((v * 1.5 + n) * 1000) / 1000),
        [`s${n}_b`]: previous.slice(0, 5),
      };
    },
  );
}

const STAGES = [1, 2, 3, 4].map(chainStage);

/** The aggregate: one JSON and one line plot reportable per input record (400 reportables at N=200). */
const summarize = aggregate<{ s4_a: Values }, { summary: { [name: string]: number } }>(
  { name: "summarize", inputs: ["s4_a"], outputs: ["summary"], cachers: [JsonCacher] },
  (record, { s4_a }) => {
    const summary: { [name: string]: number } = {};
    for (const [source, values] of s4_a) {
      const name = String(source.args?.name ?? "none");
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      summary[name] = Math.round(mean * 1000) / 1000;
      record.report(
        new JsonReportable({ name, mean: summary[name], max: Math.max(...values) }, { name: `${name}_stats` }),
      );
      record.report(
        new LinePlotReportable(
          { values },
          { name: `${name}_curve`, title: `Curve of ${name}`, xLabel: "step", yLabel: "value" },
        ),
      );
    }
    return { summary };
  },
);

/** Runs the scale experiment with `n` args sets under `root`; returns the run folder. */
async function runScale(root: string, n: number, reference: string): Promise<string> {
  // No notes, as in curifactory's scale run (`experiment scale -p scale`).
  const manager = new ArtifactManager(reference, stableOptions(root));
  const argsSets = Array.from({ length: n }, (_, i) => ({
    name: `p${String(i).padStart(4, "0")}`,
    seed: i + 1,
    rate: 0.01 * (i % 7),
    depth: 2 + (i % 5),
  }));
  const registered = manager.registerArgs(argsSets, "scale");
  return manager.run(async () => {
    const records: Record[] = [];
    for (const args of registered) {
      const record = new Record(manager, args);
      for (const run of STAGES) await run(record);
      records.push(record);
    }
    await summarize(new Record(manager, null), records);
  });
}

/** True when `file` exists. */
async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * The run folder of the scale experiment with `n` records (generated once, then cached). The
 * folder's name is its reference, so `curi-report <dir>` writes `<out>/<reference>/`.
 */
export async function scaleRun(n: number): Promise<string> {
  const dir = path.join(CACHE_ROOT, `v${GENERATOR_VERSION}`, `scale-${n}`);
  const done = path.join(dir, "run");
  if (await exists(done)) return done;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const runDir = await runScale(path.join(dir, "project"), n, `scale${n}`);
  await rename(runDir, path.join(dir, "staging"));
  await rm(path.join(dir, "project"), { recursive: true, force: true });
  await rename(path.join(dir, "staging"), done);
  return done;
}

/** The reference of copy `i` of a cloned run: sorts by number, unique, a safe folder name. */
export function cloneReference(i: number): string {
  return `site_${String(i).padStart(5, "0")}_2026-01-15-T093000`;
}

/**
 * Copies the run folder `source` into `<runsDir>/<cloneReference(i)>/` with a distinct reference,
 * run number and timestamp in run.json, so every copy is its own run in a site.
 */
export async function cloneRun(source: string, runsDir: string, i: number): Promise<string> {
  const reference = cloneReference(i);
  const target = path.join(runsDir, reference);
  await cp(source, target, { recursive: true });
  const file = path.join(target, "run.json");
  const wire = JSON.parse(await readFile(file, "utf8")) as { run_info: { [key: string]: unknown } };
  const minute = String(i % 60).padStart(2, "0");
  const hour = String(Math.floor(i / 60) % 24).padStart(2, "0");
  wire.run_info = {
    ...wire.run_info,
    reference,
    run_number: i + 1,
    timestamp: `2026-01-15-T${hour}${minute}00`,
    experiment_name: `exp${i % 7}`,
  };
  await writeFile(file, `${JSON.stringify(wire, null, 2)}\n`, "utf8");
  return target;
}

/** A short stable digest of text, for cache keys. */
export function digest(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** Names in `dir` that are folders, sorted. */
export async function folderNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}
