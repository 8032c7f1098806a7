/**
 * Validation messages as a user reads them, the schema kept in step with the code, and the schema
 * found both from the source and from the compiled dist/ build.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { serializeRunDocument } from "../../src/run/write.js";
import { runSchema, runSchemaPath } from "../../src/run/schema.js";
import { validateRun, validateRunInfo } from "../../src/run/validate.js";
import type * as SourceValidate from "../../src/run/validate.js";
import { SCHEMA_VERSIONS } from "../../src/run/version.js";
import { UnsupportedVersionError } from "../../src/util/errors.js";
import type { Diagnostic } from "../../src/util/errors.js";
import { baseWire, figureReportable, imageReportable } from "./helpers/runFolders.js";

type Mutable = Record<string, unknown> & { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

function lines(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.pointer}: ${d.message}`);
}

function problems(mutate: (doc: Mutable) => void): string[] {
  const doc = baseWire() as unknown as Mutable;
  mutate(doc);
  return lines(validateRun(doc, "run.json"));
}

describe("validateRun", () => {
  it("accepts every reportable kind and every optional field", () => {
    const doc = baseWire();
    doc.run_info = {
      ...doc.run_info,
      status: "error",
      error: "ValueError - bad",
      reproduce: "experiment tiny --cache x",
      duration_s: 1.5,
    };
    doc.records[0]!.stage_info = [
      { duration_ms: 12.5, cached: false },
      { duration_ms: null, cached: true },
    ];
    doc.reportables.push(
      figureReportable("base_fit_plot", "reportables/plot.svg"),
      imageReportable("base_fit_photo", "reportables/photo.png"),
      {
        qualified_name: "base_fit_tex",
        name: "tex",
        group: null,
        record: 0,
        stage: "fit",
        kind: "latex",
        data: { latex: "\\frac{1}{2}" },
        file: null,
      },
      {
        qualified_name: "base_fit_md",
        name: "md",
        group: null,
        record: 0,
        stage: "fit",
        kind: "markdown",
        data: { markdown: "# hi" },
        file: null,
      },
    );
    doc.log = "log.txt";
    expect(validateRun(doc, "run.json")).toEqual([]);
  });

  it("says what was expected and what was found, at the exact place", () => {
    expect(problems((d) => (d.records[0].stage_outputs[0] = "0"))).toEqual([
      '/records/0/stage_outputs/0: expected array of integers, got "0"',
    ]);
    expect(problems((d) => (d.records[0].stage_inputs[1][0] = 1.5))).toEqual([
      "/records/0/stage_inputs/1/0: expected integer ≥ -1, got 1.5",
    ]);
    expect(problems((d) => (d.run_info.notes = 3))).toEqual(["/run_info/notes: expected string or null, got 3"]);
    expect(problems((d) => (d.reportables[1].data.float_precision = 400))).toEqual([
      "/reportables/1/data/float_precision: expected integer from 0 to 100, got 400",
    ]);
    expect(problems((d) => (d.records = {}))).toEqual(["/records: expected array of record objects, got object"]);
  });

  it("reports a misspelt field with a suggestion and a missing one with its expected type", () => {
    expect(
      problems((d) => {
        d.records[1].stage_output = d.records[1].stage_outputs;
        delete d.records[1].stage_outputs;
      }),
    ).toEqual([
      "/records/1/stage_outputs: required field is missing (expected array of arrays of integers)",
      '/records/1/stage_output: unknown field "stage_output"; did you mean "stage_outputs"?',
    ]);
  });

  it("checks data against the shape of its kind only, without if/then noise", () => {
    expect(problems((d) => (d.reportables[1].kind = "figure"))).toEqual([
      '/reportables/1/data/index: unknown field "index"; allowed fields: format, alt',
      '/reportables/1/data/columns: unknown field "columns"; allowed fields: format, alt',
      '/reportables/1/data/column_types: unknown field "column_types"; allowed fields: format, alt',
      '/reportables/1/data/rows: unknown field "rows"; allowed fields: format, alt',
      '/reportables/1/data/float_precision: unknown field "float_precision"; allowed fields: format, alt',
      '/reportables/1/data/format: required field is missing (expected one of "svg", "png", "jpeg", "gif", "webp")',
      "/reportables/1/data/alt: required field is missing (expected string or null)",
      "/reportables/1/file: a figure reportable needs a file: the path of its bytes inside the run folder, like reportables/plot.svg",
    ]);
  });

  it("reports one type error for data of the wrong type, naming the kind's data", () => {
    expect(problems((d) => (d.reportables[0].data = "<p>hi</p>"))).toEqual([
      '/reportables/0/data: expected html data object, got "<p>hi</p>"',
    ]);
  });

  it("lists problems in document order: schema order of fields, array positions numerically", () => {
    const found = problems((d) => {
      d.log = 1;
      d.records[1].stage_outputs[0] = [10];
      d.records[0].stage_outputs[0] = [11];
      d.run_info.cli = null;
      d.schema_version = "1";
    });
    expect(found.map((line) => line.split(":")[0])).toEqual([
      "/schema_version",
      "/run_info/cli",
      "/records/0/stage_outputs/0/0",
      "/records/1/stage_outputs/0/0",
      "/log",
    ]);
  });

  it("escapes pointer tokens (RFC 6901)", () => {
    expect(problems((d) => (d.records[0].state_artifact_reps["a/b~c"] = 7))).toEqual([
      "/records/0/state_artifact_reps/a~1b~0c: artifact index 7 is out of range: the run has 3 artifacts (valid indices are 0 to 2)",
    ]);
  });

  it("treats a parameter file named __proto__ as data", () => {
    const doc = JSON.parse(
      serializeRunDocument(baseWire()).replace('"params": {', '"params": { "__proto__": [["x", "y"]],'),
    ) as unknown;
    expect(validateRun(doc, "run.json")).toEqual([]);
  });

  it("refuses an unknown schema_version, naming the supported ones", () => {
    const doc = { ...baseWire(), schema_version: 3 };
    expect(() => validateRun(doc, "runs/x/run.json")).toThrow(UnsupportedVersionError);
    expect(() => validateRun(doc, "runs/x/run.json")).toThrow(
      /runs\/x\/run\.json has schema_version 3, but this curi-report reads schema_version 1, 2 only; upgrade curi-report/,
    );
  });

  it("validates run_info alone, ignoring the rest of the document", () => {
    const doc = baseWire() as unknown as Mutable;
    doc.records = "broken";
    expect(validateRunInfo(doc, "run.json")).toEqual([]);
    doc.run_info.run_number = -1;
    expect(lines(validateRunInfo(doc, "run.json"))).toEqual(["/run_info/run_number: expected integer ≥ 0, got -1"]);
    expect(() => validateRunInfo({ ...doc, schema_version: 5 }, "run.json")).toThrow(UnsupportedVersionError);
  });
});

describe("schema/run.schema.json", () => {
  it("declares exactly the schema versions this build reads", () => {
    const version = (runSchema()["properties"] as Mutable)["schema_version"];
    expect(version.enum).toEqual([...SCHEMA_VERSIONS]);
  });

  it("lists properties in the canonical key order of run.json", () => {
    const doc = baseWire();
    doc.run_info = { ...doc.run_info, reproduce: "r", error: "e", duration_s: 2, traceback: "t" };
    doc.args[0] = { ...doc.args[0]!, ignored: ["seed"], reprs: { seed: "1" } };
    doc.records[0]!.stage_info = [
      { duration_ms: 1, cached: false, error: "E - x", traceback: "t" },
      { duration_ms: 2, cached: true },
    ];
    doc.records[0]!.in_manager = false;
    doc.records[0]!.metrics = { m: 1 };
    doc.reportables.push({ ...imageReportable("photo", "reportables/photo.png"), files: ["reportables/x.png"] });
    doc.reportables[2]!.data = {
      ...(doc.reportables[2]!.data as object),
      series: [{ name: null, y: [1], x: null, marker: "o", linestyle: "-", color: "#1f77b4" }],
    } as never;
    doc.metrics = { m: 2 };
    doc.metric_goals = { m: "max" };
    doc.primary_metric = "m";
    doc.metric_tolerances = { m: { abs: 0, rel: 0.01 } };
    const written = JSON.parse(serializeRunDocument(doc)) as Mutable;
    const defs = runSchema()["definitions"] as Mutable;
    const keysOf = (node: Mutable): string[] => Object.keys(node["properties"] as object);
    expect(Object.keys(written)).toEqual(keysOf(runSchema() as Mutable));
    expect(Object.keys(written.run_info)).toEqual(keysOf(defs.runInfo));
    expect(Object.keys(written.args[0])).toEqual(keysOf(defs.args));
    expect(Object.keys(written.records[0])).toEqual(keysOf(defs.record));
    expect(Object.keys(written.records[0].stage_info[0])).toEqual(keysOf(defs.stageInfo));
    expect(Object.keys(written.reportables[2].data.series[0])).toEqual(keysOf(defs.series));
    expect(Object.keys(written.artifacts[0])).toEqual(keysOf(defs.artifact));
    expect(Object.keys(written.reportables[1].data)).toEqual(keysOf(defs.tableData));
    expect(Object.keys(written.reportables[2].data)).toEqual(keysOf(defs.linePlotData));
    expect(Object.keys(written.reportables[2].data.series[0])).toEqual(keysOf(defs.series));
    expect(Object.keys(written.reportables[4])).toEqual(keysOf(defs.reportable));
    expect(Object.keys(written.reportables[4].data)).toEqual(keysOf(defs.imageData));
  });

  it("is found from the compiled build in dist/ as well as from the source", async () => {
    expect(runSchemaPath()).toBe(new URL("../../schema/run.schema.json", import.meta.url).pathname);
    const compiled = (await import(
      new URL("../../dist/src/run/validate.js", import.meta.url).href
    )) as typeof SourceValidate;
    expect(compiled.validateRun(baseWire(), "run.json")).toEqual([]);
    expect(lines(compiled.validateRun({ ...baseWire(), log: 3 }, "run.json"))).toEqual([
      "/log: expected string or null, got 3",
    ]);
    expect(JSON.parse(readFileSync(runSchemaPath(), "utf8"))).toEqual(runSchema());
  });
});
