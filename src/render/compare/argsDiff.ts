/**
 * Args that differ between runs' facts: args sets matched by name (the same hash means the same
 * values), key by key. A change that several args sets share (a sweep run again with `epochs`
 * 25 → 30 in every set) is one change, listed once: "all 24 args sets: epochs 25 → 30".
 * Browser-safe.
 */
import type { RunFacts } from "../facts/factsWire.js";

/** One args key whose value differs within an args set of the same name. */
export interface ArgsKeyDiff {
  readonly set: string;
  readonly key: string;
  /** Value per run as canonical JSON, or null when that run's set lacks the key (or the set). */
  readonly values: readonly (string | null)[];
}

/** One change of one key that two or more args sets share (the same values in every run). */
export interface SharedArgsChange {
  readonly key: string;
  readonly values: readonly (string | null)[];
  /** The args sets that share it, in the runs' order. */
  readonly sets: readonly string[];
  /** True when every args set the runs share has it. */
  readonly all: boolean;
}

/** The args part of a comparison. */
export interface ArgsDiff {
  /** Every changed value, set by set (the full table). */
  readonly args: readonly ArgsKeyDiff[];
  /** The changes several args sets share, each once, most shared first. */
  readonly sharedArgs: readonly SharedArgsChange[];
  /** The changes of one args set only (`args` less those in `sharedArgs`). */
  readonly ownArgs: readonly ArgsKeyDiff[];
  /** Args sets every run has (compared key by key, or the same). */
  readonly comparedSets: number;
  /** Args sets only some runs have: name and presence per run. */
  readonly argsSets: readonly { readonly set: string; readonly present: readonly boolean[] }[];
  /** Args sets with the same hash in every run (not listed). */
  readonly sameArgsSets: number;
}

/** Diffs the args sets of `runs` (run 0 is the base). */
export function diffArgs(runs: readonly RunFacts[]): ArgsDiff {
  const args: ArgsKeyDiff[] = [];
  const argsSets: { set: string; present: boolean[] }[] = [];
  let sameArgsSets = 0;
  let comparedSets = 0;
  for (const set of unionKeys(runs.map((r) => r.args))) {
    const per = runs.map((r) => (Object.hasOwn(r.args, set) ? r.args[set] : undefined));
    if (per.some((p) => p === undefined)) {
      argsSets.push({ set, present: per.map((p) => p !== undefined) });
      continue;
    }
    comparedSets++;
    if (per.every((p) => p?.hash === per[0]?.hash)) {
      sameArgsSets++;
      continue;
    }
    const values = per.map((p) => p?.values ?? {});
    for (const key of unionKeys(values)) {
      if (key === "name") continue;
      const texts = values.map((v) => (Object.hasOwn(v, key) ? (v[key] ?? null) : null));
      if (texts.some((t) => t !== texts[0])) args.push({ set, key, values: texts });
    }
  }
  const { shared, own } = groupShared(args, comparedSets);
  return { args, sharedArgs: shared, ownArgs: own, comparedSets, argsSets, sameArgsSets };
}

/** Groups equal changes (same key, same values in every run) that two or more args sets share. */
function groupShared(
  args: readonly ArgsKeyDiff[],
  comparedSets: number,
): { shared: SharedArgsChange[]; own: ArgsKeyDiff[] } {
  const groups = new Map<string, ArgsKeyDiff[]>();
  for (const a of args) {
    const id = JSON.stringify([a.key, a.values]);
    const group = groups.get(id);
    if (group === undefined) groups.set(id, [a]);
    else group.push(a);
  }
  const shared: SharedArgsChange[] = [];
  const own = new Set<ArgsKeyDiff>();
  for (const group of groups.values()) {
    const first = group[0] as ArgsKeyDiff;
    if (group.length < 2) own.add(first);
    else
      shared.push({
        key: first.key,
        values: first.values,
        sets: group.map((a) => a.set),
        all: group.length === comparedSets,
      });
  }
  // Stable: most shared first, then in the order first seen.
  shared.sort((a, b) => b.sets.length - a.sets.length);
  return { shared, own: args.filter((a) => own.has(a)) };
}

/** Keys of several objects, in first-seen order. */
export function unionKeys(objects: readonly object[]): string[] {
  const seen = new Set<string>();
  for (const o of objects) for (const k of Object.keys(o)) seen.add(k);
  return [...seen];
}
