/** Runs for page tests: a run with every section filled in, built from the shared RunBuilder. */
import type { ArgsSet, JsonValue, Reportable, Run, RunInfo } from "../../../src/run/model.js";
import { RunBuilder } from "../helpers/runs.js";

/** A JSON reportable on `record` with an optional group. */
export function json(
  qualifiedName: string,
  record: number,
  group: string | null = null,
  value: JsonValue = 1,
): Reportable {
  return { qualifiedName, name: qualifiedName, group, record, stage: "fit", files: [], kind: "json", value };
}

/** Two args sets that differ in `lr` and `model`, and agree on `seed`. */
export function twoArgs(): ArgsSet[] {
  return [
    {
      name: "baseline",
      hash: "25835102b5c3a5842e7ac87658365c7bd",
      values: { name: "baseline", lr: 0.1, seed: 1, model: { kind: "lr", depth: 2 } },
      ignored: [],
      reprs: {},
    },
    {
      name: "noisy",
      hash: "1b2e0b91ba94b00f01ae33840e870ec7b",
      values: { name: "noisy", lr: 0.2, seed: 1, model: { depth: 2, kind: "rf" }, extra: true },
      ignored: [],
      reprs: {},
    },
  ];
}

/**
 * Two records (baseline, noisy) with load → fit stages and an aggregate, args for both, a log,
 * and reportables in groups "tables" and "figures" interleaved with ungrouped ones.
 */
export function richRun(info: Partial<RunInfo> = {}, reportables?: Reportable[]): Run {
  const b = new RunBuilder({
    reference: "synthetic_all_3_2026-11-26-T233947",
    experimentName: "synthetic_all",
    runNumber: 3,
    timestamp: "2026-11-26-T233947",
    params: {
      synthetic_all: [
        ["baseline", "25835102b5c3a5842e7ac87658365c7bd"],
        ["noisy", "1b2e0b91ba94b00f01ae33840e870ec7b"],
      ],
    },
    paramFiles: ["synthetic_all"],
    ...info,
  });
  const finals: number[] = [];
  for (const name of ["baseline", "noisy"]) {
    const r = b.record(name);
    const [data] = b.stage(r, "load", { outputs: ["data"] });
    const [model] = b.stage(r, "fit", { inputs: [data ?? 0], outputs: ["model"] });
    finals.push(model ?? 0);
  }
  const agg = b.record(null, { aggregate: true, inputRecords: [0, 1] });
  b.stage(agg, "compare", { inputs: finals, outputs: [{ name: "scores", path: null }] });
  const run = b.build();
  return {
    ...run,
    args: twoArgs(),
    log: { relative: "log.txt", absolute: "/nonexistent/runs/test_1/log.txt" },
    reportables: reportables ?? [
      json("baseline_fit_training_history", 0),
      json("baseline_load_describe", 0, "tables"),
      json("baseline_fit_scatter", 0, "figures"),
      json("noisy_load_describe", 1, "tables"),
      json("(Aggregate)_compare_23", 2),
      json("noisy_fit_scatter", 1, "figures"),
    ],
  };
}
