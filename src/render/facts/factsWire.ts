/**
 * Run facts (runFacts.ts) as JSON and back: the form of `results.json`, `latest.json` and the
 * comparison data files. Kept apart from runFacts.ts, which needs Node's crypto, so that the
 * browser's comparison (src/browser/) bundles it too. Every object keyed by names from input has
 * no prototype (`recordOf`), so an args set or metric named `__proto__` survives the round trip.
 * Files are checked against schema/results.schema.json first (formats/results.ts); the checks here
 * guard the browser, which reads the data without the compiled schema.
 */
import type { JsonValue } from "../../run/model.js";
import { CuriError } from "../../util/errors.js";
import { recordOf } from "../../util/records.js";
import type { MetricGoal } from "./metrics.js";

/** Version of the facts format inside results.json / latest.json. */
export const FACTS_VERSION = 1;

/** Comparable facts of one run. Numbers are headline values (a series' last step). */
export interface RunFacts {
  readonly reference: string;
  readonly experimentName: string;
  readonly timestamp: string;
  readonly status: string;
  /** Args sets by name: hash and each value as canonical JSON (clipped: a huge value only needs to compare). */
  readonly args: Readonly<Record<string, { readonly hash: string; readonly values: Readonly<Record<string, string>> }>>;
  /** Run-level metrics (the run's own and aggregate records'). */
  readonly runMetrics: Readonly<Record<string, number>>;
  /** Per record key (see `recordKeys`), its metrics. */
  readonly recordMetrics: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly goals: Readonly<Record<string, MetricGoal>>;
}

/** JSON cannot hold NaN or the infinities: they are written as schema v2's `{"$float": …}`. */
function wireNumber(n: number): JsonValue {
  return Number.isFinite(n) ? n : { $float: String(n) };
}

function wireMetrics(m: Readonly<Record<string, number>>): Record<string, JsonValue> {
  return recordOf(Object.entries(m).map(([k, v]) => [k, wireNumber(v)]));
}

/** Facts as JSON (snake_case, like run.json). */
export function factsToJson(f: RunFacts): Record<string, JsonValue> {
  return {
    facts_version: FACTS_VERSION,
    reference: f.reference,
    experiment_name: f.experimentName,
    timestamp: f.timestamp,
    status: f.status,
    args: recordOf(Object.entries(f.args).map(([k, a]) => [k, { hash: a.hash, values: a.values }])),
    run_metrics: wireMetrics(f.runMetrics),
    record_metrics: recordOf(Object.entries(f.recordMetrics).map(([k, m]) => [k, wireMetrics(m)])),
    goals: f.goals,
  };
}

/** Reads facts written by `factsToJson`; `file` names the source in errors. Throws CuriError naming the JSON pointer. */
export function factsFromJson(json: unknown, file: string): RunFacts {
  const bad = (pointer: string, what: string): never => {
    throw new CuriError(
      `${file}${pointer}: expected ${what}; pass a run folder or the latest.json of a site built by this curi-report version.`,
    );
  };
  const obj = (v: unknown, pointer: string): Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : bad(pointer, "an object");
  const str = (v: unknown, pointer: string): string => (typeof v === "string" ? v : bad(pointer, "a string"));
  const num = (v: unknown, pointer: string): number => {
    if (typeof v === "number") return v;
    const tag = typeof v === "object" && v !== null ? (v as Record<string, unknown>)["$float"] : undefined;
    if (tag === "NaN" || tag === "Infinity" || tag === "-Infinity") return Number(tag);
    return bad(pointer, "a number");
  };
  const root = obj(json, "");
  if (root.facts_version !== FACTS_VERSION) bad("/facts_version", `${FACTS_VERSION}`);
  const metricsAt = (v: unknown, p: string) =>
    recordOf(Object.entries(obj(v, p)).map(([k, x]) => [k, num(x, `${p}/${k}`)]));
  const args = recordOf(
    Object.entries(obj(root.args, "/args")).map(([k, a]) => {
      const o = obj(a, `/args/${k}`);
      const values = recordOf(
        Object.entries(obj(o.values, `/args/${k}/values`)).map(([key, v]) => [key, str(v, `/args/${k}/values/${key}`)]),
      );
      return [k, { hash: str(o.hash, `/args/${k}/hash`), values }];
    }),
  );
  const goals = recordOf(
    Object.entries(obj(root.goals, "/goals")).map(([k, g]) => [
      k,
      g === "min" ? "min" : g === "max" ? "max" : bad(`/goals/${k}`, '"min" or "max"'),
    ]),
  ) as Record<string, MetricGoal>;
  return {
    reference: str(root.reference, "/reference"),
    experimentName: str(root.experiment_name, "/experiment_name"),
    timestamp: str(root.timestamp, "/timestamp"),
    status: str(root.status, "/status"),
    args,
    runMetrics: metricsAt(root.run_metrics, "/run_metrics"),
    recordMetrics: recordOf(
      Object.entries(obj(root.record_metrics, "/record_metrics")).map(([k, m]) => [
        k,
        metricsAt(m, `/record_metrics/${k}`),
      ]),
    ),
    goals,
  };
}
