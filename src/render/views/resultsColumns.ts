/**
 * The columns of the results table, bounded at any input: a status column when a record failed,
 * the args that differ between records (the ones that differ most first, at most
 * `MAX_ARG_COLUMNS`) and the record metrics (at most `MAX_METRIC_COLUMNS`). What is left out is
 * counted, so the table can say "and 99,990 more" and link to where every value is listed: an
 * args set with 100,000 keys once made a 14 MB run page of 100,068 header cells.
 */
import type { JsonValue } from "../../run/model.js";
import type { RunContext } from "../context.js";
import { clipField } from "../../util/clip.js";
import type { MetricGoal, RunMetrics } from "../facts/metrics.js";
import { goalWords } from "../facts/metricGoals.js";
import { canonicalJson } from "../../record/jsonify.js";
import { hashedValues } from "../facts/argsValues.js";

/** Most args columns; the rest are counted and listed in the Args section. */
export const MAX_ARG_COLUMNS = 12;
/** Most metric columns; the rest are counted and listed on each record's page. */
export const MAX_METRIC_COLUMNS = 30;

/** A column of the results table. */
export interface ResultsColumn {
  readonly label: string;
  readonly kind: "status" | "args" | "metric";
  readonly goal: MetricGoal | null;
  readonly derived: boolean;
  /** Tooltip: what the column is and which way is better. */
  readonly title: string;
  /** The args key or metric name the column shows (unclipped); "" for the status column. */
  readonly key: string;
}

/** The columns, and how many differing args and metrics had no room. */
export interface ResultsColumns {
  readonly columns: readonly ResultsColumn[];
  readonly argKeys: readonly string[];
  readonly metricNames: readonly string[];
  readonly moreArgs: number;
  readonly moreMetrics: number;
}

/**
 * The args values of record `index` that are in its hash (string forms as such, views/argsValues.ts):
 * the set with its args name and hash, else the first with its hash, or null. Looked up in the run
 * context's index, not by a scan of the args sets: a scan per record made the table quadratic
 * (10,000 records: 100 million comparisons).
 */
export function argsOf(ctx: RunContext, index: number): Readonly<Record<string, JsonValue>> | null {
  const record = ctx.run.records[index];
  const set = record === undefined ? undefined : ctx.argsOf(record);
  return set === undefined ? null : hashedValues(set);
}

/**
 * The args keys whose values differ between the records' args sets (`name` left out: it is the
 * row label), those with the most distinct values first (ties in first-seen order). A key missing
 * from a set counts as a value of its own.
 */
export function differingArgs(ctx: RunContext, indexes: readonly number[]): string[] {
  const values = indexes.map((i) => argsOf(ctx, i));
  const distinct = new Map<string, Set<string>>();
  for (const v of values) {
    if (v === null) continue;
    for (const k of Object.keys(v)) if (k !== "name" && !distinct.has(k)) distinct.set(k, new Set());
  }
  for (const [k, seen] of distinct) {
    for (const v of values) seen.add(v !== null && Object.hasOwn(v, k) ? canonicalJson(v[k] ?? null) : "\u0000");
  }
  return [...distinct]
    .filter(([, seen]) => seen.size > 1)
    .map(([k, seen], order) => ({ k, n: seen.size, order }))
    .sort((a, b) => b.n - a.n || a.order - b.order)
    .map((e) => e.k);
}

/** The table's columns for the records `indexes`; `anyFailed` adds the status column. */
export function resultsColumns(
  ctx: RunContext,
  indexes: readonly number[],
  metrics: RunMetrics,
  anyFailed: boolean,
): ResultsColumns {
  const differing = differingArgs(ctx, indexes);
  const argKeys = differing.slice(0, MAX_ARG_COLUMNS);
  const metricNames = metrics.recordNames.slice(0, MAX_METRIC_COLUMNS);
  const status: ResultsColumn[] = anyFailed
    ? [{ label: "status", kind: "status", goal: null, derived: false, title: "failed: a stage raised", key: "" }]
    : [];
  return {
    columns: [
      ...status,
      ...argKeys.map((k): ResultsColumn => {
        const label = clipField(k, 200);
        return { label, kind: "args", goal: null, derived: false, title: `args: ${label}`, key: k };
      }),
      ...metricNames.map((name) => metricColumn(name, metrics)),
    ],
    argKeys,
    metricNames,
    moreArgs: differing.length - argKeys.length,
    moreMetrics: metrics.recordNames.length - metricNames.length,
  };
}

function metricColumn(name: string, metrics: RunMetrics): ResultsColumn {
  const judgement = metrics.judgements.get(name);
  const derived = [...metrics.perRecord.values()].some((m) => m.get(name)?.derived === true);
  const source = derived ? " (derived from a JSON reportable)" : "";
  return {
    label: clipField(name, 200),
    kind: "metric",
    goal: judgement?.goal ?? null,
    derived,
    title: `${judgement === undefined ? "goal unknown" : goalWords(judgement)}${source}`,
    key: name,
  };
}
