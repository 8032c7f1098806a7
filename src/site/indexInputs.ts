/**
 * What the index needs besides the report folders' run_info.json (issue 10): the comparison pages
 * in `compare/`, and the newest run's facts (its `results.json`) for latest.json, so that
 * `summary --base <latest.json>` can compare a new run with the published one.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { IndexEntry } from "../render/views/indexPage.js";
import { COMPARE_DIR, comparePagePath, comparisonOfPath, reportFilePath, REPORT_PATHS } from "../render/router.js";
import { sortNewestFirst } from "../render/views/indexView.js";
import type { ReportFiles } from "./ReportFiles.js";
import { readFormatText } from "../render/formats/format.js";
import { MAX_RESULTS_BYTES, RESULTS_FORMAT } from "../render/formats/results.js";
import { readPublished, warnLeftOut } from "./readPublished.js";

/** Names of the comparison pages (`compare/<name>/index.html`) on disk under `files.root` and written through `files`. */
export function listComparisons(files: ReportFiles): string[] {
  const names = new Set<string>();
  const dir = path.join(files.root, COMPARE_DIR);
  const entries =
    statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true ? readdirSync(dir, { withFileTypes: true }) : [];
  for (const e of entries) {
    const page = path.join(files.root, comparePagePath(e.name));
    if (e.isDirectory() && statSync(page, { throwIfNoEntry: false })?.isFile() === true) names.add(e.name);
  }
  for (const p of files.list()) {
    const name = comparisonOfPath(p);
    if (name !== null) names.add(name);
  }
  return [...names].sort();
}

/**
 * The newest run's facts (its results.json, checked against its format) as the document to embed
 * in latest.json, or null when its report has none or it was refused (with a warning).
 */
export async function readLatestFacts(files: ReportFiles, entries: readonly IndexEntry[]): Promise<unknown> {
  const newest = sortNewestFirst(entries)[0];
  if (newest === undefined) return null;
  const rel = reportFilePath(newest.folder, REPORT_PATHS.results);
  const check = (text: string, file: string): unknown => readFormatText(RESULTS_FORMAT, text, file);
  // Written by this build: read it back from the writer; else what the site already holds, as any published file.
  const read = files.list().includes(rel)
    ? { value: check(new TextDecoder().decode(await files.read(rel)), rel) }
    : readPublished(files.root, rel, MAX_RESULTS_BYTES, check);
  if ("value" in read) return read.value;
  // A report without results.json (an older one) only costs latest.json its facts; summary --base says so.
  if ("problem" in read) warnLeftOut(read.problem, "latest.json was written without the newest run's facts");
  return null;
}
