/**
 * Sweep runs of any size for the benchmark: the scale experiment of generate.ts (N records of
 * `s1 → s2 → s3 → s4`, two outputs a stage, an aggregate with one JSON and one line-plot
 * reportable per record), written straight to run.json as a stream. The record API builds the
 * whole document as one string, which V8 cannot hold past ~47,000 records; this writer can, and is
 * fast enough to make 50,000 records in seconds. One record in 1,000 fails at its last stage (as
 * a sweep does), so failures are measured too. Cached like generate.ts.
 */
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import { CACHE_ROOT, uniform } from "./generate.js";

/** Bump when the generated runs change. */
const SWEEP_VERSION = 4;

/** Every this many records, one fails (its `s4` raises). */
export const FAIL_EVERY = 1000;

function hash(i: number): string {
  return (BigInt(i + 1) * 0x9e3779b97f4a7c15n).toString(16).padStart(16, "0").slice(-16).repeat(2);
}

function name(i: number): string {
  return `p${String(i).padStart(5, "0")}`;
}

/** Writes chunks to a file, waiting when the stream's buffer is full. */
class Sink {
  private readonly out;
  constructor(file: string) {
    this.out = createWriteStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
  }
  async write(text: string): Promise<void> {
    if (!this.out.write(text)) await once(this.out, "drain");
  }
  async close(): Promise<void> {
    this.out.end();
    await once(this.out, "finish");
  }
}

/**
 * Elements of a JSON array written one at a time, comma-separated, indented by two spaces a level
 * as the record runtime writes run.json (so the file is as big as a real one).
 */
async function array(sink: Sink, n: number, element: (i: number) => string): Promise<void> {
  await sink.write("[\n");
  for (let i = 0; i < n; i++) {
    const pretty = JSON.stringify(JSON.parse(element(i)) as unknown, null, 2).replace(/\n/g, "\n    ");
    await sink.write(`${i === 0 ? "" : ",\n"}    ${pretty}`);
  }
  await sink.write("\n  ]");
}

function record(i: number, version: number): string {
  const a = i * 8;
  const failed = version >= 2 && i % FAIL_EVERY === FAIL_EVERY - 1;
  const info = [0, 1, 2, 3].map((s) =>
    failed && s === 3
      ? `{"duration_ms":12,"cached":false,"error":"ValueError - diverged at step 7","traceback":"Traceback (most recent call last):\\n  File \\"scale.py\\", line 40, in s4\\n    raise ValueError(\\"diverged at step 7\\")\\nValueError: diverged at step 7"}`
      : `{"duration_ms":${1000 + (i % 97)},"cached":false}`,
  );
  const outputs = failed
    ? `[[${a},${a + 1}],[${a + 2},${a + 3}],[${a + 4},${a + 5}],[]]`
    : `[[${a},${a + 1}],[${a + 2},${a + 3}],[${a + 4},${a + 5}],[${a + 6},${a + 7}]]`;
  return `{"index":${i},"name":"Record ${i} (${name(i)})","args_hash":"${hash(i)}","args_name":"${name(i)}","is_aggregate":false,"combo_hash":null,"input_records":[],"stages":["s1","s2","s3","s4"],"stage_inputs":[[],[${a}],[${a + 2}],[${a + 4}]],"stage_outputs":${outputs},"state_artifact_reps":{},"stored_paths":[],"stage_info":[${info.join(",")}]}`;
}

function artifact(j: number, n: number): string {
  const i = Math.floor(j / 8);
  if (i >= n)
    return `{"record":${n},"name":"summary","string":"(Object) {p00000: 18.844, p00001: 19.1... len: ${n}","path":"data/cache/sweep_summarize_summary.json","metadata":null}`;
  const stage = Math.floor((j % 8) / 2) + 1;
  const which = j % 2 === 0 ? "a" : "b";
  const random = uniform(j);
  const values = Array.from({ length: 4 }, () => (random() * 20).toFixed(3)).join(", ");
  // Metadata as the record runtime writes it: most of a real run.json's size.
  const metadata = `{"artifact_generated":"2026-01-15-T093001","args_hash":"${hash(i)}","args_name":"${name(i)}","record_name":"Record ${i} (${name(i)})","stage":"s${stage}","artifact_name":"s${stage}_${which}","cacher_type":"JsonCacher","record_prior_stages":[],"prior_records":[],"extra":{},"manager_run_info":{"reference":"sweep_1_2026-01-15-T093000","experiment_name":"sweep","run_number":1,"timestamp":"2026-01-15-T093000","commit":"3f9c2a7d4b1e8f6a0c5d9e2b7a4f1c8e6d3b0a95","workdir_dirty":false,"hostname":"bench-host"},"preview":"(Array) [${values}, ... len: 20"}`;
  return `{"record":${i},"name":"s${stage}_${which}","string":"(Array) [${values}, ... len: 20","path":"data/cache/sweep_${hash(i)}_s${stage}_s${stage}_${which}.json","metadata":${metadata}}`;
}

