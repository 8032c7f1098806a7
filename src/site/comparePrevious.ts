/**
 * A site build compares each run it built with the previous run of the same experiment, so that on
 * the index every run is one click ("vs previous") from its comparison. The previous run is found
 * among all reports of the site by timestamp and run number; it must have a run folder in this
 * build's input (built or up to date), since a comparison needs both runs.
 */
import path from "node:path";
import type { IndexEntry } from "../render/indexPage.js";
import type { Run } from "../run/model.js";
import { readRun } from "../run/read.js";
import { scanSite, withReports, type IndexedReport } from "./buildIndex.js";
import { writeComparison } from "./buildCompare.js";
import type { ReportFiles } from "./ReportFiles.js";

/** Oldest first: timestamp, run number, folder. */
function chronological(a: IndexEntry, b: IndexEntry): number {
  return a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : (a.run_number ?? -1) - (b.run_number ?? -1) || (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0);
}

/** What a build knows: the reports it built, and the run folder of every report folder it saw. */
export interface ComparePreviousInput {
  readonly outDir: string;
  readonly built: readonly IndexedReport[];
  /** Report folder → run folder, for the runs built or up to date in this build. */
  readonly runDirs: ReadonlyMap<string, string>;
  readonly version: string;
  /** The in-memory site of a memory build. */
  readonly files?: ReportFiles;
}

/**
 * Writes the comparison of each built run with its experiment's previous run, and of the next run
 * with it (a run built out of order sits between two others); returns the pages written.
 */
export async function comparePrevious(input: ComparePreviousInput): Promise<string[]> {
  const contents = withReports(await scanSite(path.resolve(input.outDir)), input.built);
  const byExperiment = new Map<string, IndexEntry[]>();
  for (const { entry } of contents.reports) byExperiment.set(entry.experiment_name, [...(byExperiment.get(entry.experiment_name) ?? []), entry]);
  for (const list of byExperiment.values()) list.sort(chronological);
  const pairs = new Map<string, [string, string]>();
  for (const { folder, entry } of input.built) {
    const list = byExperiment.get(entry.experiment_name) ?? [];
    const at = list.findIndex((e) => e.folder === folder);
    for (const [a, b] of [
      [list[at - 1], list[at]],
      [list[at], list[at + 1]],
    ]) {
      const [before, after] = [a === undefined ? undefined : input.runDirs.get(a.folder), b === undefined ? undefined : input.runDirs.get(b.folder)];
      if (before !== undefined && after !== undefined) pairs.set(`${before}\u0000${after}`, [before, after]);
    }
  }
  const written: string[] = [];
  // Consecutive pairs share a run ((a, b), then (b, c)): the last runs read are kept, not read twice.
  const cache = new Map<string, Run>();
  const read = async (dir: string): Promise<Run> => {
    const run = cache.get(dir) ?? (await readRun(dir));
    cache.set(dir, run);
    if (cache.size > 2) cache.delete(cache.keys().next().value as string);
    return run;
  };
  for (const [before, after] of pairs.values()) {
    const runs = [await read(before), await read(after)];
    const result = await writeComparison(runs, { outDir: input.outDir, version: input.version, updateIndex: false, ...(input.files === undefined ? {} : { files: input.files }) });
    written.push(result.page);
  }
  return written.sort();
}
