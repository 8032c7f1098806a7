import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyseSweep } from "../../../src/render/analysis/analyse.js";
import type { SweepAnalysis } from "../../../src/render/analysis/model.js";
import {
  ANALYSIS_SCHEMA_VERSION,
  analysisDocument,
  analysisJson,
  MAX_ANALYSIS_BYTES,
  readAnalysisText,
} from "../../../src/render/formats/analysis.js";
import { InvalidFormatError, UnsupportedVersionError } from "../../../src/util/errors.js";
import { LRS, runOf, truthSweep } from "../analysis/sweeps.js";

function analyse(run: Parameters<typeof analyseSweep>[0]): SweepAnalysis {
  const a = analyseSweep(run);
  if (a === null) throw new Error("expected an analysis");
  return a;
}

/** Sweeps that exercise every optional part: groups and a verdict, categories with boxes, single records, binned means. */
const SWEEPS: [string, SweepAnalysis][] = [
  ["grouped by seed, with a heat map", analyse(truthSweep())],
  [
    "categorical",
    analyse(
      runOf(
        Array.from({ length: 30 }, (_, i) => ({
          args: { opt: ["a", "b", "c"][i % 3]!, seed: i },
          metrics: { loss: i % 3 },
        })),
      ),
    ),
  ],
  [
    "single records, binned means",
    analyse(
      runOf(
        Array.from({ length: 40 }, (_, i) => ({ args: { lr: 10 ** (-4 + (3 * i) / 40) }, metrics: { score: i } })),
        { score: "max" },
      ),
    ),
  ],
  ["one record per lr", analyse(runOf(LRS.map((lr, i) => ({ args: { lr }, metrics: { accuracy: i } }))))],
];

/** The error `fn` throws, which must be one of a refused format. */
function refused(fn: () => unknown): InvalidFormatError | UnsupportedVersionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidFormatError || error instanceof UnsupportedVersionError) return error;
    throw error;
  }
  throw new Error("expected the file to be refused");
}

describe("the published analysis file", () => {
  it.each(SWEEPS)("fits its schema and reads back to the same document: %s", (_, a) => {
    const text = analysisJson(a);
    expect(text.endsWith("}\n")).toBe(true);
    expect(readAnalysisText(text, "analysis.json")).toEqual(JSON.parse(JSON.stringify(analysisDocument(a))));
  });

  it("writes its keys in the schema's order and carries its version", () => {
    const schema = JSON.parse(readFileSync(path.resolve("schema/analysis.schema.json"), "utf8")) as {
      properties: object;
      required: string[];
    };
    const doc = analysisDocument(SWEEPS[0]![1]);
    expect(Object.keys(doc)).toEqual(Object.keys(schema.properties));
    expect(schema.required).toEqual(Object.keys(schema.properties));
    expect(doc.schema_version).toBe(ANALYSIS_SCHEMA_VERSION);
  });

  it("holds the numbers people post-process: shares, the verdict, group statistics, the best configuration", () => {
    const doc = JSON.parse(analysisJson(SWEEPS[0]![1])) as {
      metrics: {
        importance: { ranking: { arg: string; share: number }[] };
        groups: { total: number; verdict: { significant: boolean } };
      }[];
      best: { kind: string; records: number[] };
    };
    expect(doc.metrics[0]?.importance.ranking.map((r) => r.arg)).toEqual(["lr", "wd", "batch"]);
    expect(doc.metrics[0]?.groups.total).toBe(36);
    expect(doc.metrics[0]?.groups.verdict.significant).toBe(false);
    expect(doc.best).toMatchObject({ kind: "group" });
    expect(doc.best.records).toHaveLength(5);
  });

  it("refuses a version it does not read, naming the supported one", () => {
    const text = analysisJson(SWEEPS[0]![1]).replace('"schema_version": 1', '"schema_version": 2');
    const error = refused(() => readAnalysisText(text, "site/r/analysis.json"));
    expect(error).toBeInstanceOf(UnsupportedVersionError);
    expect(error.message).toContain("site/r/analysis.json");
    expect(error.message).toContain("reads schema_version 1 only");
  });

  it("names the file and the JSON pointer of each problem, all at once", () => {
    const doc = JSON.parse(analysisJson(SWEEPS[0]![1])) as {
      metrics: { importance: { ranking: { share: number }[] } }[];
      records: unknown;
    };
    doc.metrics[0]!.importance.ranking[0]!.share = 2;
    doc.records = "many";
    const error = refused(() => readAnalysisText(JSON.stringify(doc), "analysis.json"));
    expect(error.message).toContain("/records");
    expect(error.message).toContain("/metrics/0/importance/ranking/0/share");
    expect(error.exitCode).toBe(4);
    expect(refused(() => readAnalysisText("{", "a.json")).message).toContain("a.json");
  });

  it("refuses a file over its bound without parsing it", () => {
    const error = refused(() => readAnalysisText(" ".repeat(MAX_ANALYSIS_BYTES + 1), "big/analysis.json"));
    expect(error.message).toContain(`${MAX_ANALYSIS_BYTES}-byte bound`);
  });
});
