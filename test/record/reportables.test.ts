import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ArtifactManager,
  FigureReportable,
  HtmlReportable,
  ImageReportable,
  JsonReportable,
  LatexTableReportable,
  LinePlotReportable,
  MarkdownReportable,
  Record,
  ReportableError,
  stage,
  TableReportable,
} from "../../src/record/index.js";
import { readRun } from "../../src/run/read.js";
import { readWire, stableOptions, tempRoot } from "./helpers.js";

const PNG_HEADER = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("TableReportable", () => {
  it("keeps integer columns integers and infers every column type (curifactory's B13)", () => {
    const table = new TableReportable([
      { label: 1, score: 0.5, name: "a", ok: true, mixed: 1 },
      { label: 0, score: 2, name: "b", ok: false, mixed: "x" },
    ]).table;
    expect(table.columns).toEqual(["label", "score", "name", "ok", "mixed"]);
    expect(table.column_types).toEqual(["int", "float", "string", "bool", "mixed"]);
    expect(table.rows).toEqual([
      [1, 0.5, "a", true, 1],
      [0, 2, "b", false, "x"],
    ]);
    expect(table.float_precision).toBe(4);
    expect(table.index).toBeNull();
  });

  it("takes columns, typed arrays, an index, column types and a precision", () => {
    const table = new TableReportable(
      { n: new Int32Array([1, 2]), x: [0.25, Number.NaN] },
      { index: ["r1", "r2"], columnTypes: { n: "float" }, floatPrecision: 2 },
    ).table;
    expect(table.column_types).toEqual(["float", "float"]);
    expect(table.rows).toEqual([
      [1, 0.25],
      [2, { $float: "NaN" }],
    ]);
    expect(table.index).toEqual(["r1", "r2"]);
    expect(table.float_precision).toBe(2);
  });

  it("rejects ragged columns and a wrong number of index labels", () => {
    expect(() => new TableReportable({ a: [1, 2], b: [1] })).toThrow(ReportableError);
    expect(() => new TableReportable([{ a: 1 }], { index: ["x", "y"] })).toThrow(/1 rows but 2 index labels/);
  });
});

describe("LatexTableReportable", () => {
  it("generates a tabular with escaped text and rounded floats", () => {
    const latex = new LatexTableReportable([{ a_b: "x & y", v: 0.123456, n: 3 }], { floatPrecision: 3 }).latex;
    expect(latex).toBe(
      "\\begin{tabular}{lrr}\n\\hline\na\\_b & v & n \\\\\n\\hline\nx \\& y & 0.123 & 3 \\\\\n\\hline\n\\end{tabular}\n",
    );
  });
});

describe("LinePlotReportable", () => {
  it("takes one series or named series with shared x", () => {
    expect(new LinePlotReportable([1, 2]).plot.series).toEqual([{ name: null, y: [1, 2], x: null }]);
    const plot = new LinePlotReportable(
      { train: [3, 2], test: new Float32Array([4, 3]) },
      { x: [10, 20], title: "loss", xLabel: "epoch" },
    ).plot;
    expect(plot.series.map((s) => [s.name, s.y, s.x])).toEqual([
      ["train", [3, 2], [10, 20]],
      ["test", [4, 3], [10, 20]],
    ]);
    expect(plot).toMatchObject({ title: "loss", x_label: "epoch", y_label: null });
  });

  it("rejects values JSON cannot hold and mismatched x", () => {
    expect(() => new LinePlotReportable([1, Number.NaN])).toThrow(/y\[1\] is NaN/);
    expect(() => new LinePlotReportable([1, 2], { x: [1] })).toThrow(ReportableError);
  });
});

describe("FigureReportable", () => {
  it("detects SVG text and PNG bytes, and refuses anything else", async () => {
    expect(new FigureReportable('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>').format).toBe(
      "svg",
    );
    expect(new FigureReportable(PNG_HEADER).format).toBe("png");
    expect(new FigureReportable(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])).format).toBe("jpeg");
    expect(() => new FigureReportable("just text")).toThrow(ReportableError);
  });
});