function reportable(k: number, n: number): string {
  const i = Math.floor(k / 2);
  const random = uniform(k + 7);
  if (k % 2 === 0)
    return `{"qualified_name":"(Aggregate)_summarize_${name(i)}_stats","name":"${name(i)}_stats","group":null,"record":${n},"stage":"summarize","kind":"json","data":{"value":{"name":"${name(i)}","mean":${(random() * 20).toFixed(3)},"max":${(20 + random() * 5).toFixed(3)}}},"file":null}`;
  const y = Array.from({ length: 20 }, () => (15 + random() * 6).toFixed(3)).join(",");
  return `{"qualified_name":"(Aggregate)_summarize_${name(i)}_curve","name":"${name(i)}_curve","group":null,"record":${n},"stage":"summarize","kind":"lineplot","data":{"title":"Curve of ${name(i)}","x_label":"step","y_label":"value","series":[{"name":"values","y":[${y}],"x":null}]},"file":null}`;
}

/** Writes the run.json of a sweep of `n` records (plus the aggregate) to `file`. */
async function writeSweep(file: string, n: number, version: number): Promise<void> {
  const sink = new Sink(file);
  const reference = `sweep${n}_1_2026-01-15-T093000`;
  const params = Array.from({ length: Math.min(n, 20) }, (_, i) => `["${name(i)}","${hash(i)}"]`).join(",");
  await sink.write(`{\n  "schema_version": ${version},\n  "run_info": `);
  await sink.write(
    `{"reference":"${reference}","experiment_name":"sweep${n}","run_number":1,"timestamp":"2026-01-15-T093000","commit":"3f9c2a7d4b1e8f6a0c5d9e2b7a4f1c8e6d3b0a95","workdir_dirty":false,"param_files":["sweep"],"params":{"sweep":[${params}]},"full_store":false,"status":"complete","cli":"node experiments/sweep.js -p sweep","hostname":"bench-host","notes":null,"duration_s":${n}},\n  "args": `,
  );
  await array(
    sink,
    n,
    (i) =>
      `{"name":"${name(i)}","hash":"${hash(i)}","values":{"name":"${name(i)}","seed":${i + 1},"rate":${((i % 7) * 0.01).toFixed(2)},"depth":${2 + (i % 5)}}}`,
  );
  await sink.write(',\n  "records": ');
  // The aggregate reads the records that did not fail.
  const fed = Array.from({ length: n }, (_, i) => i).filter((i) => version < 2 || i % FAIL_EVERY !== FAIL_EVERY - 1);
  const aggregate = `{"index":${n},"name":"Record ${n} (None)","args_hash":null,"args_name":null,"is_aggregate":true,"combo_hash":"84c5002409bad0080ba9e24c503cb8df","input_records":[${fed.join(",")}],"stages":["summarize"],"stage_inputs":[[${fed.map((i) => i * 8 + 6).join(",")}]],"stage_outputs":[[${n * 8}]],"state_artifact_reps":{},"stored_paths":[],"stage_info":[{"duration_ms":750,"cached":false}]}`;
  await array(sink, n + 1, (i) => (i < n ? record(i, version) : aggregate));
  await sink.write(',\n  "artifacts": ');
  await array(sink, n * 8 + 1, (j) => artifact(j, n));
  await sink.write(',\n  "reportables": ');
  await array(sink, 2 * n, (k) => reportable(k, n));
  await sink.write(',\n  "log": null\n}\n');
  await sink.close();
}

/** The run folder of a sweep of `n` records (generated once, then cached). */
export async function sweepRun(n: number, schemaVersion = 2): Promise<string> {
  const dir = path.join(CACHE_ROOT, `sweep-v${SWEEP_VERSION}-s${schemaVersion}`, `sweep-${n}`);
  const done = path.join(dir, "run");
  if (
    await stat(done).then(
      () => true,
      () => false,
    )
  )
    return done;
  await rm(dir, { recursive: true, force: true });
  const staging = path.join(dir, "staging");
  await mkdir(staging, { recursive: true });
  await writeSweep(path.join(staging, "run.json"), n, schemaVersion);
  await writeFile(
    path.join(staging, "README"),
    "Generated by curi-report's bench (bench/sweepRun.ts); safe to remove.\n",
    "utf8",
  );
  await rename(staging, done);
  return done;
}
