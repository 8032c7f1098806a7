/**
 * schema_version 2: what it adds (metrics, metric goals, non-finite numbers, stage errors and
 * tracebacks, records outside the manager, ignored args and their string forms, repeated
 * qualified names, gif/webp figures, linked files, plot markers) survives read → write → read,
 * and version 1 documents are still read as before.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRun } from "../../src/run/read.js";
import { validateRun } from "../../src/run/validate.js";
import { writeRun } from "../../src/run/write.js";
import type { WireRun } from "../../src/run/wire.js";
import { baseWire, figureReportable, SVG, tempDir, writeFolder } from "./helpers/runFolders.js";

const NAN = { $float: "NaN" } as const;
const INF = { $float: "Infinity" } as const;
const NEG_INF = { $float: "-Infinity" } as const;

/** A version 2 document using every field version 2 adds. */
function v2Wire(): WireRun {
  const doc = baseWire();
  doc.run_info = {
    ...doc.run_info,
    status: "error",
    error: "ValueError - bad fold",
    traceback: 'Traceback (most recent call last):\n  File "x.py"\nValueError: bad fold',
  };
  doc.args = doc.args.map((a) => ({
    ...a,
    values: { ...a.values, lr: NAN },
    ignored: ["seed"],
    reprs: { shape: "(3, 4)" },
  }));
  const record = doc.records[0]!;
  doc.records[0] = {
    ...record,
    stage_info: record.stages.map((_, s) => ({
      duration_ms: 5,
      cached: false,
      error: s === 0 ? "ValueError - bad fold" : null,
      traceback: s === 0 ? "Traceback…" : null,
    })),
    in_manager: false,
    metrics: {
      accuracy: 0.9,
      loss: [
        { step: 0, value: 1.5 },
        { step: 1, value: NAN },
      ],
      worst: NEG_INF,
    },
  };
  doc.reportables.push(
    {
      qualified_name: "dup",
      name: "a",
      group: null,
      record: 0,
      stage: "fit",
      kind: "json",
      data: { value: { x: INF, y: [NAN, 1] } },
      file: null,
    },
    {
      qualified_name: "dup",
      name: "b",
      group: null,
      record: 0,
      stage: "fit",
      kind: "html",
      data: { html: '<img src="reportables/linked.png">' },
      file: null,
      files: ["reportables/linked.png"],
    },
    { ...figureReportable("anim", "reportables/anim.gif"), data: { format: "gif", alt: null } },
    {
      qualified_name: "table_nan",
      name: "t",
      group: null,
      record: 0,
      stage: "fit",
      kind: "table",
      data: { columns: ["v"], column_types: ["float"], index: null, rows: [[NAN], [INF], [1.5]], float_precision: 2 },
      file: null,
    },
    {
      qualified_name: "plot_marks",
      name: "p",
      group: null,
      record: 0,
      stage: "fit",
      kind: "lineplot",
      data: {
        title: null,
        x_label: null,
        y_label: null,
        series: [
          { name: "s", y: [1, NAN, null, 2], x: [0, 1, 2, INF], marker: "o", linestyle: "--", color: "#1f77b4" },
        ],
      },
      file: null,
    },
  );
  doc.metrics = { best: 0.95, curve: [{ step: 1, value: 2 }] };
  doc.metric_goals = { loss: "min", accuracy: "max" };
  return doc;
}

function folderOf(doc: WireRun): string {
  return writeFolder(tempDir("v2"), doc, {
    "reportables/linked.png": "png",
    "reportables/anim.gif": "GIF89a",
    "reportables/plot.svg": SVG,
  });
}

