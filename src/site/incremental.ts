/**
 * Incremental site builds (Eleventy's idea, keyed by content rather than by time): a report is
 * rebuilt only when something it was made from changed. Nothing about it is kept in the published
 * site but each report folder's marker (reportMarker.ts), which names no path: the build key and
 * the digests of the report's inputs and of its own files.
 *
 * What this machine knows is kept outside the site, in a state file per site under the user's cache
 * folder (`$XDG_CACHE_HOME/curi-report/sites/<digest of the site's real path>.json`), which nobody
 * publishing or restoring the site can write. It holds, per report folder, the run folder it was
 * built from, each input's SHA-256 with the size and modification time it had when hashed, the
 * folder's identity (device and inode, which a swap keeps and a copy changes) and its marker's digest.
 *
 * A run is up to date when
 * - the state vouches for it: same build key, same run folder, every input unchanged, and the
 *   report folder is the very folder this machine swapped in, with the same marker; or
 * - failing that (a copied, restored or checked-out site, or a lost cache), its content proves it:
 *   a report folder whose marker has the same build key and the digests of exactly this run's input
 *   files, and whose files still hash to the marker's output digest. Such a folder is then recorded
 *   in the state, so the next build need not hash it again.
 * The index is rebuilt only when a report was built or proven up to date by its content alone (a
 * folder this machine did not record may have been swapped in by a build killed before it wrote
 * the index). A report forged together with its marker by someone who can write the site is not
 * detected: build a site you do not trust with `--full`.
 *
 * Beside the state, the site digest (siteFacts.ts) remembers each report folder's marker digest and
 * what it says, so checking 1,000 reports does not hash and parse 1,000 markers again.
 *
 * Like git's index, size and modification time stand in for re-reading an input: one whose size
 * and time are those recorded is not hashed again, unless it changed within `RACY_MS` of the state
 * being written (it could have changed again within the same clock tick). Files are read and
 * stat'ed synchronously on purpose: checking a 1,000-run site takes ~3,000 small stats, ~20 ms this
 * way and ~250 ms as promises, most of the 0.3 s a rebuild with nothing to do may take.
 */
