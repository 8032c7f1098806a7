/**
 * View data of the reports index: experiments sorted by name, each with its runs newest first,
 * then every run, then the informal folders. Sorting happens here, never in templates, and uses
 * plain code-unit order so every machine and locale gives the same bytes.
 */
import { clipField, groupDigits } from "../../util/clip.js";
import { comparePagePath, relativeUrl, reportFolderPath, reportPagePath, SECTION_IDS, SITE_PATHS } from "../router.js";
import type { StatusView } from "../markup/format.js";
import { firstLine, paramFileLabel, plural, statusView } from "../markup/format.js";
import type { IndexEntry } from "../formats/runInfo.js";
import type { History } from "../formats/history.js";
import { historyOfEntries } from "../history/merge.js";
import { branchTrends, trendSectionCount, type BranchesView } from "./branchTrends.js";
import { trendLimits } from "./trends.js";
import { indexComparisons, previousComparisons } from "./comparisonLinks.js";

/** One run line of the index (shared by its experiment list and the all-runs list). */
export interface RunLineView {
  readonly href: string;
  readonly reference: string;
  readonly status: StatusView;
  readonly dirty: boolean;
  readonly hostname: string;
  readonly error: string | null;
  readonly fullStore: boolean;
  /** True when the run replayed a stored run (`--cache` with `--dry-cache` on its command line). */
  readonly fromStored: boolean;
  /** Per param file: its args sets counted, the first few named, the rest one link away (the run's Args section). */
  readonly args: readonly IndexArgsView[];
  /** `and 3 more param files`, linking to the run's Args section, when the line leaves some out; else null. */
  readonly moreParamFiles: { readonly text: string; readonly href: string } | null;
  readonly notesLine: string | null;
  readonly cli: string;
  /** e.g. `12 reportables`, when known. */
  readonly counts: string | null;
  /** `3 failed records`, or null when none failed (or the report predates the count). */
  readonly failed: string | null;
  /** Shown when run_info.json was damaged: what was wrong. */
  readonly problems: string | null;
  /** Link to the run's comparison with the run before it ("vs previous"), when the site holds one. */
  readonly previous: string | null;
}

/** A param file's args sets on an index line: `sweep: 30 args sets (m0, m1, m2, 27 more)`. */
export interface IndexArgsView {
  readonly file: string;
  /** The first MAX_INDEX_ARGS_NAMES names, comma-separated. */
  readonly names: string;
  /** `30 args sets` when some are left out, else null (every name is listed). */
  readonly countText: string | null;
  /** `27 more` when some are left out, else null. */
  readonly more: string | null;
  /** The run page's Args section, which lists them all. */
  readonly moreHref: string;
}

/** Args-set names an index line spells out per param file; a sweep's others are counted and linked. */
export const MAX_INDEX_ARGS_NAMES = 3;

/** Param files an index line names, so that a line stays small enough for any page (views/runsList.ts). */
export const MAX_INDEX_PARAM_FILES = 10;

/**
 * A list of run lines, newest first, each made when first asked for: the index shows only the
 * newest lines of each list (views/runsList.ts has every run), so a site of 1,000 runs would
 * otherwise make 1,000 lines to show a few hundred.
 */
export interface RunLines {
  readonly length: number;
  /** The line of the `i`-th run (from 0); the same object each time, in every list it is in. */
  at(i: number): RunLineView;
}

/** One experiment's block. */
export interface ExperimentView {
  readonly id: string;
  readonly name: string;
  readonly runs: RunLines;
  /** Runs tables and trend plots from the site's history, per branch (issues 10 and 18). */
  readonly trends: BranchesView;
  /** Runs in the history whose report the site no longer holds, as a note; null when none. */
  readonly prunedNote: string | null;
}

/** A folder without run info. */
export interface InformalView {
  readonly href: string;
  readonly name: string;
}

