/**
 * Merging a site's history: the previous history.json (from the site, or `--history-from`) and the
 * report folders the site holds now. A run is one entry, known by its report folder (which its
 * reference names): the site's report gives the fresh facts; a run of the previous history whose
 * report the site no longer holds keeps its entry with no report link. The result is in one
 * deterministic order, oldest first, whatever order the inputs came in.
 */
import type { RunFacts } from "../facts/factsWire.js";
import type { History, HistoryEntry } from "../formats/history.js";
import type { IndexEntry } from "../formats/runInfo.js";
import { reportFolderName } from "../router/plan.js";
import { historyEntryOf } from "./entries.js";

/** One report folder of the site now. */
export interface SiteRun {
  readonly entry: IndexEntry;
  /** Its facts (results.json) when read, else null (the previous entry's best records are kept). */
  readonly facts: RunFacts | null;
  /** True when this build wrote the report: it was published from `MergeInput.branch`. */
  readonly built: boolean;
}

/** What a merge needs. */
export interface MergeInput {
  /** The history the site had, or null for a site without one. */
  readonly previous: History | null;
  readonly reports: readonly SiteRun[];
  /** The branch this build publishes from (the runs it built), or null when not said. */
  readonly branch: string | null;
  /** The default branch, when said; else the previous history's. */
  readonly defaultBranch: string | null;
}

/** Plain code-unit order: the same on every machine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first: timestamp, then run number, then reference and folder. */
export function oldestFirst(
  a: Pick<HistoryEntry, "timestamp" | "run_number" | "reference" | "folder">,
  b: Pick<HistoryEntry, "timestamp" | "run_number" | "reference" | "folder">,
): number {
  return (
    compareText(a.timestamp, b.timestamp) ||
    (a.run_number ?? -1) - (b.run_number ?? -1) ||
    compareText(a.reference, b.reference) ||
    compareText(a.folder, b.folder)
  );
}

/** The merged history (see the module comment). */
export function mergeHistory(input: MergeInput): History {
  const before = new Map((input.previous?.runs ?? []).map((r) => [r.folder, r]));
  const merged = new Map<string, HistoryEntry>();
  for (const [folder, r] of before) merged.set(folder, { ...r, report: null });
  for (const { entry, facts, built } of input.reports) {
    const previous = before.get(entry.folder);
    const branch = built && input.branch !== null ? input.branch : (previous?.branch ?? null);
    merged.set(entry.folder, historyEntryOf(entry, { facts, branch, ...(previous === undefined ? {} : { previous }) }));
  }
  return {
    defaultBranch: input.defaultBranch ?? input.previous?.defaultBranch ?? null,
    runs: oncePerRun([...merged.values()]).sort(oldestFirst),
  };
}

/**
 * One entry per run reference, as history.json's reader requires: a report folder copied under
 * another name (or a run pruned from one folder and published in another) would otherwise list
 * its run twice, and every later build would refuse the history it wrote. Kept: an entry with a
 * report link over one without, then the folder its reference names, then the first folder.
 */
function oncePerRun(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const preferred = (a: HistoryEntry, b: HistoryEntry): number =>
    (a.report === null ? 1 : 0) - (b.report === null ? 1 : 0) ||
    (a.folder === reportFolderName(a.reference) ? 0 : 1) - (b.folder === reportFolderName(b.reference) ? 0 : 1) ||
    compareText(a.folder, b.folder);
  const kept = new Map<string, HistoryEntry>();
  for (const e of entries) {
    const other = kept.get(e.reference);
    if (other === undefined || preferred(e, other) < 0) kept.set(e.reference, e);
  }
  return [...kept.values()];
}

/** A history of `entries` alone (a site's reports, no earlier history): what the index draws when given no history. */
export function historyOfEntries(entries: readonly IndexEntry[]): History {
  return mergeHistory({
    previous: null,
    reports: entries.map((entry) => ({ entry, facts: null, built: false })),
    branch: null,
    defaultBranch: null,
  });
}
