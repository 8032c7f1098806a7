/**
 * A site build compares each run it built with the previous run of the same experiment (and the
 * next run with it: a run built out of order sits between two others), so that on the index every
 * run is one click ("vs previous") from its comparison, JavaScript or not. The pages are made from
 * the two reports' `compare-data.js` (and its chunks) through the same comparison core as compare.html,
 * so the other run needs no run folder in this build's input: its report in the site is enough.
 * A report without (readable) comparison data, e.g. one built by an older curi-report or with a
 * chunk file lost, is skipped.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { compareData, type RunCompareData } from "../render/compare/compareCore.js";
import { readCompareData } from "../render/compare/compareDataFiles.js";
import { renderDataComparePage } from "../render/compare/comparePage.js";
import { comparePagePath, comparisonName, reportFilePath, REPORT_PATHS, SITE_PATHS } from "../render/router.js";
import type { IndexEntry } from "../render/views/indexPage.js";
import { scanSite, withReports, type IndexedReport } from "./buildIndex.js";
import { FileSystemReportFiles } from "./FileSystemReportFiles.js";
import type { ReportFiles } from "./ReportFiles.js";

/** Oldest first: timestamp, run number, folder. */
function chronological(a: IndexEntry, b: IndexEntry): number {
  return a.timestamp < b.timestamp
    ? -1
    : a.timestamp > b.timestamp
      ? 1
      : (a.run_number ?? -1) - (b.run_number ?? -1) || (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0);
}

/** What a build knows: the site, the reports it built, and (for a memory build) its in-memory site. */
export interface ComparePreviousInput {
  readonly outDir: string;
  readonly built: readonly IndexedReport[];
  /** Report folders proven up to date by their content (not built): compared like built ones. */
  readonly verified?: readonly string[];
  readonly version: string;
  /** The in-memory site of a memory build. */
  readonly files?: ReportFiles;
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
  const root = path.resolve(input.outDir);
  const files = input.files ?? new FileSystemReportFiles(root);
  const cache = new Map<string, RunCompareData | null>();
  const data = async (folder: string): Promise<RunCompareData | null> => {
    if (!cache.has(folder)) cache.set(folder, await readData(root, folder, input.files));
    return cache.get(folder) ?? null;
  };
  const written: string[] = [];
  for (const folders of await neighbourPairs(root, input.built, input.verified ?? [])) {
    const runs = await Promise.all(folders.map(data));
    if (runs.some((r) => r === null)) continue;
    const page = comparePagePath(comparisonName(folders));
    const html = renderDataComparePage(compareData(runs as RunCompareData[]), {
      version: input.version,
      pagePath: page,
      reportFolder: (i) => folders[i] ?? null,
      style: SITE_PATHS.style,
      script: SITE_PATHS.script,
      indexPath: SITE_PATHS.index,
    });
    await files.write(page, html);
    written.push(page);
  }
  return written.sort();
}

/**
 * A report's comparison data (its `compare-data.js` and chunks): written by this (memory) build,
 * else read from the site; null when a file is missing or unreadable as data.
 */
async function readData(root: string, folder: string, memory: ReportFiles | undefined): Promise<RunCompareData | null> {
  // All from memory when this build wrote the report, so a memory build never mixes in stale chunks on disk.
  const inMemory = memory !== undefined && memory.list().includes(reportFilePath(folder, REPORT_PATHS.compareData));
  return readCompareData(folder, async (name) => {
    const rel = reportFilePath(folder, name);
    if (inMemory)
      return memory.read(rel).then(
        (b) => new TextDecoder().decode(b),
        () => null,
      ); // not written: missing
    try {
      return await readFile(path.join(root, rel), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null; // an older report without the data, or a lost chunk: no comparison page
      throw error;
    }
  });
}