/** The whole index page's data. */
export interface IndexView {
  readonly latestHref: string | null;
  readonly experiments: readonly ExperimentView[];
  readonly allRuns: RunLines;
  readonly informal: readonly InformalView[];
  /** The comparison pages in the site. */
  readonly comparisons: readonly InformalView[];
  /** What the Comparisons list leaves to the run lines, or null when it lists every comparison. */
  readonly comparisonsNote: string | null;
  readonly summary: string;
  /** The runs, newest first, for the list of every run (runs/<p>.html). */
  readonly newestFirst: readonly IndexEntry[];
  /** Each run's comparison page with the run before it, by report folder (views/comparisonLinks.ts). */
  readonly previous: ReadonlyMap<string, string>;
  readonly ids: {
    readonly experiments: string;
    readonly all: string;
    readonly informal: string;
    readonly comparisons: string;
  };
}

/** Plain code-unit comparison: deterministic across machines and locales. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Newest first: by timestamp, then run number, then reference and folder for a stable order. */
export function compareNewestFirst(a: IndexEntry, b: IndexEntry): number {
  return (
    compareText(b.timestamp, a.timestamp) ||
    (b.run_number ?? -1) - (a.run_number ?? -1) ||
    compareText(a.reference, b.reference) ||
    compareText(a.folder, b.folder)
  );
}

/** Entries sorted newest first (a copy). */
export function sortNewestFirst(entries: readonly IndexEntry[]): IndexEntry[] {
  return [...entries].sort(compareNewestFirst);
}

/** Longest text of one field on an index line: the index lists every run, so it stays small. */
const MAX_LINE_FIELD = 1_000;

/** A field cut for the index. */
function short(text: string): string {
  return clipField(text, MAX_LINE_FIELD);
}

/** `short`, passing null through. */
function shortOrNull(text: string | null): string | null {
  return text === null ? null : short(text);
}

/** Builds the line of one run, linking from `fromPage` (the index's own path). */
export function runLine(e: IndexEntry, fromPage: string, previousComparison: string | null = null): RunLineView {
  const cli = e.cli;
  const files = Object.entries(e.params);
  const leftOut = files.length - MAX_INDEX_PARAM_FILES;
  return {
    href: relativeUrl(fromPage, reportPagePath(e.folder)),
    reference: short(e.reference),
    status: statusView(e.status),
    dirty: e.workdir_dirty,
    hostname: short(e.hostname),
    error: e.status === "error" ? short(e.error ?? "(no error text recorded)") : null,
    fullStore: e.full_store,
    fromStored: cli.includes("--dry-cache") && /--cache\b/.test(cli),
    args: files.slice(0, MAX_INDEX_PARAM_FILES).map(([file, pairs]) => indexArgs(e, file, pairs, fromPage)),
    moreParamFiles:
      leftOut > 0
        ? {
            text: `and ${plural(leftOut, "more param file")}`,
            href: `${relativeUrl(fromPage, reportPagePath(e.folder))}#${SECTION_IDS.args}`,
          }
        : null,
    notesLine: shortOrNull(firstLine(e.notes)),
    cli: short(cli),
    counts: e.reportable_count === null ? null : plural(e.reportable_count, "reportable"),
    failed:
      e.failed_record_count === null || e.failed_record_count === 0
        ? null
        : `${plural(e.failed_record_count, "failed record")}`,
    problems: e.problems.length === 0 ? null : short(`run_info.json is damaged: ${e.problems.join("; ")}`),
    previous: previousComparison === null ? null : relativeUrl(fromPage, comparePagePath(previousComparison)),
  };
}

/** A param file's args sets on a run's index line: a sweep's names would fill the index, so the first few and a count. */
function indexArgs(
  e: IndexEntry,
  file: string,
  pairs: readonly (readonly [string, string])[],
  fromPage: string,
): IndexArgsView {
  const cut = pairs.length > MAX_INDEX_ARGS_NAMES + 1;
  const shown = cut ? pairs.slice(0, MAX_INDEX_ARGS_NAMES) : pairs;
  return {
    file: short(paramFileLabel(file)),
    names: shown.map(([n]) => clipField(n, 200)).join(", "),
    countText: cut ? plural(pairs.length, "args set") : null,
    more: cut ? `${(pairs.length - shown.length).toLocaleString("en-US")} more` : null,
    moreHref: `${relativeUrl(fromPage, reportPagePath(e.folder))}#${SECTION_IDS.args}`,
  };
}

