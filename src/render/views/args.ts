/**
 * View data of the Args section: every args set with its hash and values, and a table of only
 * the keys whose values differ between args sets (the comparison users ask for most).
 */
import { canonicalJson } from "../../record/jsonify.js";
import type { RunContext } from "../context.js";
import type { Run } from "../../run/model.js";
import { clipField, ellipsize, groupDigits } from "../../util/clip.js";
import { DEFAULT_MAX_TEXT_CHARS } from "../reportables/context.js";
import type { ReportPlan } from "../router.js";
import { SECTION_IDS } from "../router.js";
import { argsValuesText, argValueText, hashedKeys, ignoredKeys } from "../facts/argsValues.js";

/** Canonical JSON (keys sorted at every level): the record system's, so args hashes and pages agree on one definition. */
export { canonicalJson };

/** Longest cell text in the differing-args table; the full value is in the args block above it. */
const MAX_CELL = 160;

/** One args set as shown. */
export interface ArgsSetView {
  readonly anchor: string;
  readonly name: string;
  readonly hash: string;
  /** Pretty JSON of the values in the hash, string forms shown as such (plain text; the template escapes it). */
  readonly json: string;
  /** The same for the values left out of the hash (`ignored`), or null when there are none. */
  readonly ignoredJson: string | null;
}

/** One cell of the differing-args table. */
export interface ArgsDiffCell {
  readonly text: string;
  /** True when this args set has no such key. */
  readonly missing: boolean;
}

/** One row (args set) of the differing-args table. */
export interface ArgsDiffRow {
  readonly name: string;
  readonly href: string;
  readonly cells: readonly ArgsDiffCell[];
}

/** The differing-args table: one column per differing key, one row per args set. */
export interface ArgsDiffView {
  readonly id: string;
  readonly keys: readonly string[];
  readonly rows: readonly ArgsDiffRow[];
  /** How many keys all args sets agree on (left out of the table). */
  readonly sameCount: number;
  /** A sentence saying how many keys were left out because they agree, or null when none were. */
  readonly sameNote: string | null;
  /** A sentence naming the keys left out of the hash whose values differ (not columns), or null. */
  readonly ignoredNote: string | null;
  /** A sentence saying the table is shortened (too many differing keys or args sets) with the full counts, or null. */
  readonly limitNote: string | null;
  /** How many keys differ (`keys` holds at most `MAX_DIFF_KEYS` of them). */
  readonly differingCount: number;
  /** How many args sets there are (`rows` holds at most `MAX_DIFF_ROWS`). */
  readonly setCount: number;
}

/** One key of a sweep's args, summarised (runs with too many args sets to list). */
export interface ArgsKeyView {
  readonly key: string;
  /** `7 values` or `same in every args set`. */
  readonly values: string;
  /** The first few distinct values, as JSON (string forms as such). */
  readonly examples: string;
  /** True for a key left out of the hash: changing it does not make another args set. */
  readonly ignored: boolean;
}

/** Most differing keys the diff table shows (its columns); a note gives the full count. */
export const MAX_DIFF_KEYS = 50;

/** Most args sets the diff table shows (its rows); a note gives the full count. */
export const MAX_DIFF_ROWS = 200;

/** Characters of args JSON shown for all sets together: each set gets its share, so many sets still fit a page. */
export const ARGS_JSON_BUDGET = 1_000_000;

/** The whole section. */
export interface ArgsView {
  /** How many args sets the run has (`10,000 args sets`). */
  readonly countText: string;
  /** Every args set, when there are at most MAX_LISTED_ARGS; else empty (each record page shows its own). */
  readonly sets: readonly ArgsSetView[];
  /** Null with fewer than two args sets (nothing to compare), or when there are too many to list. */
  readonly diff: ArgsDiffView | null;
  /** Per key, how many values it takes: for runs with too many args sets to list; else empty. */
  readonly keys: readonly ArgsKeyView[];
}

/** Above this many args sets, the report page summarises args per key instead of listing every set. */
export const MAX_LISTED_ARGS = 20;
/** Distinct values named per key in the summary. */
const EXAMPLES = 5;

/**
 * Builds the Args section view. With `bounded` (the report page), a run of more than
 * MAX_LISTED_ARGS args sets gets a per-key summary instead of every set and the full diff.
 */
export function buildArgsView(ctx: RunContext, options: { readonly bounded?: boolean } = {}): ArgsView {
  const { run, plan } = ctx;
  const countText = `${groupDigits(run.args.length)} args set${run.args.length === 1 ? "" : "s"}`;
  if (options.bounded === true && run.args.length > MAX_LISTED_ARGS)
    return { countText, sets: [], diff: null, keys: keySummary(run) };
  // Every set's JSON is cut at its share of the budget; the cut says how much was left out.
  const share = Math.max(
    2_000,
    Math.min(DEFAULT_MAX_TEXT_CHARS, Math.floor(ARGS_JSON_BUDGET / Math.max(1, run.args.length))),
  );
  const sets = run.args.map((a, i) => {
    const ignored = ignoredKeys(a);
    return {
      anchor: plan.argsAnchors[i] ?? `args-${i}`,
      name: clipField(a.name),
      hash: clipField(a.hash),
      json: clipField(argsValuesText(a, hashedKeys(a)), share),
      ignoredJson: ignored.length === 0 ? null : clipField(argsValuesText(a, ignored), share),
    };
  });
  return { countText, sets, diff: run.args.length < 2 ? null : buildDiff(run, plan), keys: [] };
}

