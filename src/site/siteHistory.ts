/**
 * The site's history (history.json, formats/history.ts) as a build keeps it: read the history the
 * site already has (and, with `--history-from`, one published elsewhere), merge it with the report
 * folders the site holds now (render/history/merge.ts) and write it back with the index, so the
 * trends span every run the site ever published, including runs whose report folders were pruned
 * or were published by an earlier CI run from a site that was replaced.
 */
import path from "node:path";
import type { RunFacts } from "../render/facts/factsWire.js";
import {
  HISTORY_FORMAT,
  historyJsonText,
  MAX_HISTORY_BYTES,
  readHistoryText,
  type History,
  type HistoryEntry,
} from "../render/formats/history.js";
import { MAX_RESULTS_BYTES, readResultsText } from "../render/formats/results.js";
import { mergeHistory } from "../render/history/merge.js";
import { reportFilePath, REPORT_PATHS, SITE_PATHS } from "../render/router.js";
import { InvalidFormatError } from "../util/errors.js";
import { readPublished, warnLeftOut } from "./readPublished.js";
import type { ReportFiles } from "./ReportFiles.js";
import type { SiteContents } from "./siteContents.js";
import { fileIdentity } from "../util/fileIdentity.js";

/** What a build says about its history: where the runs it builds come from, and an earlier history to carry on. */
export interface HistoryOptions {
  /** The branch the runs this build writes were published from (`--branch`). */
  readonly branch?: string;
  /** The repository's default branch, whose trends the index shows first (`--default-branch`). */
  readonly defaultBranch?: string;
  /** A history published elsewhere (`--history-from`), merged with the site's own (the site's entries win). */
  readonly from?: History;
}

/**
 * The last history.json this process read, with the identity (device and inode, size, times) the
 * file had before the read. A build reads the site's history before its reports (to stop early on
 * a damaged one) and again under the site lock when it writes the index; at 1,000 runs each read is
 * tens of milliseconds of parsing and validating the same file. An unchanged file is not read again.
 */
let lastRead: { readonly file: string; readonly identity: string; readonly history: History } | undefined;

/**
 * The history the site at `root` holds, or null when it has none. A history.json that is there but
 * refused (damaged, a link, over its bound) stops the build: writing a new one would lose every
 * run it holds. The message says to delete it to start a new history.
 */
export function readSiteHistory(root: string): History | null {
  const file = path.join(root, SITE_PATHS.history);
  const identity = fileIdentity(file);
  if (identity !== null && lastRead?.file === file && lastRead.identity === identity) return lastRead.history;
  const read = readPublished(root, SITE_PATHS.history, MAX_HISTORY_BYTES, readHistoryText);
  if ("value" in read) {
    if (identity !== null) lastRead = { file, identity, history: read.value };
    return read.value;
  }
  if ("missing" in read) return null;
  throw new InvalidFormatError(
    read.problem.includes(HISTORY_FORMAT.remedy)
      ? read.problem
      : `${read.problem}; it was not replaced, so no run it holds is lost: ${HISTORY_FORMAT.remedy}.`,
  );
}

/** Runs of `a` and `b` by report folder, `b`'s entry winning; `b`'s default branch unless it has none. */
export function combineHistories(a: History | null, b: History | null): History | null {
  if (a === null || b === null) return a ?? b;
  const runs = new Map<string, HistoryEntry>(a.runs.map((r) => [r.folder, r]));
  for (const r of b.runs) runs.set(r.folder, r);
  return { defaultBranch: b.defaultBranch ?? a.defaultBranch, runs: [...runs.values()] };
}

/**
 * The merged history of the site `files` writes, whose report folders are `contents` (`built`: the
 * folders this build wrote). Facts (for the best records) are read only for the reports the
 * previous history does not know and those built now: adding one run to a long history reads one.
 */
export async function siteHistory(
  files: ReportFiles,
  contents: SiteContents,
  built: ReadonlySet<string>,
  options: HistoryOptions,
): Promise<History> {
  const previous = combineHistories(options.from ?? null, readSiteHistory(files.root));
  const known = new Set(previous?.runs.map((r) => r.folder) ?? []);
  const written = new Set(files.list());
  const reports = [];
  for (const r of contents.reports) {
    const isBuilt = built.has(r.folder);
    const facts = isBuilt || !known.has(r.folder) ? await readFacts(files, r.folder, written) : null;
    reports.push({ entry: r.entry, facts, built: isBuilt });
  }
  return mergeHistory({
    previous,
    reports,
    branch: options.branch ?? null,
    defaultBranch: options.defaultBranch ?? null,
  });
}

/** A report's facts: written by this build (read back from the writer), else the site's file; null when it has none. */
async function readFacts(files: ReportFiles, folder: string, written: ReadonlySet<string>): Promise<RunFacts | null> {
  const rel = reportFilePath(folder, REPORT_PATHS.results);
  const read = written.has(rel)
    ? { value: readResultsText(new TextDecoder().decode(await files.read(rel)), rel) }
    : readPublished(files.root, rel, MAX_RESULTS_BYTES, readResultsText);
  if ("value" in read) return read.value;
  // An older report without results.json only costs its history entry its best records.
  if ("problem" in read) warnLeftOut(read.problem, `the history keeps no best records of ${folder}`);
  return null;
}

/** Writes `history` as history.json through `files`, warning when its bound dropped the oldest runs. */
export async function writeSiteHistory(files: ReportFiles, history: History): Promise<void> {
  const { text, dropped } = historyJsonText(history);
  if (dropped > 0)
    warnLeftOut(
      `${SITE_PATHS.history} holds at most ${MAX_HISTORY_BYTES} bytes and 10,000 runs`,
      `its ${dropped} oldest runs were dropped`,
    );
  await files.write(SITE_PATHS.history, text);
}
