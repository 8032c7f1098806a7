/**
 * Run folders for the publishing tests, written from wire objects: a small run with every kind of
 * reportable (PNG and SVG images, a figure, HTML, Markdown, JSON, a table, a line plot, a log), and
 * runs of any size for the summary limits. Hostile text is opt-in, to test escaping.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { writeLatest } from "../../src/run/latest.js";
import type { JsonValue, WireReportable, WireRun } from "../../src/run/wire.js";
import { writeRunDocument } from "../../src/run/write.js";

/** Text that breaks Markdown, HTML and Mermaid when not escaped, and pings a user. */
export const HOSTILE =
  "x|y `tick` ```fence``` <script>alert(1)</script> @octocat [link](https://evil.test) *b* _i_ #1\nnew line";

/** Options of `wireRun`. */
export interface RunShape {
  /** Number of ordinary records (one args set each). */
  readonly records: number;
  /** Adds an aggregate record over all of them. */
  readonly aggregate?: boolean;
  /** Puts HOSTILE into names, values and notes. */
  readonly hostile?: boolean;
  /** Adds image, figure, HTML, Markdown and line-plot reportables (files written by writeRunFolder). */
  readonly rich?: boolean;
  readonly reference?: string;
  readonly status?: WireRun["run_info"]["status"];
}

/** A valid wire run of the given shape; record i has args set `lr_<i>`, stages load → fit → evaluate. */
export function wireRun(shape: RunShape): WireRun {
  const hostile = shape.hostile === true;
  const reference = shape.reference ?? `pub_1_2026-11-26-T2338${String(shape.records % 60).padStart(2, "0")}`;
  const wire: WireRun = {
    schema_version: 1,
    run_info: {
      reference,
      experiment_name: hostile ? `exp ${HOSTILE}` : "pub",
      run_number: 1,
      timestamp: "2026-11-26-T233842",
      commit: hostile ? "abc`|<b>" : "0123abc4567def",
      workdir_dirty: true,
      param_files: ["pub"],
      params: { pub: [] },
      full_store: false,
      status: shape.status ?? "complete",
      cli: "experiment pub -p pub",
      hostname: "lab-1",
      notes: hostile ? HOSTILE : null,
      duration_s: 12.5,
    },
    args: [],
    records: [],
    artifacts: [],
    reportables: [],
    log: null,
  };
  for (let i = 0; i < shape.records; i++) addRecord(wire, i, hostile);
  if (shape.aggregate === true) addAggregate(wire);
  if (shape.rich === true) addRich(wire, hostile);
  return wire;
}

function addRecord(wire: WireRun, i: number, hostile: boolean): void {
  const name = hostile && i === 0 ? `lr ${HOSTILE}` : `lr_${i}`;
  const hash = `h${String(i).padStart(6, "0")}`;
  wire.args.push({
    name,
    hash,
    values: {
      name,
      lr: 0.1 * (i + 1),
      seed: 7,
      layers: i % 2 === 0 ? [64, 64] : [128],
      note: hostile ? HOSTILE : "same",
    },
  });
  wire.run_info.params["pub"]?.push([name, hash]);
  const a = wire.artifacts.length;
  wire.artifacts.push(
    { record: i, name: "data", string: "(Array) [1, 2, 3] len: 3", path: null, metadata: null },
    { record: i, name: "model", string: hostile ? HOSTILE : "(Object) {w: 0.5}", path: null, metadata: null },
    { record: i, name: "scores", string: "(Object) {acc: 0.9}", path: null, metadata: null },
  );
  wire.records.push({
    index: i,
    name: `Record ${i} (${name})`,
    args_hash: hash,
    args_name: name,
    is_aggregate: false,
    combo_hash: null,
    input_records: [],
    stages: ["load", "fit", "evaluate"],
    stage_inputs: [[], [a], [a + 1]],
    stage_outputs: [[a], [a + 1], [a + 2]],
    state_artifact_reps: { data: a, model: a + 1, scores: a + 2 },
    stored_paths: [],
    stage_info: [
      { duration_ms: 12, cached: false },
      { duration_ms: 340, cached: false },
      { duration_ms: 8, cached: true },
    ],
  });
  const metrics: JsonValue =
    hostile && i === 0
      ? { [HOSTILE]: HOSTILE, accuracy: 0.9 }
      : { accuracy: 0.5 + i / (2 * (i + 1)), loss: 1 / (i + 1), epochs: 10, converged: true, detail: { nested: 1 } };
  wire.reportables.push(reportable(`${name}_evaluate_metrics`, "metrics", i, "evaluate", "json", { value: metrics }));
}

