/**
 * A site build compares each run it built with the previous run of the same experiment (and the
 * next run with it: a run built out of order sits between two others), so that on the index every
 * run is one click ("vs previous") from its comparison, JavaScript or not. The pages are made from
 * the two reports' `compare-data.js` (and its chunks) through the same comparison core as compare.html,
 * so the other run needs no run folder in this build's input: its report in the site is enough.
 * A report without (readable) comparison data, e.g. one built by an older curi-report or with a
 * chunk file lost, is skipped.
 */
import { compareData, type RunCompareData } from "../render/compare/compareCore.js";
import { readCompareData } from "../render/compare/compareDataFiles.js";
import { comparePagePath, comparisonName, SITE_PATHS } from "../render/router.js";
import type { IndexEntry } from "../render/views/indexPage.js";
import { scanSite, withReports, type IndexedReport } from "./siteContents.js";
import type { SiteTarget } from "./SiteTarget.js";
import { MAX_COMPARE_DATA_BYTES } from "../render/formats/compareData.js";
import { warnLeftOut } from "./readPublished.js";

/** What a build leaves out for want of a report's comparison data, and what to do (the folder follows). */
const LEFT_OUT =
  "no comparison was written with it; rebuild its report (curi-report <its run folder> --full) to compare with";

/** Oldest first: timestamp, run number, folder. */
function chronological(a: IndexEntry, b: IndexEntry): number {
  return a.timestamp < b.timestamp
    ? -1
    : a.timestamp > b.timestamp
      ? 1
      : (a.run_number ?? -1) - (b.run_number ?? -1) || (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0);
}

/** What a build knows: the site's target, the reports it built, and those it found up to date. */
export interface ComparePreviousInput {
  readonly target: SiteTarget;
  readonly built: readonly IndexedReport[];
  /** Report folders proven up to date by their content (not built): compared like built ones. */
  readonly verified?: readonly string[];
  readonly version: string;
}

/** Pairs of report folders (older first) to compare: each built run with its neighbours in its experiment. */
async function neighbourPairs(
  root: string,
  built: readonly IndexedReport[],
  verified: readonly string[],
): Promise<[string, string][]> {
  const contents = withReports(await scanSite(root), built);
  const also = new Set(verified);
  const targets = [
    ...built,
    ...contents.reports.filter((r) => also.has(r.folder) && !built.some((b) => b.folder === r.folder)),
  ];
  const byExperiment = new Map<string, IndexEntry[]>();
  for (const { entry } of contents.reports)
    byExperiment.set(entry.experiment_name, [...(byExperiment.get(entry.experiment_name) ?? []), entry]);
  for (const list of byExperiment.values()) list.sort(chronological);
  const pairs = new Map<string, [string, string]>();
  for (const { folder, entry } of targets) {
    const list = byExperiment.get(entry.experiment_name) ?? [];
    const at = list.findIndex((e) => e.folder === folder);
    for (const [a, b] of [
      [list[at - 1], list[at]],
      [list[at], list[at + 1]],
    ]) {
      if (a !== undefined && b !== undefined) pairs.set(`${a.folder}/${b.folder}`, [a.folder, b.folder]);
    }
  }
  return [...pairs.values()];
}

/** Writes the comparison page of each built run with its neighbours; returns the pages written, sorted. */
export async function comparePrevious(input: ComparePreviousInput): Promise<string[]> {
  const { target } = input;
  const cache = new Map<string, RunCompareData | null>();
  const data = async (folder: string): Promise<RunCompareData | null> => {
    // The target reads what this build wrote, else the site's files: a build never mixes in stale chunks.
    if (!cache.has(folder))
      cache.set(
        folder,
        await readCompareData(
          folder,
          (name) => target.readText(`${folder}/${name}`, MAX_COMPARE_DATA_BYTES),
          // A damaged or foreign data file is named, as a refused one is (readPublished.ts).
          (problem) => warnLeftOut(problem, `${LEFT_OUT} ${folder}`),
        ),
      );
    return cache.get(folder) ?? null;
  };
  const written: string[] = [];
  for (const folders of await neighbourPairs(target.root, input.built, input.verified ?? [])) {
    const runs = await Promise.all(folders.map(data));
    if (runs.some((r) => r === null)) continue;
    const page = comparePagePath(comparisonName(folders));
    // The page's renderer (with jsdiff) loads at the first pair: a site of one run of each experiment never needs it.
    const { renderDataComparePage } = await import("../render/views/comparePage.js");
    const html = renderDataComparePage(compareData(runs as RunCompareData[]), {
      version: input.version,
      pagePath: page,
      reportFolder: (i) => folders[i] ?? null,
      style: SITE_PATHS.style,
      script: SITE_PATHS.script,
      indexPath: SITE_PATHS.index,
    });
    await target.files.write(page, html);
    written.push(page);
  }
  return written.sort();
}
