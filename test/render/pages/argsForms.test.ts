/**
 * Issue 20 point 1 and issue 23 point 15: params left out of the hash (args `ignored`) and the
 * producer's string forms (args `reprs`) were in run.json and in no file of the site. Now an
 * ignored param is shown apart ("not in the hash") and is neither a differing-args column nor a
 * results-table column, and a value JSON cannot hold shows as its string form: `(100,)`, not `[100]`.
 */
import { describe, expect, it } from "vitest";
import { renderReport, type RenderedReport } from "../../../src/render/report.js";
import type { ArgsSet, Run } from "../../../src/run/model.js";
import { syntheticRun } from "../helpers/runs.js";
import { decodeEntities, fileText, pageProblems, textOf } from "./pageCheck.js";

const N = 3;

/** Three records whose args differ in `lr`, and in `num_gpus`, which curifactory leaves out of the hash. */
function run(): Run {
  const base = syntheticRun(N, { stages: ["train"], outputsPerStage: 1 });
  const args: ArgsSet[] = Array.from({ length: N }, (_, i) => ({
    name: `set${i}`,
    hash: `hash${i}`,
    values: { name: `set${i}`, layers: [100], lr: 0.1 * (i + 1), num_gpus: i + 1 },
    ignored: ["num_gpus"],
    reprs: { layers: "(100,)" },
  }));
  return {
    ...base,
    info: { ...base.info, params: { params: args.map((a) => [a.name, a.hash] as const) } },
    args,
    records: base.records.map((r) =>
      r.isAggregate
        ? r
        : { ...r, argsName: `set${r.index}`, argsHash: `hash${r.index}`, metrics: { accuracy: 0.5 + r.index / 10 } },
    ),
  };
}

let rendered: Promise<RenderedReport> | null = null;
/** The report of `run()`, rendered once for the file. */
function report(): Promise<RenderedReport> {
  rendered ??= renderReport(run(), { version: "0.0.0-test" });
  return rendered;
}

/** The text of each `<pre class="…">` block with class `cls` in `html`. */
function blocks(html: string, cls: string): string[] {
  return textOf(html, new RegExp(`<pre class="${cls}"><code>([\\s\\S]*?)</code></pre>`, "g")).map(decodeEntities);
}

describe("args on the run page", () => {
  it("show the string form and keep the params left out of the hash apart", async () => {
    const html = fileText(await report(), "index.html");
    const args = /<section class="args" id="args">[\s\S]*?<p class="back">/.exec(html)?.[0] ?? "";
    expect(blocks(args, "json")[0]).toBe('{\n  "name": "set0",\n  "layers": (100,),\n  "lr": 0.1\n}');
    expect(blocks(args, "json args-ignored")).toEqual([
      '{\n  "num_gpus": 1\n}',
      '{\n  "num_gpus": 2\n}',
      '{\n  "num_gpus": 3\n}',
    ]);
    expect(args).toContain("Not in the hash (changing these does not make another args set):");
    expect(args).not.toContain("[100]");
  });

  it("compare only the params in the hash, naming the others", async () => {
    const html = fileText(await report(), "index.html");
    const diff = /<section class="args-diff"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    expect(textOf(diff, /<th scope="col">([^<]*)<\/th>/g)).toEqual(["args set", "lr"]);
    expect(decodeEntities(diff)).toContain("Not in the hash, so not compared: num_gpus (it differs between args sets");
    expect(decodeEntities(diff)).toContain("1 more key has the same value in every args set.");
  });

  it("leave ignored params out of the results table's columns", async () => {
    const html = fileText(await report(), "index.html");
    const table = /<table class="results-table"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    const columns = textOf(table, /<th scope="col" class="arg"[^>]*>([^<]*)<\/th>/g);
    expect(columns).toEqual(["lr"]);
    expect(pageProblems(html)).toEqual([]);
  });
});

describe("args elsewhere", () => {
  it("a record page shows the string form and the params not in the hash", async () => {
    const html = fileText(await report(), "records/1.html");
    expect(blocks(html, "json")[0]).toBe('{\n  "name": "set1",\n  "layers": (100,),\n  "lr": 0.2\n}');
    expect(blocks(html, "json args-ignored")).toEqual(['{\n  "num_gpus": 2\n}']);
    expect(pageProblems(html)).toEqual([]);
  });

  it("run_info.json's args summary (the index's changed args) leaves ignored params out and keeps string forms", async () => {
    const info = JSON.parse(fileText(await report(), "run_info.json")) as { args_summary: Record<string, string[]> };
    expect(info.args_summary).toEqual({ layers: ["(100,)"], lr: ["0.1", "0.2", "0.30000000000000004"] });
  });
});
