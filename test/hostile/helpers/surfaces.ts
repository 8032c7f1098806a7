/**
 * The builder of the hostile site suite (surfaces.test.ts): one small site built once (two runs of
 * one experiment, the first's comparison data split into chunks, the second linking a page its
 * render() wrote), copied fresh for each case, with files outside it that hold a secret string, and
 * what a user checks afterwards: that no published file holds the secret, that nothing outside the
 * site changed, and the warnings the build gave.
 */
import { spawnSync } from "node:child_process";
import { lstat, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { writeRunDocument } from "../../../src/run/write.js";
import { buildSite } from "../../../src/site/buildSite.js";
import { folderIdentity, stateFileFor } from "../../../src/site/incremental.js";
import { tempDir, wireRun, writeRunFolder } from "../../site/helpers/runs.js";

/** The string planted outside every site: no published file may ever hold it. */
export const SECRET = "SURFACE-SECRET-5b1f";

/** Largest comparison data file of the base site (and of every next build: it is part of the build key): small, so run 1's data has chunk files. */
export const CHUNKED_BYTES = 1_500;

/** A linked page run 2's HTML reportable lists among its files: script, a handler and a refresh away. */
const LINKED_PAGE =
  '<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0; url=https://evil.test/">' +
  "<script>document.title='ran'</script></head><body onload=\"alert(1)\"><p>linked plot</p></body></html>";

/** The base site (never changed by a case): where it is, its runs and its two report folders. */
export interface BaseSite {
  readonly root: string;
  readonly runs: readonly [string, string];
  readonly folders: readonly [string, string];
}

/** A fresh copy of the base site for one case. */
export interface SiteCopy extends BaseSite {
  /** The base site's folder (`root` is the copy's). */
  readonly baseRoot: string;
  readonly site: string;
  /** Beside the site, never inside: files holding SECRET, links point here. */
  readonly outside: string;
  /** This copy's state folder (the user's cache of a build), empty until a build writes it. */
  readonly stateDir: string;
}

/** Builds the base site: runs 1 and 2 of experiment `tiny` into `<root>/site`. */
export async function buildBaseSite(): Promise<BaseSite> {
  const root = await tempDir("curi-surfaces-base-");
  const runsDir = path.join(root, "runs");
  const first = await writeRunFolder(runsDir, 1);
  const doc = wireRun(2);
  doc.reportables = doc.reportables.map((r) =>
    r.kind === "html"
      ? { ...r, data: { html: '<a href="reportables/plot.html">plot</a>' }, files: ["reportables/plot.html"] }
      : r,
  );
  const second = await writeRunFolder(runsDir, 2);
  await writeFile(path.join(second, "reportables", "plot.html"), LINKED_PAGE);
  await writeRunDocument(second, doc);
  const site = path.join(root, "site");
  const result = await buildSite(runsDir, {
    outDir: site,
    stateDir: path.join(root, "cache"),
    compareDataMaxBytes: CHUNKED_BYTES,
  });
  if (result.failures.length > 0)
    throw new Error(`the base site failed to build: ${String(result.failures[0]?.error)}`);
  const folders = [path.basename(first), path.basename(second)] as const;
  return { root, runs: [first, second], folders };
}

/**
 * A copy of the base site in a fresh folder (its runs are the base's: no case changes a run), with
 * `outside/` beside it holding SECRET. Copied by `cp -a`: a fraction of the CPU of `fs.cp`.
 */
export async function copySite(base: BaseSite): Promise<SiteCopy> {
  const root = await tempDir("curi-surfaces-");
  const copied = spawnSync("cp", ["-a", path.join(base.root, "site"), path.join(root, "site")]);
  if (copied.status !== 0) throw new Error(`copying the base site failed: ${copied.stderr.toString()}`);
  const outside = path.join(root, "outside");
  await mkdir(outside);
  await writeFile(path.join(outside, "secret.txt"), `${SECRET}\n`);
  return {
    ...base,
    baseRoot: base.root,
    root,
    site: path.join(root, "site"),
    outside,
    stateDir: path.join(root, "cache"),
  };
}

/**
 * The base build's state (in the user's cache) as it would be for `copy`: its entries name the
 * copy's report folders by their identity, so a build of the copy trusts it as it would its own.
 * Made without a build: the runs are the same, the folders' markers too.
 */
export async function stateForCopy(copy: SiteCopy): Promise<{ reports: Record<string, unknown> }> {
  const file = stateFileFor(path.join(copy.baseRoot, "site"), path.join(copy.baseRoot, "cache"));
  const state = JSON.parse(await readFile(file, "utf8")) as { reports: Record<string, Record<string, unknown>> };
  for (const [folder, entry] of Object.entries(state.reports))
    entry["folderId"] = folderIdentity(path.join(copy.site, folder));
  return state;
}

/**
 * Writes `text` to `outside/<name>` and returns its path: what a link planted in the site points
 * at, valid for its place (so only the refusal to follow the link keeps SECRET out).
 */
export async function plantOutside(copy: SiteCopy, name: string, text: string): Promise<string> {
  const file = path.join(copy.outside, name);
  await writeFile(file, text);
  return file;
}

/** Makes `file` a FIFO (replacing what is there): reading it would block the build forever. */
export function makeFifo(file: string): void {
  spawnSync("rm", ["-f", file]);
  const made = spawnSync("mkfifo", [file]);
  if (made.status !== 0) throw new Error(`mkfifo ${file} failed: ${made.stderr.toString()}`);
}

/** Makes `file` a sparse file of `bytes` bytes (cheap on disk, over any bound read whole). */
export function makeSparse(file: string, bytes: number): void {
  spawnSync("rm", ["-f", file]);
  const made = spawnSync("truncate", ["-s", String(bytes), file]);
  if (made.status !== 0) throw new Error(`truncate ${file} failed: ${made.stderr.toString()}`);
}

/** Every entry under `dir` (not following links) with its kind, size and time: what "nothing changed" compares. */
export async function treeState(dir: string, skip: readonly string[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of (await readdir(dir, { recursive: true })).sort()) {
    if (skip.some((s) => rel === s || rel.startsWith(`${s}${path.sep}`))) continue;
    const info = await lstat(path.join(dir, rel));
    const kind = info.isSymbolicLink() ? "link" : info.isFIFO() ? "fifo" : info.isDirectory() ? "dir" : "file";
    out[rel] = `${kind} ${info.size} ${info.mtimeMs}`;
  }
  return out;
}

/** Largest file `filesHolding` reads: over it only the sparse files cases plant (refused by every reader). */
const MAX_GREPPED_BYTES = 8 * 1024 * 1024;

/**
 * For each of `needles`, the regular files under `dir` (links and special files are neither
 * followed nor read) whose content holds it, relative to `dir`; with `sinceMs`, of the files
 * changed since then only (what a build wrote into a copied site, whose other files are the base's).
 */
export async function filesHolding(
  dir: string,
  needles: readonly string[],
  sinceMs = 0,
): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = Object.fromEntries(needles.map((n) => [n, []]));
  for (const rel of (await readdir(dir, { recursive: true })).sort()) {
    const info = await lstat(path.join(dir, rel));
    if (!info.isFile() || info.size > MAX_GREPPED_BYTES || info.mtimeMs < sinceMs) continue;
    const text = await readFile(path.join(dir, rel), "utf8");
    for (const n of needles) if (text.includes(n)) found[n]?.push(rel);
  }
  return found;
}

/** Collects the process warnings curi-report gives (CuriReportWarning) while `work` runs. */
export async function withWarnings<T>(work: () => Promise<T>): Promise<{ value: T; warnings: string[] }> {
  const warnings: string[] = [];
  const listener = (w: Error): void => {
    if (w.name === "CuriReportWarning") warnings.push(w.message);
  };
  process.on("warning", listener);
  try {
    const value = await work();
    // process.emitWarning delivers on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    return { value, warnings };
  } finally {
    process.off("warning", listener);
  }
}
