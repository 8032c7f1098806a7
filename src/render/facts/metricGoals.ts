/**
 * Which way a metric is better, and how much change is noise: declared, guessed from a well-known
 * name, or unknown. A metric's goal comes from the first of these that has one: the run's own
 * declaration (`logMetric(…, { goal })`, `manager.declareMetrics`, Python's `declare_metrics`, in
 * run.json), then the project file (`curi-report.config.json`, exact names and `*` patterns), then
 * a well-known word of its name (loss → lower is better). Anything else is *unknown*: it gets no
 * star and no better/worse word anywhere, only deltas, because a guess that is wrong (a loss
 * called higher-is-better) misleads a reviewer more than no verdict. Browser-safe: compare.html
 * judges changes with this same code.
 */
import type { MetricGoal } from "../../run/model.js";
import { clipField, groupDigits } from "../../util/clip.js";

/** Where a metric's goal came from. */
export type GoalSource = "declared" | "guessed" | "unknown";

/**
 * How far a value may move and still count as unchanged: `|b − a| ≤ max(abs, rel × max(|a|, |b|))`.
 * A declared tolerance makes such changes "within noise"; without one, only float noise is "same".
 */
export interface Tolerance {
  readonly abs: number;
  readonly rel: number;
}

/** What is known about one metric: its goal, where that came from, and its declared tolerance. */
export interface MetricJudgement {
  readonly goal: MetricGoal | null;
  readonly source: GoalSource;
  /** The declared tolerance, or null (then only float noise, `FLOAT_NOISE`, is "same"). */
  readonly tolerance: Tolerance | null;
}

/** Metric declarations of one source. Keys are metric names or, in a project file, `*` patterns. */
export interface MetricDeclarations {
  readonly primary: string | null;
  readonly goals: ReadonlyMap<string, MetricGoal>;
  readonly tolerances: ReadonlyMap<string, Tolerance>;
}

/** No declarations at all. */
export const NO_DECLARATIONS: MetricDeclarations = { primary: null, goals: new Map(), tolerances: new Map() };

/**
 * Float noise: the difference two runs of the same computation may show (`0.16614 → 0.16614
 * (-1.832e-15)`). Changes this small are "same" for every metric, declared or not.
 */
export const FLOAT_NOISE: Tolerance = { abs: 0, rel: 1e-9 };

/** Words of a name that mean "lower is better" (whole words only). Keep in sync with README "Metrics". */
const MIN_WORDS = new Set(["loss", "error", "err", "mse", "rmse", "mae", "latency", "time", "duration", "perplexity"]);
/** Words of a name that mean "higher is better" (whole words only). Keep in sync with README "Metrics". */
const MAX_WORDS = new Set(["accuracy", "acc", "f1", "auc", "precision", "recall"]);

/** The words of a metric name: split at anything but letters and digits, and at camelCase humps. */
export function nameWords(name: string): string[] {
  return name
    .slice(0, 1_000)
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/**
 * The goal a well-known word of `name` implies (`val_loss` → min, `top1_acc` → max), or null when
 * no word is known or words of both kinds appear (`loss_acc`): then nothing is guessed.
 */
export function wellKnownGoal(name: string): MetricGoal | null {
  const words = nameWords(name);
  const min = words.some((w) => MIN_WORDS.has(w));
  const max = words.some((w) => MAX_WORDS.has(w));
  return min === max ? null : min ? "min" : "max";
}

/**
 * Whether `name` matches `pattern`, where `*` stands for any run of characters (none included) and
 * every other character for itself. Greedy with one backtrack point, so it takes time linear in
 * the lengths for any pattern (a regular expression built from a hostile pattern could take
 * exponential time).
 */
export function matchesPattern(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (p < pattern.length && pattern[p] !== "*" && pattern[p] === name[n]) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      resume = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}

/** The entry of `map` for `name`: its exact key, else the matching pattern with the most literal characters (first wins a tie). */
export function declaredFor<T>(map: ReadonlyMap<string, T>, name: string): T | undefined {
  const exact = map.get(name);
  if (exact !== undefined) return exact;
  let best: { literal: number; value: T } | undefined;
  for (const [key, value] of map) {
    if (!key.includes("*") || !matchesPattern(key, name)) continue;
    const literal = key.replaceAll("*", "").length;
    if (best === undefined || literal > best.literal) best = { literal, value };
  }
  return best?.value;
}

/** Judges metric `name` by `layers` (highest precedence first), then by its well-known words. */
export function judgeMetric(name: string, layers: readonly MetricDeclarations[]): MetricJudgement {
  let goal: MetricGoal | undefined;
  let tolerance: Tolerance | undefined;
  for (const layer of layers) {
    goal ??= declaredFor(layer.goals, name);
    tolerance ??= declaredFor(layer.tolerances, name);
  }
  if (goal !== undefined) return { goal, source: "declared", tolerance: tolerance ?? null };
  const guessed = wellKnownGoal(name);
  return { goal: guessed, source: guessed === null ? "unknown" : "guessed", tolerance: tolerance ?? null };
}

/** How a value compares with the base's, for a metric present in both. */
export type ChangeVerdict = "better" | "worse" | "same" | "noise" | "changed";

/** True when `a` and `b` differ by at most `t` (NaN equals NaN; an infinity only itself). */
export function withinTolerance(a: number, b: number, t: Tolerance): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const diff = Math.abs(b - a);
  return diff <= Math.max(t.abs, t.rel * Math.max(Math.abs(a), Math.abs(b)));
}