describe("reporting in a run", () => {
  it("writes every kind into run.json and figure/image files into reportables/", async () => {
    const root = await tempRoot();
    const manager = new ArtifactManager("exp", stableOptions(root));
    const image = path.join(root, "plot.svg");
    await writeFile(image, '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>', "utf8");
    const show = stage({ name: "show" }, (record) => {
      record.report(new HtmlReportable(["<p>", "hi", "</p>"], { group: "text" }));
      record.report(new MarkdownReportable("# hi", { group: "text" }));
      record.report(new JsonReportable(new Map([["k", new Set([1])]])));
      record.report(new TableReportable([{ a: 1 }]));
      record.report(new LatexTableReportable([{ a: 1 }]));
      record.report(new LinePlotReportable([1, 2, 3]));
      record.report(new FigureReportable(PNG_HEADER, { name: "fig/../../escape", alt: "a figure" }));
      record.report(new ImageReportable(image, { name: "img" }));
    });
    await manager.run(async () => void (await show(new Record(manager, { name: "a" }))));
    const wire = await readWire(manager.runDir);
    expect(wire.reportables.map((r) => r.kind)).toEqual([
      "html",
      "markdown",
      "json",
      "table",
      "latex",
      "lineplot",
      "figure",
      "image",
    ]);
    expect(wire.reportables.map((r) => r.group)).toEqual(["text", "text", null, null, null, null, null, null]);
    expect(wire.reportables[0]?.data).toEqual({ html: "<p>hi</p>" });
    expect(wire.reportables[2]?.data).toEqual({ value: { k: [1] } });
    const figure = wire.reportables[6];
    // The qualified name holds "/../": the file name made from it stays inside reportables/.
    expect(figure?.file).toMatch(/^reportables\/[^/]+\.png$/);
    expect(figure?.file).not.toContain("..");
    expect(new Uint8Array(await readFile(path.join(manager.runDir, figure?.file as string)))).toEqual(PNG_HEADER);
    const img = wire.reportables[7];
    expect(img?.data).toEqual({ format: "svg", alt: null, source_name: "plot.svg" });
    expect(img?.file).toBe("reportables/a_show_img.svg");
    expect(await readFile(path.join(manager.runDir, img?.file as string), "utf8")).toContain("<rect");
    await readRun(manager.runDir);
  });

  it("numbers unnamed reportables within their record and stage, independent of other records (curifactory's B12)", async () => {
    const manager = new ArtifactManager("exp", stableOptions(await tempRoot()));
    const noisy = stage({ name: "noisy" }, (record) => {
      const count = record.args?.["count"] as number;
      for (let i = 0; i < count; i++) record.report(new JsonReportable(i));
    });
    await noisy(new Record(manager, { name: "many", count: 3 }));
    await noisy(new Record(manager, { name: "one", count: 1 }));
    expect(manager.reportables.map((r) => r.qualifiedName)).toEqual([
      "many_noisy_0",
      "many_noisy_1",
      "many_noisy_2",
      "one_noisy_0",
    ]);
  });

  it("makes qualified names unique in the run with a suffix", async () => {
    const manager = new ArtifactManager("exp", stableOptions(await tempRoot()));
    const twice = stage({ name: "s" }, (record) => {
      record.report(new JsonReportable(1, { name: "x" }));
      record.report(new JsonReportable(2, { name: "x" }));
      record.report(new JsonReportable(3, { name: "x_2" }));
    });
    await twice(new Record(manager, { name: "a" }));
    await twice(new Record(manager, { name: "a" }));
    const names = manager.reportables.map((r) => r.qualifiedName);
    expect(names).toEqual(["a_s_x", "a_s_x_2", "a_s_x_2_2", "a_s_x_3", "a_s_x_4", "a_s_x_2_3"]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("refuses to report the same reportable twice", async () => {
    const manager = new ArtifactManager("exp", stableOptions(await tempRoot()));
    const record = new Record(manager, { name: "a" });
    const reportable = new JsonReportable(1);
    record.report(reportable);
    expect(() => record.report(reportable)).toThrow(ReportableError);
  });

  it("turns a reportable that fails to render into a visible error instead of losing the run", async () => {
    const root = await tempRoot();
    const manager = new ArtifactManager("exp", stableOptions(root));
    await mkdir(path.join(root, "gone"));
    const record = new Record(manager, { name: "a" });
    record.report(new ImageReportable(path.join(root, "gone", "missing.png"), { name: "lost" }));
    await manager.finish();
    const wire = await readWire(manager.runDir);
    expect(wire.run_info.status).toBe("complete");
    expect(wire.reportables[0]?.kind).toBe("html");
    expect(JSON.stringify(wire.reportables[0]?.data)).toContain("failed to render");
    expect(await readFile(path.join(manager.runDir, "log.txt"), "utf8")).toContain("a_none_lost failed to render");
  });
});