/** Each key of the args sets with how many distinct values it takes and the first few of them. */
function keySummary(run: Run): ArgsKeyView[] {
  const values = new Map<string, Set<string>>();
  const ignored = ignoredAnywhere(run);
  for (const a of run.args) {
    for (const key of Object.keys(a.values)) {
      let set = values.get(key);
      if (set === undefined) values.set(key, (set = new Set()));
      if (set.size <= 1000) set.add(ellipsize(argValueText(a, key), MAX_CELL));
    }
  }
  return [...values].map(([key, set]) => ({
    key: clipField(key),
    ignored: ignored.has(key),
    values:
      set.size === 1
        ? "same in every args set"
        : set.size > 1000
          ? "more than 1,000 values"
          : `${set.size.toLocaleString("en-US")} values`,
    examples: examplesText([...set]),
  }));
}

/**
 * The values of a key as a list: all of them when at most one would be left out (an ellipsis that
 * hides a single value hides what the reader came for), else the first few and how many more.
 */
function examplesText(values: readonly string[]): string {
  if (values.length <= EXAMPLES + 1) return values.join(", ");
  const more = values.length > 1000 ? "995+ more" : `${(values.length - EXAMPLES).toLocaleString("en-US")} more`;
  return `${values.slice(0, EXAMPLES).join(", ")} and ${more}`;
}

/** The keys some args set leaves out of its hash. */
function ignoredAnywhere(run: Run): Set<string> {
  return new Set(run.args.flatMap((a) => a.ignored));
}

/** True when args sets do not all agree on `key` (canonical JSON, so key order inside objects does not count). */
function differs(run: Run, key: string): boolean {
  const forms = new Set(run.args.map((a) => (Object.hasOwn(a.values, key) ? argValueText(a, key) : "\u0000missing")));
  return forms.size > 1;
}

/**
 * Compares args sets key by key. Keys left out of the hash are not columns (they do not tell the
 * sets apart); the ones that differ are named in a note.
 */
function buildDiff(run: Run, plan: ReportPlan): ArgsDiffView {
  const keys: string[] = [];
  const seen = new Set<string>(["name"]);
  const ignored = ignoredAnywhere(run);
  for (const a of run.args) {
    for (const key of Object.keys(a.values)) {
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push(key);
    }
  }
  const hashed = keys.filter((key) => !ignored.has(key));
  const differing = hashed.filter((key) => differs(run, key));
  const ignoredDiffering = keys.filter((key) => ignored.has(key) && differs(run, key));
  const shownKeys = differing.slice(0, MAX_DIFF_KEYS);
  const rows = run.args.slice(0, MAX_DIFF_ROWS).map((a, i) => ({
    name: clipField(a.name),
    href: `#${plan.argsAnchors[i] ?? `args-${i}`}`,
    cells: shownKeys.map((key) =>
      Object.hasOwn(a.values, key)
        ? { text: ellipsize(argValueText(a, key), MAX_CELL), missing: false }
        : { text: "—", missing: true },
    ),
  }));
  const same = hashed.length - differing.length;
  const sameNote =
    same === 0 ? null : `${same} more ${same === 1 ? "key has" : "keys have"} the same value in every args set.`;
  const cut = [
    differing.length > MAX_DIFF_KEYS
      ? `the first ${groupDigits(MAX_DIFF_KEYS)} of ${groupDigits(differing.length)} keys that differ`
      : null,
    run.args.length > MAX_DIFF_ROWS
      ? `the first ${groupDigits(MAX_DIFF_ROWS)} of ${groupDigits(run.args.length)} args sets`
      : null,
  ].filter((part) => part !== null);
  const limitNote =
    cut.length === 0 ? null : `Showing ${cut.join(", and ")}; each args set below lists all its values.`;
  return {
    id: SECTION_IDS.argsDiff,
    keys: shownKeys.map((k) => clipField(k)),
    rows,
    sameCount: same,
    sameNote,
    ignoredNote:
      ignoredDiffering.length === 0
        ? null
        : `Not in the hash, so not compared: ${ellipsize(ignoredDiffering.map((k) => clipField(k, 200)).join(", "), 2_000)} (${ignoredDiffering.length === 1 ? "it differs" : "they differ"} between args sets; each set below shows ${ignoredDiffering.length === 1 ? "its value" : "their values"}).`,
    limitNote,
    differingCount: differing.length,
    setCount: run.args.length,
  };
}