/**
 * How `value` compares with `base` for a metric judged `j`: "same" within float noise, "noise"
 * within its declared tolerance, "changed" when its goal is unknown, else "better" or "worse"
 * (a finite value is better than NaN).
 */
export function changeVerdict(base: number, value: number, j: MetricJudgement): ChangeVerdict {
  if (withinTolerance(base, value, FLOAT_NOISE)) return "same";
  if (j.tolerance !== null && withinTolerance(base, value, j.tolerance)) return "noise";
  if (j.goal === null) return "changed";
  if (Number.isNaN(value)) return "worse";
  if (Number.isNaN(base)) return "better";
  return (j.goal === "min" ? value < base : value > base) ? "better" : "worse";
}

/** How a run's value compares with the base's, or that one of them lacks it. */
export type Verdict = ChangeVerdict | "added" | "removed";

/** The verdict of `value` against `base` (either null where its run lacks the metric). */
export function verdictOf(base: number | null, value: number | null, j: MetricJudgement): Verdict {
  if (value === null) return "removed";
  if (base === null) return "added";
  return changeVerdict(base, value, j);
}

/** Words for a goal and its source, for tooltips and notes: "lower is better (guessed from the name)". */
export function goalWords(j: MetricJudgement): string {
  if (j.goal === null) return "goal unknown: no better or worse";
  const way = j.goal === "min" ? "lower is better" : "higher is better";
  return j.source === "guessed" ? `${way} (guessed from the name)` : way;
}

/** How to declare goals, said wherever a goal was guessed or is unknown. Keep in sync with README "Metrics". */
export const DECLARE_HINT =
  'Declare goals with logMetric(name, value, { goal: "min" }), manager.declareMetrics({ goals }) (Python: curi_report.declare_metrics), or curi-report.config.json beside runs/.';

/**
 * What the reader should know of the goals, in sentences: which were guessed from a name, which
 * are unknown (no better or worse is said of them), and how to declare them. Empty when every
 * goal was declared.
 */
export function goalNotes(judgements: ReadonlyMap<string, { readonly source: string }>): string[] {
  const by = (source: string): string[] =>
    [...judgements].filter(([, j]) => j.source === source).map(([n]) => clipField(n, 60));
  const list = (names: string[]): string =>
    names.length <= 6 ? names.join(", ") : `${names.slice(0, 6).join(", ")} and ${groupDigits(names.length - 6)} more`;
  const guessed = by("guessed");
  const unknown = by("unknown");
  const notes: string[] = [];
  if (guessed.length > 0) notes.push(`Goal guessed from the name: ${list(guessed)}.`);
  if (unknown.length > 0)
    notes.push(`No goal known for ${list(unknown)}: only their changes are shown, never better or worse.`);
  if (notes.length > 0) notes.push(DECLARE_HINT);
  return notes;
}