function addAggregate(wire: WireRun): void {
  const index = wire.records.length;
  const inputs = wire.records.map((r) => r.state_artifact_reps["scores"] as number);
  const a = wire.artifacts.length;
  wire.artifacts.push({ record: index, name: "table", string: "(Object) rows: n", path: null, metadata: null });
  wire.records.push({
    index,
    name: `Record ${index} (None)`,
    args_hash: null,
    args_name: null,
    is_aggregate: true,
    combo_hash: "c0ffee",
    input_records: wire.records.map((r) => r.index),
    stages: ["compare"],
    stage_inputs: [inputs],
    stage_outputs: [[a]],
    state_artifact_reps: { table: a },
    stored_paths: [],
  });
  const rows = wire.args.map((x, i) => [x.name, 0.5 + i / 1000, i]);
  wire.reportables.push(
    reportable("(Aggregate)_compare_scores", "scores", index, "compare", "table", {
      columns: ["args | name", "accuracy", "rank"],
      column_types: ["string", "float", "int"],
      index: null,
      rows,
      float_precision: 3,
    }),
  );
}

function addRich(wire: WireRun, hostile: boolean): void {
  const last = wire.records.length - 1;
  wire.reportables.push(
    {
      ...reportable("lr_0_fit_photo", "photo", 0, "fit", "image", {
        format: "png",
        alt: "a red square",
        source_name: "photo.png",
      }),
      file: "reportables/photo.png",
      group: "pictures",
    },
    {
      ...reportable("lr_0_fit_diagram", "diagram", 0, "fit", "image", {
        format: "svg",
        alt: "a diagram",
        source_name: "d.svg",
      }),
      file: "reportables/diagram.svg",
      group: "pictures",
    },
    {
      ...reportable("lr_0_fit_figure", "figure", 0, "fit", "figure", { format: "png", alt: "a figure" }),
      file: "reportables/figure.png",
    },
    reportable("lr_0_fit_html", "html", 0, "fit", "html", {
      html: `<p><b id="frame-only">bold</b> html${hostile ? ' with <img src="https://tracker.test/p.gif">' : ""}</p>`,
    }),
    reportable("lr_0_fit_notes", "notes", 0, "fit", "markdown", {
      markdown: "# Notes\n\nSee [the docs](https://example.org/docs) and *this*.",
    }),
    reportable("lr_0_fit_curve", "curve", Math.max(0, last), "fit", "lineplot", {
      title: "loss",
      x_label: "epoch",
      y_label: "loss",
      series: [{ name: "a", y: [1, 0.5, 0.25, 0.2], x: null }],
    }),
  );
  wire.log = "log.txt";
}

function reportable(
  qualified: string,
  name: string,
  record: number,
  stage: string,
  kind: WireReportable["kind"],
  data: WireReportable["data"],
): WireReportable {
  return { qualified_name: qualified, name, group: null, record, stage, kind, data, file: null };
}

/** Writes `wire` as `<runsDir>/<reference>/` with the files a rich run names, and points runs/latest at it. */
export async function writeRunFolder(runsDir: string, wire: WireRun): Promise<string> {
  const dir = path.join(runsDir, wire.run_info.reference);
  await writeRunDocument(dir, wire);
  if (wire.reportables.some((r) => r.file !== null)) {
    await mkdir(path.join(dir, "reportables"), { recursive: true });
    await writeFile(path.join(dir, "reportables", "photo.png"), pngSquare(24, [220, 30, 30]));
    await writeFile(path.join(dir, "reportables", "figure.png"), pngSquare(40, [30, 90, 220]));
    await writeFile(
      path.join(dir, "reportables", "diagram.svg"),
      `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><rect width="60" height="30" fill="#3a3"/></svg>`,
    );
  }
  if (wire.log !== null) await writeFile(path.join(dir, "log.txt"), "INFO start\nINFO done\n");
  await writeLatest(runsDir, wire.run_info.reference);
  return dir;
}

/** A solid-colour square PNG, `size` pixels a side. */
export function pngSquare(size: number, rgb: readonly [number, number, number]): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
