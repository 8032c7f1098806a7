/**
 * An experiment's trends per branch. The history records the branch each run was published from;
 * the index shows the default branch's trends first and lets a reader pick another branch without
 * JavaScript: each branch's trends are a section with an id, the picker links to it, and the page's
 * CSS shows the `:target`ed section in place of the default one (templates/assets/style.css,
 * `.branch-trends`). Runs without a recorded branch belong with the default branch.
 */
import { clipField } from "../../util/clip.js";
import type { HistoryEntry } from "../formats/history.js";
import { buildTrends, trendLimits, type TrendLimits, type TrendsView } from "./trends.js";

/** Most branches with trends of their own per experiment: the ones with the newest runs after the default branch. */
export const MAX_BRANCHES = 8;

/** One branch's trends. */
export interface BranchView {
  /** Id of its section (the picker's link target), e.g. `exp-0-b1`. */
  readonly id: string;
  /** The branch's name as shown, or `(no branch recorded)`. */
  readonly label: string;
  /** True for the section shown when no other is picked. */
  readonly isDefault: boolean;
  readonly runCount: number;
  readonly trends: TrendsView;
}

/** An experiment's trends: one branch (no picker), or several with a picker. */
export interface BranchesView {
  readonly branches: readonly BranchView[];
  /** True when the index offers a choice of branch. */
  readonly picker: boolean;
  /** `and 3 more branches (in history.json)`, or null. */
  readonly moreBranches: string | null;
}

/** The newest timestamp among `runs` ("" for none). */
function newest(runs: readonly HistoryEntry[]): string {
  return runs.reduce((t, r) => (r.timestamp > t ? r.timestamp : t), "");
}

/**
 * The trends of one experiment's `runs` (history entries), per branch: `defaultBranch` (and runs
 * without a branch) first, then the other branches by their newest run.
 */
export function branchTrends(
  id: string,
  runs: readonly HistoryEntry[],
  defaultBranch: string | null,
  comparisons: ReadonlySet<string>,
  fromPage: string,
  limits: TrendLimits = trendLimits(1),
): BranchesView {
  const groups = branchGroups(runs, defaultBranch);
  const order = [...groups.entries()].sort(([a, ra], [b, rb]) => {
    if ((a === defaultBranch) !== (b === defaultBranch)) return a === defaultBranch ? -1 : 1;
    const byNewest = newest(rb) < newest(ra) ? -1 : newest(rb) > newest(ra) ? 1 : 0;
    return byNewest || ((a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0);
  });
  const shown = order.slice(0, MAX_BRANCHES);
  if (shown.length <= 1) {
    return {
      branches: [
        {
          id,
          label: clipField(shown[0]?.[0] ?? "(no branch recorded)", 200),
          isDefault: true,
          runCount: runs.length,
          trends: buildTrends(id, runs, comparisons, fromPage, limits),
        },
      ],
      picker: false,
      moreBranches: null,
    };
  }
  return {
    branches: shown.map(([branch, list], k) => ({
      id: `${id}-b${k}`,
      label: clipField(branch ?? "(no branch recorded)", 200),
      isDefault: k === 0,
      runCount: list.length,
      trends: buildTrends(`${id}-b${k}`, list, comparisons, fromPage, limits),
    })),
    picker: true,
    moreBranches:
      order.length > shown.length
        ? `and ${order.length - shown.length} more ${order.length - shown.length === 1 ? "branch" : "branches"} (in history.json)`
        : null,
  };
}

/** `runs` by branch (runs without one with `defaultBranch`). */
function branchGroups(runs: readonly HistoryEntry[], defaultBranch: string | null): Map<string | null, HistoryEntry[]> {
  const groups = new Map<string | null, HistoryEntry[]>();
  for (const r of runs) {
    const key = r.branch ?? defaultBranch;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [r]);
    else list.push(r);
  }
  return groups;
}

/** How many trend sections `branchTrends` makes of `runs`: one per branch shown. */
export function trendSectionCount(runs: readonly HistoryEntry[], defaultBranch: string | null): number {
  return Math.min(MAX_BRANCHES, Math.max(1, branchGroups(runs, defaultBranch).size));
}
