/**
 * The sweep analysis in the summary (issue 19): the args that matter most for the primary metric,
 * the best configuration with its headline, and with a base, whether the winner changed. A section
 * of its own, from the run's one analysis (`RunContext.analysis`); "" for a run without one.
 */
import { argsText, winnerSentence, type SweepAnalysis } from "../analysis/index.js";
import type { RunContext } from "../context.js";
import { isBetter, knownGoal } from "../facts/metrics.js";
import type { RunFacts } from "../facts/runFacts.js";
import { mdCode, mdText } from "../markup/mdText.js";
import { SECTION_IDS } from "../router.js";

/** Args named in the summary's ranking; the report has them all. */
const TOP_ARGS = 3;

/** `lr=0.3, wd=0` of a facts args set (canonical JSON values; strings unquoted), over `keys`. */
function factsArgsText(values: Readonly<Record<string, string>>, keys: readonly string[]): string {
  const text = (v: string | undefined): string =>
    v === undefined ? "(none)" : v.startsWith('"') ? String(JSON.parse(v) as unknown) : v;
  return keys.length === 0 ? "(no args differ)" : keys.map((k) => `${k}=${text(values[k])}`).join(", ");
}

/** A facts args set as a configuration key: its values over `keys` (the settings, seeds left out). */
function configKey(values: Readonly<Record<string, string>>, keys: readonly string[]): string {
  return JSON.stringify(keys.map((k) => values[k] ?? null));
}

/** The args set of a facts record key (`name`, or `name #2` for a second record of one set). */
function argsOfKey(facts: RunFacts, key: string): RunFacts["args"][string] | undefined {
  return facts.args[key] ?? facts.args[key.replace(/ #\d+$/, "")];
}

/**
 * The winning configuration of `facts` by `metric`: records grouped by their args but `seeds`,
 * best mean first; null when no record has the metric.
 */
function factsWinner(facts: RunFacts, metric: string, seeds: ReadonlySet<string>): string | null {
  const sets = Object.values(facts.args);
  const keys = [...new Set(sets.flatMap((s) => Object.keys(s.values)))]
    // `name` labels an args set (every set has its own), so like the analysis it is no setting.
    .filter((k) => k !== "name" && !seeds.has(k) && new Set(sets.map((s) => s.values[k])).size > 1)
    .sort();
  const groups = new Map<string, { text: string; sum: number; n: number }>();
  for (const [key, metrics] of Object.entries(facts.recordMetrics)) {
    const value = metrics[metric];
    const set = argsOfKey(facts, key);
    if (value === undefined || !Number.isFinite(value) || set === undefined) continue;
    const id = configKey(set.values, keys);
    const g = groups.get(id) ?? { text: factsArgsText(set.values, keys), sum: 0, n: 0 };
    groups.set(id, { ...g, sum: g.sum + value, n: g.n + 1 });
  }
  // No winner when the metric's goal is unknown (issue 21.1): a guess could name the worst.
  const goal = knownGoal(facts, metric);
  if (goal === null) return null;
  let best: { text: string; mean: number } | null = null;
  for (const g of groups.values()) {
    const mean = g.sum / g.n;
    if (best === null || isBetter(mean, best.mean, goal)) best = { text: g.text, mean };
  }
  return best?.text ?? null;
}

/** Whether the winner changed since `base`, in one sentence. */
function winnerChange(ctx: RunContext, a: SweepAnalysis, base: RunFacts): string {
  const seeds = new Set(a.seeds);
  const was = factsWinner(base, a.primary, seeds);
  const now = factsWinner(ctx.facts, a.primary, seeds);
  const ref = mdCode(base.reference, 60);
  if (was === null || now === null)
    return `The base ${ref} has no ${mdCode(a.primary, 40)} per record to compare the winner with.`;
  return was === now
    ? `The winner is the same as in the base ${ref}: ${mdCode(now, 120)}.`
    : `**The winner changed** since the base ${ref}: it was ${mdCode(was, 120)}, it is ${mdCode(now, 120)}.`;
}

/** The summary's analysis section, "" when the run has no analysis; `link` links text to a run-page anchor. */
export function analysisSection(
  ctx: RunContext,
  base: RunFacts | null,
  link: (text: string, anchor: string) => string,
): string {
  const a = ctx.analysis;
  if (a === null) return "";
  const metric = a.metrics[0];
  if (metric === undefined) return "";
  const ranking = metric.importance.ranking
    .slice(0, TOP_ARGS)
    .map((r) => `${mdCode(r.arg, 40)} ${Math.round(r.share * 100)}%`)
    .join(", ");
  const lines = [
    `### ${link("Which args matter", SECTION_IDS.analysis)}`,
    `Most important for ${mdCode(a.primary, 40)} ${metric.goal === "min" ? "↓" : "↑"}: ${ranking === "" ? "no arg explains it" : ranking}.`,
    `Best configuration: ${mdCode(argsText(a.best.args), 120)}. ${mdText(winnerSentence(a))}`,
  ];
  if (base !== null) lines.push(winnerChange(ctx, a, base));
  return lines.join("\n\n");
}
