/**
 * Small real run folders for site and CLI tests, written with `writeRunDocument` into temp
 * folders: a run with an html, a table and an image reportable (the image is a real PNG file in
 * the run folder) and a log, so a report copies files as well as writing them.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { writeLatest } from "../../../src/run/latest.js";
import type { WireRun } from "../../../src/run/wire.js";
import { writeRunDocument } from "../../../src/run/write.js";

/** A 1×1 transparent PNG. */
export const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==",
  "base64",
);

/** A fresh temp folder. */
export function tempDir(prefix = "curi-site-"): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A valid wire run for experiment `tiny`, run number `n`, with three reportables and a log. */
export function wireRun(
  n: number,
  overrides: { reference?: string; timestamp?: string; status?: WireRun["run_info"]["status"] } = {},
): WireRun {
  const timestamp = overrides.timestamp ?? `2026-11-2${n % 10}-T10000${n % 10}`;
  const reference = overrides.reference ?? `tiny_${n}_${timestamp}`;
  return {
    schema_version: 1,
    run_info: {
      reference,
      experiment_name: "tiny",
      run_number: n,
      timestamp,
      commit: "0123abc",
      workdir_dirty: false,
      param_files: ["tiny"],
      params: { tiny: [["base", "9f1c2e"]] },
      full_store: false,
      status: overrides.status ?? "complete",
      cli: "experiment tiny -p tiny",
      hostname: "lab-1",
      notes: `run ${n} <b>notes</b>`,
    },
    args: [{ name: "base", hash: "9f1c2e", values: { name: "base", seed: n } }],
    records: [
      {
        index: 0,
        name: "Record 0 (base)",
        args_hash: "9f1c2e",
        args_name: "base",
        is_aggregate: false,
        combo_hash: null,
        input_records: [],
        stages: ["load", "fit"],
        stage_inputs: [[], [0]],
        stage_outputs: [[0], [1]],
        state_artifact_reps: { data: 0, model: 1 },
        stored_paths: [],
      },
    ],
    artifacts: [
      { record: 0, name: "data", string: "(Array) [1, 2, 3] len: 3", path: null, metadata: null },
      {
        record: 0,
        name: "model",
        string: '(Object) {"w": 0.5}',
        path: "data/cache/tiny_9f1c2e_fit_model.json",
        metadata: null,
      },
    ],
    reportables: [
      {
        qualified_name: "base_fit_summary",
        name: "summary",
        group: null,
        record: 0,
        stage: "fit",
        kind: "html",
        data: { html: "<p>fitted</p>" },
        file: null,
      },
      {
        qualified_name: "base_fit_scores",
        name: "scores",
        group: "results",
        record: 0,
        stage: "fit",
        kind: "table",
        data: {
          columns: ["args", "accuracy"],
          column_types: ["string", "float"],
          index: null,
          rows: [["base", 0.97]],
          float_precision: 4,
        },
        file: null,
      },
      {
        qualified_name: "base_fit_plot",
        name: "plot",
        group: "results",
        record: 0,
        stage: "fit",
        kind: "figure",
        data: { format: "png", alt: "a plot" },
        file: "reportables/base_fit_plot.png",
      },
    ],
    log: "log.txt",
  };
}

/** Writes run `n` as `<runsDir>/<reference>/` with its image and log; returns the run folder. */
export async function writeRunFolder(
  runsDir: string,
  n: number,
  overrides: Parameters<typeof wireRun>[1] = {},
): Promise<string> {
  const doc = wireRun(n, overrides);
  const dir = path.join(runsDir, doc.run_info.reference);
  await mkdir(path.join(dir, "reportables"), { recursive: true });
  await writeFile(path.join(dir, "reportables", "base_fit_plot.png"), PNG_1X1);
  await writeFile(path.join(dir, "log.txt"), `log of run ${n}\n`);
  await writeRunDocument(dir, doc);
  return dir;
}

/** Writes runs 1..count into a fresh `runs/` folder with `runs/latest` naming the last; returns the runs folder. */
export async function writeRunsFolder(count: number): Promise<string> {
  const runsDir = path.join(await tempDir("curi-runs-"), "runs");
  let last = "";
  for (let n = 1; n <= count; n++) last = path.basename(await writeRunFolder(runsDir, n));
  await writeLatest(runsDir, last);
  return runsDir;
}
