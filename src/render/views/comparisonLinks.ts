/**
 * Where the index and the list of every run link a site's comparison pages (`compare/<name>/`).
 * A site that compares each run with the one before it holds as many comparison pages as runs, so
 * listing them all on the index made its Comparisons section grow without bound (999 links, 137 KB
 * at 1,000 runs, past the page's 1 MiB with the trends). Instead each run's line, on the index and
 * on every page of the list of every run, links its comparison with the run before it ("vs
 * previous"), and the index lists by name only the comparisons of its newest runs plus every
 * comparison that no run line links (of more than two runs, or of runs the site no longer holds).
 */

/** Most comparisons of a run with the run before it that the index lists by name. */
export const MAX_INDEX_COMPARISONS = 50;

/**
 * The comparison page of each run with the run before it, by the newer run's folder: each name of
 * the form `<older>--<newer>` where both are report folders of the site (a folder name may hold
 * `--` itself, so every split is tried; the first name in code-unit order wins a tie).
 */
export function previousComparisons(comparisons: readonly string[], folders: readonly string[]): Map<string, string> {
  const known = new Set(folders);
  const byNewer = new Map<string, string>();
  for (const name of [...comparisons].sort(byCodeUnits)) {
    for (let at = name.indexOf("--"); at >= 0; at = name.indexOf("--", at + 1)) {
      const [older, newer] = [name.slice(0, at), name.slice(at + 2)];
      if (known.has(older) && known.has(newer)) {
        if (!byNewer.has(newer)) byNewer.set(newer, name);
        break;
      }
    }
  }
  return byNewer;
}

/**
 * The comparisons the index lists by name, in code-unit order: every one no run line links, and
 * those of the newest MAX_INDEX_COMPARISONS runs (`newestFirst`: the site's report folders, newest
 * first); `leftOut` counts the rest, which their runs' lines link.
 */
export function indexComparisons(
  comparisons: readonly string[],
  newestFirst: readonly string[],
  previous: ReadonlyMap<string, string>,
): { listed: string[]; leftOut: number } {
  const linked = new Set(previous.values());
  const newest = new Set(
    newestFirst
      .map((folder) => previous.get(folder))
      .filter((name) => name !== undefined)
      .slice(0, MAX_INDEX_COMPARISONS),
  );
  const listed = [...new Set(comparisons)].filter((name) => !linked.has(name) || newest.has(name)).sort(byCodeUnits);
  return { listed, leftOut: new Set(comparisons).size - listed.length };
}

/** Plain code-unit order: the same bytes on every machine and locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