/** Builds the index view from the report folders' entries and the folders without run info. */
/** `items` grouped by `key`, in first-seen order within each group. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(item);
    groups.set(key(item), list);
  }
  return groups;
}

/**
 * Builds the index view from the report folders' entries, the folders without run info and the
 * site's history (default: made of the entries alone). Experiments come from both: one whose every
 * report was pruned keeps its trends.
 */
export function buildIndexView(
  entries: readonly IndexEntry[],
  informal: readonly string[],
  fromPage: string = SITE_PATHS.index,
  comparisons: readonly string[] = [],
  history: History = historyOfEntries(entries),
): IndexView {
  const sorted = sortNewestFirst(entries);
  const previous = previousComparisons(
    comparisons,
    sorted.map((e) => e.folder),
  );
  const made = new Map<IndexEntry, RunLineView>();
  const lineOf = (e: IndexEntry): RunLineView => {
    let line = made.get(e);
    if (line === undefined) {
      line = runLine(e, fromPage, previous.get(e.folder) ?? null);
      made.set(e, line);
    }
    return line;
  };
  const lines = (list: readonly IndexEntry[]): RunLines => ({
    length: list.length,
    at: (i) => lineOf(list[i] as IndexEntry),
  });
  const byExperiment = groupBy(sorted, (e) => e.experiment_name);
  const historyByExperiment = groupBy(history.runs, (r) => r.experiment_name);
  const names = [...new Set([...byExperiment.keys(), ...historyByExperiment.keys()])].sort(compareText);
  const compared = new Set(comparisons);
  // Every experiment's trends share the page (views/trends.ts, trendLimits).
  const limits = trendLimits(
    names.reduce((n, name) => n + trendSectionCount(historyByExperiment.get(name) ?? [], history.defaultBranch), 0),
  );
  const experiments = names.map((name, i): ExperimentView => {
    const runs = byExperiment.get(name) ?? [];
    const past = historyByExperiment.get(name) ?? [];
    const pruned = past.filter((r) => r.report === null).length;
    return {
      id: `exp-${i}`,
      name: short(name),
      runs: lines(runs),
      trends: branchTrends(`exp-${i}`, past, history.defaultBranch, compared, fromPage, limits),
      prunedNote:
        pruned === 0
          ? null
          : `${plural(pruned, "earlier run")} of this experiment ${pruned === 1 ? "is" : "are"} in the trends and history.json, without ${pruned === 1 ? "its" : "their"} report.`,
    };
  });
  const newest = sorted[0];
  const shownComparisons = indexComparisons(
    comparisons,
    sorted.map((e) => e.folder),
    previous,
  );
  return {
    latestHref: newest === undefined ? null : relativeUrl(fromPage, SITE_PATHS.latestPage),
    experiments,
    allRuns: lines(sorted),
    newestFirst: sorted,
    previous,
    informal: [...informal]
      .sort(compareText)
      .map((name) => ({ href: relativeUrl(fromPage, reportFolderPath(name)), name })),
    comparisons: shownComparisons.listed.map((name) => ({
      href: relativeUrl(fromPage, comparePagePath(name)),
      name: short(name.replace(/--/g, " vs ")),
    })),
    comparisonsNote:
      shownComparisons.leftOut === 0
        ? null
        : `Showing ${groupDigits(shownComparisons.listed.length)} of ${groupDigits(shownComparisons.listed.length + shownComparisons.leftOut)} comparisons, the newest runs' ones; every run's comparison with the run before it is linked from its line ("vs previous") here and in the list of every run.`,
    summary: `${plural(sorted.length, "run")} of ${plural(experiments.length, "experiment")}`,
    ids: { experiments: "experiments", all: "all-runs", informal: "informal-runs", comparisons: "comparisons" },
  };
}
