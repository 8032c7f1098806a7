/**
 * The cost of the site's in-browser comparison data (issue 10): the size of one report's
 * `compare-data.js` and the time to make it, at 1,000 and 10,000 records (each with two stages and
 * two outputs, a table and a JSON reportable per 100 records), and the time the comparison core
 * takes on two such runs, as compare.html runs it in the browser. Bounded by SITE_LIMITS.
 */
import { compareData } from "../src/render/compareCore.js";
import { compareDataOf, compareDataScript, SITE_LIMITS } from "../src/render/compareData.js";
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
      artifacts.push({ index: artifacts.length, record: i, name, string: `${name}(depth=${i % 7}, version=${version})`, path: null, metadata: null });
      return artifacts.length - 1;
    });
    return { ...r, stages: ["train", "evaluate"], stageInputs: [[], []], stageOutputs: [outputs, []] };
  });
  const reportables: Reportable[] = Array.from({ length: Math.ceil(n / 100) }, (_, k) => [
    { kind: "json" as const, value: { k, threshold: 0.5 + version / 10 }, qualifiedName: `config_${k}`, name: `config_${k}`, group: null, record: k * 100, stage: "train", files: [] },
    { kind: "table" as const, table: { columns: ["fold", "accuracy"], columnTypes: ["int" as const, "float" as const], index: null, rows: Array.from({ length: 10 }, (_, f) => [f, 0.5 + f / 100 + version / 10]), floatPrecision: 3 }, qualifiedName: `folds_${k}`, name: `folds_${k}`, group: null, record: k * 100, stage: "evaluate", files: [] },
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

/** Size and time of compare-data.js, and of comparing two runs in the core, per size. */
export function compareFigures(): Figure[] {
  return [1_000, 10_000].flatMap((n) => {
    progress(`comparison data of ${n} records`);
    const [a, b] = [richSweep(n, 1), richSweep(n, 2)];
    const make = medianMs(() => compareDataScript(compareDataOf(a, { limits: SITE_LIMITS })));
    const dataA = compareDataOf(a, { limits: SITE_LIMITS });
    const bytes = Buffer.byteLength(compareDataScript(dataA));
    const dataB = compareDataOf(b, { limits: SITE_LIMITS });
    const core = medianMs(() => compareData([dataA, dataB]));
    const cut = dataA.cut.length === 0 ? "nothing cut" : dataA.partial ? `stage outputs as digests, the first ${dataA.records.length} records kept` : "stage outputs as digests";
    return [
      { name: `compare-data.js, ${n} records (${Math.round(bytes / 1024)} KiB, ${cut})`, target: `≤ ${SITE_LIMITS.maxBytes / 1024 / 1024} MiB`, measured: seconds(make), pass: bytes <= SITE_LIMITS.maxBytes },
      { name: `comparison core on two runs of ${n} records (as compare.html runs it)`, target: "—", measured: seconds(core), pass: null },
    ];
  });
}