import { createHash } from "node:crypto";
import { readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import { readFormatText, recordOf, type FormatSpec } from "../render/formats/format.js";
import { state as validateState } from "../render/formats/formatValidators.generated.js";
import { readPublished } from "./readPublished.js";
import { rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { REPORT_PATHS } from "../render/router.js";
import { TEMPLATES_DIR } from "../render/templates.js";
import { RUN_FILE } from "../run/version.js";
import { codeDigest, treeDigest } from "../util/codeDigest.js";
import { makeDirectory } from "../util/makeDirectory.js";
import { packageVersion } from "./packageFiles.js";
import { sortPaths } from "./ReportFiles.js";
import { fileSha256 } from "./fileDigest.js";
import { folderDigest, MARKER_FILE, MARKER_FORMAT, readMarker } from "./reportMarker.js";
import { markerSays, markersOnce, RACY_MS, type MarkerFacts, type SiteFacts } from "./siteFacts.js";

/** Version of the state format; a state of another format is ignored (reports are verified by content). */
export const STATE_FORMAT = 1;

/** One input file as it was when its report was built. */
export interface InputRecord {
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** What the state records about one report folder. */
export interface StateEntry {
  /** Absolute path of the run folder the report was built from (kept outside the site). */
  readonly source: string;
  /** Each input file, by its path relative to the run folder (`run.json` always). */
  readonly inputs: { readonly [relative: string]: InputRecord };
  /**
   * Identity (device and inode) of the report folder this machine swapped in or verified. A folder
   * swapped in by a concurrent build of other inputs, or copied over, has another identity.
   */
  readonly folderId: string | null;
  /** SHA-256 of the folder's marker when it was recorded. */
  readonly marker: string;
}

/** Device and inode of a folder: kept by the rename that swaps a built report in. */
export function folderIdentity(dir: string): string | null {
  try {
    const info = statSync(dir, { throwIfNoEntry: false });
    return info === undefined ? null : `${info.dev}:${info.ino}`;
  } catch {
    // A file where a folder should be (ENOTDIR): no folder, so no identity.
    return null;
  }
}

/** The state of one site: the build key and every report folder's entry, by folder name. */
export interface SiteState {
  readonly format: number;
  readonly build: string;
  readonly reports: { readonly [folder: string]: StateEntry };
}

/** A state read from the cache, with the time its file was written. */
export interface StoredState {
  readonly state: SiteState;
  readonly writtenAtMs: number;
}

/** The user's cache folder for curi-report: `$XDG_CACHE_HOME/curi-report`, else `~/.cache/curi-report`. */
export function defaultStateDir(): string {
  const base = process.env["XDG_CACHE_HOME"];
  return path.join(base !== undefined && path.isAbsolute(base) ? base : path.join(homedir(), ".cache"), "curi-report");
}

/** The state file of the site in `outDir`, keyed by the site folder's real path (so `..` or a link to it share one). */
export function stateFileFor(outDir: string, stateDir: string): string {
  let real = path.resolve(outDir);
  try {
    real = realpathSync(real);
  } catch {
    // A site folder not created yet has no state; its resolved path keys the state written after the build.
  }
  return path.join(stateDir, "sites", `${createHash("sha256").update(real).digest("hex").slice(0, 32)}.json`);
}

/** What a build's options contribute to the build key. */
export interface BuildKeyInput {
  /** The version printed in pages. */
  readonly version: string;
  /** Absolute path of the user's stylesheet, if any. */
  readonly css?: string;
  /** The bound of comparison data files, when not the default (see `BuildReportOptions.compareDataMaxBytes`). */
  readonly compareDataMaxBytes?: number;
  /** The sweep analysis's repetition args (`--group-by`), when given. */
  readonly groupBy?: readonly string[];
  /** Absolute path of the project file (curi-report.config.json), if any: its declarations change pages. */
  readonly projectConfig?: string;
}

/** Digest of curi-report's code and templates: they do not change while a process runs, so it is taken once. */
let codeAndTemplates: string | undefined;

/**
 * The build key: a digest of everything besides a run's own files that shapes its report:
 * curi-report's version and code, the templates and assets, the printed version, the stylesheet
 * a bound of comparison data files other than the default, and the analysis's `--group-by`.
 */
export function buildKey(input: BuildKeyInput): string {
  codeAndTemplates ??= `code ${codeDigest()}\ntemplates ${treeDigest(TEMPLATES_DIR, () => true)}\n`;
  const hash = createHash("sha256");
  hash.update(`format ${MARKER_FORMAT}\ncuri-report ${packageVersion()}\nshown ${input.version}\n${codeAndTemplates}`);
  hash.update(`css ${input.css === undefined ? "none" : (fileSha256(input.css) ?? "unreadable")}\n`);
  // Only when set, so the keys of reports built with the default stay what they were.
  if (input.compareDataMaxBytes !== undefined) hash.update(`compare data ${input.compareDataMaxBytes}\n`);
  if (input.groupBy !== undefined) hash.update(`group by ${JSON.stringify(input.groupBy)}\n`);
  if (input.projectConfig !== undefined) hash.update(`project ${fileSha256(input.projectConfig) ?? "unreadable"}\n`);
  return hash.digest("hex");
}

/** Largest state file read (a 10,000-run site's state is a few MiB). */
const MAX_STATE_BYTES = 256 * 1024 * 1024;

/** The state format (schema/state.schema.json), for `readFormatText`. */
const STATE_FORMAT_SPEC: FormatSpec = {
  name: "site state",
  schema: "state.schema.json",
  versionField: "format",
  versions: [STATE_FORMAT],
  maxBytes: MAX_STATE_BYTES,
  remedy: "it is ignored, and the reports are verified by their content",
  validate: validateState,
};

/**
 * The state in `file`, or null when there is none or it is unusable: not a regular file, over its
 * bound, of another format, or failing its schema (an entry `null`, `inputs` a string, a folder
 * that is not a direct child of the site). Reports are then verified by content, never trusted.
 */
export function readState(file: string): StoredState | null {
  // The time before the read: a state rewritten meanwhile must not lend its newer time to older entries.
  const writtenAtMs = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  if (writtenAtMs === undefined) return null;
  const read = readPublished(path.dirname(file), path.basename(file), MAX_STATE_BYTES, (text, name) => {
    const state = readFormatText(STATE_FORMAT_SPEC, text, name) as unknown as SiteState;
    // Entries by folder without a prototype, so no folder name can reach Object's properties.
    return { ...state, reports: recordOf(Object.entries(state.reports)) };
  });
  return "value" in read ? { state: read.value, writtenAtMs } : null;
}

/** True for a name of a direct child of the site (the state schema's rule, kept here too for entries built in memory). */
function isSiteChild(folder: string): boolean {
  return folder !== "" && !folder.startsWith(".") && !/[/\\]/.test(folder);
}

/** Which runs are up to date, and the state entries of reports found up to date by their content. */
export interface UpToDate {
  /** Report folder of each up-to-date run folder. */
  readonly reports: Map<string, string>;
  /** Entries to record for reports this check verified by content (the state did not vouch for them). */
  readonly verified: Map<string, StateEntry>;
}

/**
 * The run folders among `runDirs` whose report in `outDir` is up to date (see the module comment):
 * vouched for by the state, else proven by the report folder's marker and content. `facts` (the
 * site digest, siteFacts.ts) stand in for reading the markers of folders unchanged since it was written.
 */
export function upToDateReports(
  stored: StoredState | null,
  key: string,
  runDirs: readonly string[],
  outDir: string,
  facts: SiteFacts | null = null,
): UpToDate {
  const result: UpToDate = { reports: new Map(), verified: new Map() };
  const trusted = stored !== null && stored.state.build === key ? stored : null;
  const markers = facts === null ? null : markersOnce(facts);
  const bySource = new Map<string, string>();
  for (const [folder, entry] of Object.entries(trusted?.state.reports ?? {}))
    if (isSiteChild(folder)) bySource.set(entry.source, folder);
  let byRunDigest: Map<string, string[]> | undefined;
  for (const runDir of runDirs) {
    const folder = bySource.get(runDir);
    if (trusted !== null && folder !== undefined && vouchedFor(trusted, folder, runDir, outDir, markers)) {
      result.reports.set(runDir, folder);
      continue;
    }
    byRunDigest ??= markersByRunDigest(outDir, key, markers);
    const proven = provenByContent(runDir, outDir, byRunDigest);
    if (proven !== null) {
      result.reports.set(runDir, proven.folder);
      result.verified.set(proven.folder, proven.entry);
    }
  }
  return result;
}

/** True when the state's entry for `folder` still describes it and `runDir`'s inputs, without hashing the report. */
function vouchedFor(
  stored: StoredState,
  folder: string,
  runDir: string,
  outDir: string,
  facts: MarkerFacts | null,
): boolean {
  const entry = Object.hasOwn(stored.state.reports, folder) ? stored.state.reports[folder] : undefined;
  if (entry === undefined || !isSiteChild(folder) || !Object.hasOwn(entry.inputs, RUN_FILE)) return false;
  const dir = path.join(outDir, folder);
  if (statSync(path.join(dir, REPORT_PATHS.page), { throwIfNoEntry: false })?.isFile() !== true) return false;
  if (entry.folderId === null || folderIdentity(dir) !== entry.folderId) return false;
  const marker = facts === null ? fileSha256(path.join(dir, MARKER_FILE)) : facts.marker(outDir, folder).sha256;
  if (marker !== entry.marker) return false;
  return Object.entries(entry.inputs).every(([relative, recorded]) =>
    unchanged(path.join(runDir, ...relative.split("/")), recorded, stored.writtenAtMs),
  );
}

/** Report folders of the site whose marker has this build key, by the run.json digest they name. */
function markersByRunDigest(outDir: string, key: string, facts: MarkerFacts | null): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let dirents: Dirent[];
  try {
    dirents = readdirSync(outDir, { withFileTypes: true });
  } catch {
    // No site yet (or not readable): nothing in it can be up to date.
    return found;
  }
  for (const d of dirents) {
    if (!d.isDirectory() || d.name.startsWith(".")) continue;
    const marker = facts === null ? markerSays(path.join(outDir, d.name)) : facts.marker(outDir, d.name).says;
    const run = marker?.run ?? null;
    if (marker === null || marker.format !== MARKER_FORMAT || marker.build !== key || run === null) continue;
    found.set(run, [...(found.get(run) ?? []), d.name]);
  }
  return found;
}

/** The report folder proven up to date for `runDir` by its marker and content, with the state entry to record. */
function provenByContent(
  runDir: string,
  outDir: string,
  byRunDigest: ReadonlyMap<string, readonly string[]>,
): { folder: string; entry: StateEntry } | null {
  const runJson = inputRecord(path.join(runDir, RUN_FILE));
  for (const folder of runJson === null ? [] : (byRunDigest.get(runJson.sha256) ?? [])) {
    const dir = path.join(outDir, folder);
    const marker = readMarker(dir);
    if (marker === null) continue;
    const inputs: { [relative: string]: InputRecord } = {};
    const same = Object.entries(marker.inputs).every(([relative, sha256]) => {
      const now = inputRecord(path.join(runDir, ...relative.split("/")));
      if (now !== null) inputs[relative] = now;
      return now?.sha256 === sha256;
    });
    if (
      !same ||
      statSync(path.join(dir, REPORT_PATHS.page), { throwIfNoEntry: false })?.isFile() !== true ||
      folderDigest(dir) !== marker.output
    )
      continue;
    return {
      folder,
      entry: {
        source: runDir,
        inputs,
        folderId: folderIdentity(dir),
        marker: fileSha256(path.join(dir, MARKER_FILE)) ?? "",
      },
    };
  }
  return null;
}

/** True when `file` still holds what `recorded` describes: same size and time (settled before the state), or the same digest. */
function unchanged(file: string, recorded: InputRecord, writtenAtMs: number): boolean {
  const now = statSync(file, { throwIfNoEntry: false });
  if (now === undefined || !now.isFile() || now.size !== recorded.size) return false;
  if (now.mtimeMs === recorded.mtimeMs && recorded.mtimeMs + RACY_MS < writtenAtMs) return true;
  return fileSha256(file) === recorded.sha256;
}

/** A file's digest with the size and time it had before it was read (a change after the stat gives a newer time, caught next time); null when it is not a readable file. */
export function inputRecord(file: string): InputRecord | null {
  const info = statSync(file, { throwIfNoEntry: false });
  if (info === undefined || !info.isFile()) return null;
  const sha256 = fileSha256(file);
  return sha256 === null ? null : { sha256, size: info.size, mtimeMs: info.mtimeMs };
}

/** Input records of a report's input files (absolute paths inside `runDir`), by their `/`-separated path in it. */
export function inputRecords(runDir: string, inputs: readonly string[]): Map<string, InputRecord> {
  const records = new Map<string, InputRecord>();
  for (const relative of sortPaths(
    new Set(inputs.map((file) => path.relative(runDir, file).split(path.sep).join("/"))),
  )) {
    const record = inputRecord(path.join(runDir, ...relative.split("/")));
    if (record !== null) records.set(relative, record);
  }
  return records;
}

/** The state entry of a report just built from `runDir` into `<outDir>/<folder>`. */
export function stateEntry(
  runDir: string,
  outDir: string,
  folder: string,
  inputs: ReadonlyMap<string, InputRecord>,
  folderId: string | null,
): StateEntry {
  return {
    source: runDir,
    inputs: Object.fromEntries(inputs),
    folderId,
    marker: fileSha256(path.join(outDir, folder, MARKER_FILE)) ?? "",
  };
}

/**
 * Writes the state: the previous entries of report folders still in the site, replaced or joined
 * by this build's. Best effort: a cache folder that cannot be written only makes the next build
 * verify reports by content again.
 */
export async function writeState(
  file: string,
  key: string,
  previous: StoredState | null,
  built: ReadonlyMap<string, StateEntry>,
  present: ReadonlySet<string>,
): Promise<void> {
  const reports = recordOf<StateEntry>([]);
  if (previous !== null && previous.state.build === key) {
    for (const [folder, entry] of Object.entries(previous.state.reports))
      if (present.has(folder)) reports[folder] = entry;
  }
  for (const [folder, entry] of built) reports[folder] = entry;
  const state: SiteState = { format: STATE_FORMAT, build: key, reports };
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await makeDirectory(path.dirname(file));
    await writeFile(temp, `${JSON.stringify(state)}\n`);
    await rename(temp, file);
  } catch {
    // The state only saves work: without it the next build proves reports by their content.
  }
}
