/**
 * The harmless run every hostile case starts from: two records (one an aggregate), three stages,
 * artifacts with and without cache paths, one reportable of every kind, a log and two real image
 * files. A case swaps hostile values into it, so each case differs from a sound run by its attack.
 */
import type { WireReportable, WireRun } from "../../src/run/wire.js";

/** A 1×1 PNG: a figure file that really is one. */
export const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==",
  "base64",
);

/** A small, harmless SVG image. */
export const SAFE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect width="40" height="20" fill="#4a90d9"/></svg>\n`;

/** Files of the base run folder besides run.json, relative to it. */
export function baseFiles(): Map<string, string | Uint8Array> {
  return new Map<string, string | Uint8Array>([
    ["reportables/fit_scatter.png", PNG_1X1],
    ["reportables/fit_bars.svg", SAFE_SVG],
    ["log.txt", "2026-03-01 12:00:00 INFO run started\n2026-03-01 12:00:05 INFO run done\n"],
  ]);
}

/** A reportable of the base run, at record 0, stage `fit`. */
function reportable(
  name: string,
  kind: WireReportable["kind"],
  data: WireReportable["data"],
  file: string | null = null,
): WireReportable {
  return { qualified_name: `base_fit_${name}`, name, group: null, record: 0, stage: "fit", kind, data, file };
}

/** One reportable of every kind, in this order: html, json, table, lineplot, latex, markdown, figure, image. */
export function baseReportables(): WireReportable[] {
  return [
    reportable("summary", "html", { html: "<p>fitted <b>well</b></p>" }),
    reportable("params", "json", { value: { seed: 1, rate: 0.5 } }),
    reportable("scores", "table", {
      columns: ["args", "accuracy"],
      column_types: ["string", "float"],
      index: null,
      rows: [["base", 0.97]],
      float_precision: 4,
    }),
    reportable("curve", "lineplot", {
      title: "loss",
      x_label: "epoch",
      y_label: "loss",
      series: [{ name: "train", y: [1, 0.5, 0.25], x: null }],
    }),
    reportable("table_tex", "latex", { latex: "\\begin{tabular}{ll}a & b\\\\\\end{tabular}" }),
    reportable("readme", "markdown", { markdown: "# Result\n\nIt *worked*." }),
    reportable("scatter", "figure", { format: "png", alt: "scatter plot" }, "reportables/fit_scatter.png"),
    reportable(
      "bars",
      "image",
      { format: "svg", alt: "bar chart", source_name: "bars.svg" },
      "reportables/fit_bars.svg",
    ),
  ];
}

/** The base run with reference `reference` (each case gets its own, so one site can hold them all). */
export function baseRun(reference: string): WireRun {
  return {
    schema_version: 1,
    run_info: {
      reference,
      experiment_name: "hostile",
      run_number: 1,
      timestamp: "2026-03-01-T120000",
      commit: "0123456789abcdef0123456789abcdef01234567",
      workdir_dirty: false,
      param_files: ["params"],
      params: { params: [["base", "9f1c2e"]] },
      full_store: false,
      status: "complete",
      cli: "experiment hostile -p params",
      hostname: "lab-1",
      notes: null,
    },
    args: [{ name: "base", hash: "9f1c2e", values: { name: "base", seed: 1 } }],
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
      {
        index: 1,
        name: "Record 1 (None)",
        args_hash: null,
        args_name: null,
        is_aggregate: true,
        combo_hash: "77aa01",
        input_records: [0],
        stages: ["compare"],
        stage_inputs: [[1]],
        stage_outputs: [[2]],
        state_artifact_reps: { scores: 2 },
        stored_paths: [],
      },
    ],
    artifacts: [
      { record: 0, name: "data", string: "(Array) [1, 2, 3] len: 3", path: null, metadata: null },
      {
        record: 0,
        name: "model",
        string: '(Object) {"w": 0.5}',
        path: "data/cache/hostile_9f1c2e_fit_model.json",
        metadata: { stage: "fit" },
      },
      { record: 1, name: "scores", string: '(Object) {"base": 0.97}', path: null, metadata: null },
    ],
    reportables: baseReportables(),
    log: "log.txt",
  };
}
