/**
 * The cost of the site's in-browser comparison data (issue 10): the size of one report's
 * `compare-data.js` and its chunk files and the time to make them, at 1,000, 10,000 and 50,000
 * records (each with two stages and two outputs, a table and a JSON reportable per 100 records),
 * and the time the comparison core takes on two such runs, as compare.html runs it in the browser.
 * Each file is bounded by SITE_LIMITS; every record is kept.
 */
import { RunContext } from "../src/render/context.js";
import { compareData } from "../src/render/compare/compareCore.js";
import { compareDataOf, SITE_LIMITS } from "../src/render/compare/compareData.js";
import { mergeCompareData, type CompareDataChunk } from "../src/render/compare/compareChunks.js";
import {
  compareDataFiles,
  parseCompareDataChunk,
  parseCompareDataScript,
} from "../src/render/compare/compareDataFiles.js";
import type { Reportable, Run, RunArtifact } from "../src/run/model.js";
import { progress } from "./common.js";
import { seconds, type Figure } from "./results.js";
import { sweep } from "./resultsBench.js";

/** A sweep of `n` records with stage outputs and reportables; `version` changes every model's representation. */
function richSweep(n: number, version: number): Run {
  const base = sweep(n);
  const artifacts: RunArtifact[] = [];
  const records = base.records.map((r, i) => {
    const outputs = ["model", "scores"].map((name) => {
      artifacts.push({
        index: artifacts.length,
        record: i,
        name,
        string: `${name}(depth=${i % 7}, version=${version})`,
        path: null,
        metadata: null,
      });
      return artifacts.length - 1;
    });
    return { ...r, stages: ["train", "evaluate"], stageInputs: [[], []], stageOutputs: [outputs, []] };
  });
  const reportables: Reportable[] = Array.from({ length: Math.ceil(n / 100) }, (_, k) => [
    {
      kind: "json" as const,
      value: { k, threshold: 0.5 + version / 10 },
      qualifiedName: `config_${k}`,
      name: `config_${k}`,
      group: null,
      record: k * 100,
      stage: "train",
      files: [],
    },
    {
      kind: "table" as const,
      table: {
        columns: ["fold", "accuracy"],
        columnTypes: ["int" as const, "float" as const],
        index: null,
        rows: Array.from({ length: 10 }, (_, f) => [f, 0.5 + f / 100 + version / 10]),
        floatPrecision: 3,
      },
      qualifiedName: `folds_${k}`,
      name: `folds_${k}`,
      group: null,
      record: k * 100,
      stage: "evaluate",
      files: [],
    },
  ]).flat();
  return { ...base, records, artifacts, reportables };
}

/** Median milliseconds of three runs of `fn`. */
function medianMs(fn: () => unknown): number {
  const times = [0, 1, 2].map(() => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  });
  return times.sort((a, b) => a - b)[1] as number;
}

/** The sizes of the data files of `run` as a site writes them, and how many records read back from them. */
function writtenAndRead(run: Run): { bytes: number[]; kept: number } {
  const data = compareDataOf(new RunContext(run), { limits: SITE_LIMITS });
  const [main, ...chunks] = compareDataFiles(data, SITE_LIMITS.maxBytes);
  const head = main === undefined ? null : parseCompareDataScript(main.text, data.folder);
  const parts = head === null ? [] : chunks.map((c, i) => parseCompareDataChunk(c.text, head, i + 1));
  const back = head === null || parts.includes(null) ? null : mergeCompareData(head, parts as CompareDataChunk[]);
  return { bytes: [main, ...chunks].map((f) => Buffer.byteLength(f?.text ?? "")), kept: back?.records.length ?? 0 };
}

/** Size and time of the comparison data files, and of comparing two runs in the core, per size. */
export function compareFigures(): Figure[] {
  const figures: Figure[] = [];
  for (const n of [1_000, 10_000, 50_000]) {
    progress(`comparison data of ${n} records`);
    const [a, b] = [richSweep(n, 1), richSweep(n, 2)];
    const make = medianMs(() =>
      compareDataFiles(compareDataOf(new RunContext(a), { limits: SITE_LIMITS }), SITE_LIMITS.maxBytes),
    );
    const { bytes, kept } = writtenAndRead(a);
    const dataA = compareDataOf(new RunContext(a), { limits: SITE_LIMITS });
    const dataB = compareDataOf(new RunContext(b), { limits: SITE_LIMITS });
    const core = medianMs(() => compareData([dataA, dataB]));
    const total = bytes.reduce((x, y) => x + y, 0);
    const cut = dataA.cut.length === 0 ? "nothing cut" : "stage outputs as digests";
    figures.push(
      {
        name: `compare-data files, ${n} records (${Math.round(total / 1024)} KiB in ${bytes.length} file${bytes.length === 1 ? "" : "s"}, largest ${Math.round(Math.max(...bytes) / 1024)} KiB, ${cut}, ${kept} records read back)`,
        target: `each ≤ ${SITE_LIMITS.maxBytes / 1024 / 1024} MiB, every record kept`,
        measured: seconds(make),
        pass: Math.max(...bytes) <= SITE_LIMITS.maxBytes && kept === n,
      },
      {
        name: `comparison core on two runs of ${n} records (as compare.html runs it)`,
        target: "—",
        measured: seconds(core),
        pass: null,
      },
    );
  }
  return figures;
}