describe("schema_version 2", () => {
  it("accepts every field it adds", () => {
    expect(validateRun(v2Wire(), "run.json")).toEqual([]);
  });

  it("reads metrics, non-finite numbers, stage errors and the other additions into the model", async () => {
    const run = await readRun(folderOf(v2Wire()));
    expect(run.schemaVersion).toBe(2);
    expect(run.info.traceback).toContain("ValueError: bad fold");
    expect(run.args[0]).toMatchObject({ ignored: ["seed"], reprs: { shape: "(3, 4)" } });
    const record = run.records[0]!;
    expect(record.inManager).toBe(false);
    expect(record.stageInfo?.[0]).toEqual({
      durationMs: 5,
      cached: false,
      error: "ValueError - bad fold",
      traceback: "Traceback…",
    });
    expect(record.metrics["accuracy"]).toBe(0.9);
    expect(record.metrics["worst"]).toBe(Number.NEGATIVE_INFINITY);
    const loss = record.metrics["loss"];
    expect(Array.isArray(loss) && Number.isNaN(loss[1]!.value)).toBe(true);
    expect(run.metrics).toEqual({ best: 0.95, curve: [{ step: 1, value: 2 }] });
    expect(run.metricGoals).toEqual({ loss: "min", accuracy: "max" });
    const byName = new Map(run.reportables.map((r) => [r.qualifiedName === "anim" ? "anim" : r.name, r]));
    expect(byName.get("b")?.files.map((f) => f.relative)).toEqual(["reportables/linked.png"]);
    expect(byName.get("anim")).toMatchObject({ kind: "figure", format: "gif" });
    const table = byName.get("t");
    expect(table?.kind === "table" && table.table.rows.map((r) => r[0])).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1.5,
    ]);
    const plot = byName.get("p");
    expect(plot?.kind === "lineplot" && plot.plot.series[0]).toMatchObject({
      y: [1, Number.NaN, null, 2],
      x: [0, 1, 2, Number.POSITIVE_INFINITY],
      marker: "o",
      linestyle: "--",
      color: "#1f77b4",
    });
  });

  it("writes back the same bytes (read → write → read)", async () => {
    const first = await readRun(folderOf(v2Wire()));
    const a = tempDir("v2-a");
    await writeRun(first, a);
    const second = await readRun(a);
    const b = tempDir("v2-b");
    await writeRun(second, b);
    const text = readFileSync(path.join(a, "run.json"), "utf8");
    expect(readFileSync(path.join(b, "run.json"), "utf8")).toBe(text);
    expect(text).toContain('"$float": "NaN"');
    expect(readFileSync(path.join(a, "reportables", "linked.png"), "utf8")).toBe("png");
  });

  it("rejects a linked file that leaves the run folder, naming its pointer", async () => {
    const doc = v2Wire();
    doc.reportables.find((r) => r.name === "b")!.files = ["../outside.png"];
    await expect(readRun(folderOf(doc))).rejects.toThrow(/\/reportables\/\d+\/files\/0/);
  });

  it("rejects a series colour that is not #rrggbb, naming its pointer", () => {
    const doc = v2Wire();
    const plot = doc.reportables.find((r) => r.kind === "lineplot")!.data as { series: { color?: string }[] };
    plot.series[0]!.color = "red";
    expect(validateRun(doc, "run.json").map((d) => d.pointer)).toContainEqual(
      expect.stringMatching(/^\/reportables\/\d+\/data\/series\/0\/color/),
    );
  });

  it("rejects an unknown non-finite tag and a metric point without a step", () => {
    const doc = v2Wire() as unknown as { records: { metrics: Record<string, unknown> }[] };
    doc.records[0]!.metrics = { bad: { $float: "nan" }, series: [{ value: 1 }] };
    const pointers = validateRun(doc, "run.json").map((d) => d.pointer);
    expect(pointers.some((p) => p.startsWith("/records/0/metrics/bad"))).toBe(true);
    expect(pointers.some((p) => p.startsWith("/records/0/metrics/series/0"))).toBe(true);
  });
});

describe("schema_version 1 is still read", () => {
  it("reads a version 1 document with none of the additions, defaults filled in", async () => {
    const run = await readRun(
      writeFolder(tempDir("v1"), { ...baseWire(), schema_version: 1 }, { "reportables/plot.svg": SVG }),
    );
    expect(run.schemaVersion).toBe(1);
    expect(run.metrics).toEqual({});
    expect(run.records.every((r) => r.inManager && Object.keys(r.metrics).length === 0)).toBe(true);
    expect(run.args.every((a) => a.ignored.length === 0)).toBe(true);
  });

  it("still requires unique qualified names in version 1, and allows repeats in version 2", () => {
    const doc = { ...baseWire(), schema_version: 1 };
    const twin = {
      qualified_name: "same",
      name: "x",
      group: null,
      record: 0,
      stage: "fit",
      kind: "json" as const,
      data: { value: 1 },
      file: null,
    };
    doc.reportables.push(twin, { ...twin });
    expect(
      validateRun(doc, "run.json")
        .map((d) => d.message)
        .join("\n"),
    ).toMatch(/already the qualified name/);
    expect(validateRun({ ...doc, schema_version: 2 }, "run.json")).toEqual([]);
  });
});

describe("problems inside a reportable", () => {
  it("name the reportable, its record and its stage beside the pointer", async () => {
    const doc = v2Wire();
    const k = doc.reportables.findIndex((r) => r.qualified_name === "table_nan");
    (doc.reportables[k]!.data as { rows: unknown[] }).rows = [[1, 2]];
    const error = await readRun(folderOf(doc)).then(
      () => new Error("the run was read"),
      (e: unknown) => e as Error,
    );
    expect(error.message).toContain(`#/reportables/${k}/data/rows/0: has 2 cells but columns has 1`);
    expect(error.message).toContain(`(in reportable "table_nan" of record 0, stage "fit")`);
  });
});
