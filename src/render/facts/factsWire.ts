/**
 * Run facts (runFacts.ts) as JSON and back: the form of `results.json`, `latest.json` and the
 * comparison data files. Kept apart from runFacts.ts, which needs Node's crypto, so that the
 * browser's comparison (src/browser/) bundles it too. Every object keyed by names from input has
 * no prototype (`recordOf`), and judgements are a Map, so an args set or metric named `__proto__`
 * survives the round trip. Files are checked against schema/results.schema.json first
 * (formats/results.ts); the checks here guard the browser, which reads the data without the
 * compiled schema.
 */
import type { JsonValue } from "../../run/model.js";
import { CuriError } from "../../util/errors.js";
import { recordOf } from "../../util/records.js";
import { wellKnownGoal, type GoalSource, type MetricJudgement, type Tolerance } from "./metricGoals.js";
import type { MetricGoal } from "./metrics.js";

/** Version of the facts format written (2: `metric_goals` with each goal's source and tolerance, `primary_metric`). */
export const FACTS_VERSION = 2;

/** Versions read: version 1 (`goals`, name → min|max) is converted, see `judgementsFromV1`. */
export const FACTS_VERSIONS: readonly number[] = [FACTS_VERSION, 1];

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
  /** What is known of each metric: goal, the goal's source, declared tolerance. */
  readonly judgements: ReadonlyMap<string, MetricJudgement>;
  /** The metric that ranks records (declared, else the first with a known goal), or null. */
  readonly primary: string | null;
}

/** JSON cannot hold NaN or the infinities: they are written as schema v2's `{"$float": …}`. */
function wireNumber(n: number): JsonValue {
  return Number.isFinite(n) ? n : { $float: String(n) };
}

function wireMetrics(m: Readonly<Record<string, number>>): Record<string, JsonValue> {
  return recordOf(Object.entries(m).map(([k, v]) => [k, wireNumber(v)]));
}

/** A judgement as JSON: `{goal, source}` and the tolerance when one was declared. */
function wireJudgement(j: MetricJudgement): JsonValue {
  return {
    goal: j.goal,
    source: j.source,
    ...(j.tolerance === null ? {} : { tolerance: { abs: j.tolerance.abs, rel: j.tolerance.rel } }),
  };
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
    metric_goals: recordOf([...f.judgements].map(([k, j]) => [k, wireJudgement(j)])),
    primary_metric: f.primary,
  };
}

/**
 * How version 1 writers guessed a goal the run did not declare: any name containing one of these,
 * else "max". Frozen with that version: it tells a declared goal (one that differs from this
 * guess) from a guessed one when a version 1 file is read.
 */
const V1_GUESS = /loss|error|err|mse|rmse|mae|time|latency|perplexity/i;

/**
 * Version 1 `goals` as judgements. A goal unlike version 1's guess was declared; one equal to it
 * is a guess, kept only where today's rules guess the same from a well-known word (version 1
 * called every unknown name higher-is-better, which is what led reviewers astray).
 */
export function judgementsFromV1(goals: Readonly<Record<string, MetricGoal>>): Map<string, MetricJudgement> {
  const out = new Map<string, MetricJudgement>();
  for (const [name, goal] of Object.entries(goals)) {
    const v1 = V1_GUESS.test(name) ? "min" : "max";
    if (goal !== v1) out.set(name, { goal, source: "declared", tolerance: null });
    else if (wellKnownGoal(name) === goal) out.set(name, { goal, source: "guessed", tolerance: null });
    else out.set(name, { goal: null, source: "unknown", tolerance: null });
  }
  return out;
}

/** Reads facts written by `factsToJson` (version 1 or 2); `file` names the source in errors. Throws CuriError naming the JSON pointer. */
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
  const goalAt = (g: unknown, pointer: string): MetricGoal =>
    g === "min" ? "min" : g === "max" ? "max" : bad(pointer, '"min" or "max"');
  const root = obj(json, "");
  if (!FACTS_VERSIONS.includes(root.facts_version as number)) bad("/facts_version", FACTS_VERSIONS.join(" or "));
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
  const judgementAt = (v: unknown, p: string): MetricJudgement => {
    const o = obj(v, p);
    const source: GoalSource =
      o.source === "declared" || o.source === "guessed" || o.source === "unknown"
        ? o.source
        : bad(`${p}/source`, '"declared", "guessed" or "unknown"');
    const goal = source === "unknown" ? null : goalAt(o.goal, `${p}/goal`);
    const t = o.tolerance === undefined ? null : obj(o.tolerance, `${p}/tolerance`);
    const tolerance: Tolerance | null =
      t === null ? null : { abs: num(t.abs, `${p}/tolerance/abs`), rel: num(t.rel, `${p}/tolerance/rel`) };
    return { goal, source, tolerance };
  };
  const v1 = root.facts_version === 1;
  const judgements = v1
    ? judgementsFromV1(
        recordOf(Object.entries(obj(root.goals, "/goals")).map(([k, g]) => [k, goalAt(g, `/goals/${k}`)])),
      )
    : new Map(
        Object.entries(obj(root.metric_goals, "/metric_goals")).map(([k, j]) => [
          k,
          judgementAt(j, `/metric_goals/${k}`),
        ]),
      );
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
    judgements,
    primary: v1 || root.primary_metric === null ? null : str(root.primary_metric, "/primary_metric"),
  };
}
