/**
 * What the index needs besides the report folders' run_info.json (issue 10): the comparison pages
 * in `compare/`, and the newest run's facts (its `results.json`) for latest.json, so that
 * `summary --base <latest.json>` can compare a new run with the published one.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { IndexEntry } from "../render/views/indexPage.js";
import { COMPARE_DIR, comparePagePath, comparisonOfPath, reportFilePath, REPORT_PATHS } from "../render/router.js";
import { sortNewestFirst } from "../render/views/indexView.js";
import type { ReportFiles } from "./ReportFiles.js";

/** Largest results.json embedded in latest.json. */
const MAX_FACTS_BYTES = 8 * 1024 * 1024;

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

/** The newest run's facts as parsed JSON, or null when its report has no (readable) results.json. */
export async function readLatestFacts(files: ReportFiles, entries: readonly IndexEntry[]): Promise<unknown> {
  const newest = sortNewestFirst(entries)[0];
  if (newest === undefined) return null;
  const rel = reportFilePath(newest.folder, REPORT_PATHS.results);
  let text: string | null;
  try {
    text = new TextDecoder().decode(await files.read(rel));
  } catch {
    // Not written by this build: read what the folder already holds (an older report may have none).
    const file = path.join(files.root, rel);
    const size = statSync(file, { throwIfNoEntry: false })?.size;
    text = size === undefined || size > MAX_FACTS_BYTES ? null : readFileSync(file, "utf8");
  }
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null; // a damaged results.json only costs latest.json its facts; summary --base says so
  }
}
