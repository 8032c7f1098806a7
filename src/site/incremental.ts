/**
 * Incremental site builds (Eleventy's idea, keyed by content rather than by time): a report is
 * rebuilt only when something it was made from changed. The site keeps a manifest,
 * `<out>/.curi-report-manifest.json` (a dotfile, so static hosts, the index and `check` ignore it),
 * holding
 * - the build key: a digest of curi-report's version and code, its templates and assets, the
 *   version printed in pages and the `--css` file's bytes, so a new curi-report or stylesheet
 *   rebuilds everything;
 * - per report folder: the run folder it was built from and, for every input file it read there
 *   (run.json, the log, copied reportable files), its SHA-256 with the size and modification time
 *   it had when hashed. run.json names every other input, so when run.json is unchanged, the same
 *   list of files is still the whole input.
 * A report whose inputs all hash the same and whose page is still in the site is skipped; the
 * index is rebuilt only when a report was built. Output files edited by hand are not detected:
 * delete the report folder (or the manifest) to force a rebuild.
 *
 * Like git's index, size and modification time stand in for re-reading a file: an input whose
 * size and time are those recorded is not hashed again, unless it changed within `RACY_MS` of the
 * manifest being written (it could have changed again within the same clock tick). Files are read
 * and stat'ed synchronously on purpose: checking a 1,000-run site takes ~3,000 small stats, ~20 ms
 * this way and ~250 ms as promises, most of the 0.3 s a rebuild with nothing to do may take.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { REPORT_PATHS } from "../render/router.js";
import { TEMPLATES_DIR } from "../render/templates.js";
import { RUN_FILE } from "../run/version.js";
import { FileSystemReportFiles } from "./FileSystemReportFiles.js";
import { packageVersion } from "./packageFiles.js";
import { sortPaths } from "./ReportFiles.js";

/** Name of the manifest in the site root. */
export const MANIFEST_FILE = ".curi-report-manifest.json";

/** Version of the manifest format; a manifest of another format is ignored (everything rebuilds). */
export const MANIFEST_FORMAT = 3;

/** An input changed less than this before the manifest was written is hashed again, whatever its time says. */
const RACY_MS = 2000;

/** One input file as it was when its report was built. */
export interface InputRecord {
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** What the manifest records about one report folder. */
export interface ManifestEntry {
  /** Absolute path of the run folder the report was built from. */
  readonly source: string;
  /** Each input file, by its path relative to the run folder (`run.json` always). */
  readonly inputs: { readonly [relative: string]: InputRecord };
  /**
   * Identity (device and inode) of the report folder this build swapped in. A folder swapped in by
   * a concurrent build of other inputs has another identity, so it is never taken as up to date.
   */
  readonly folderId: string | null;
}

/** Device and inode of a folder: kept by the rename that swaps a built report in. */
export function folderIdentity(dir: string): string | null {
  const info = statSync(dir, { throwIfNoEntry: false });
  return info === undefined ? null : `${info.dev}:${info.ino}`;
}

/** The manifest: the build key and every report folder's entry, by folder name. */
export interface Manifest {
  readonly format: number;
  readonly build: string;
  readonly reports: { readonly [folder: string]: ManifestEntry };
}

/** A manifest read from a site, with the time its file was written. */
export interface StoredManifest {
  readonly manifest: Manifest;
  readonly writtenAtMs: number;
}

/** What a build's options contribute to the build key. */
export interface BuildKeyInput {
  /** The version printed in pages. */
  readonly version: string;
  /** Absolute path of the user's stylesheet, if any. */
  readonly css?: string;
}

/**
 * The build key: a digest of everything besides a run's own files that shapes its report:
 * curi-report's version and code, the templates and assets, the printed version and the stylesheet.
 */
export function buildKey(input: BuildKeyInput): string {
  const hash = createHash("sha256");
  hash.update(`format ${MANIFEST_FORMAT}\ncuri-report ${packageVersion()}\nshown ${input.version}\n`);
  hash.update(`code ${treeDigest(codeRoot(), (f) => /\.(js|ts)$/.test(f) && !f.endsWith(".d.ts"))}\n`);
  hash.update(`templates ${treeDigest(TEMPLATES_DIR, () => true)}\n`);
  hash.update(`css ${input.css === undefined ? "none" : (fileDigest(input.css) ?? "unreadable")}\n`);
  return hash.digest("hex");
}

/** The folder holding curi-report's own modules: `dist/src` when built, `src` when run from source (tests). */
function codeRoot(): string {
  return path.dirname(path.dirname(fileURLToPath(import.meta.url)));
}

/** A digest of the names and bytes of every file under `root` that `keep` accepts, in sorted order. */
function treeDigest(root: string, keep: (file: string) => boolean): string {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
  const files = sortPaths(entries.map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join("/")).filter(keep));
  const hash = createHash("sha256");
  for (const file of files) hash.update(`${file}\0${fileDigest(path.join(root, file)) ?? ""}\n`);
  return hash.digest("hex");
}

/** SHA-256 (hex) of a file's bytes, or null when it cannot be read. */
export function fileDigest(file: string): string | null {
  try {
    return createHash("sha256").update(readFileSync(file)).digest("hex");
  } catch {
    // A missing or unreadable input simply does not match: the report is rebuilt, and the build says what is wrong.
    return null;
  }
}

/** The manifest of the site in `outDir`, or null when there is none or it is unusable (so everything is built). */
export function readManifest(outDir: string): StoredManifest | null {
  const file = path.join(outDir, MANIFEST_FILE);
  let parsed: unknown;
  let writtenAtMs: number;
  try {
    writtenAtMs = statSync(file).mtimeMs;
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    // No manifest yet, or a damaged one: a full build writes a fresh one.
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const m = parsed as Partial<Manifest>;
  if (m.format !== MANIFEST_FORMAT || typeof m.build !== "string" || typeof m.reports !== "object" || m.reports === null) return null;
  return { manifest: m as Manifest, writtenAtMs };
}

/**
 * The run folders among `runDirs` whose report in `outDir` is up to date: built with the same
 * build key, from the same run folder, every input unchanged, and its page still there. Returns
 * each such run folder's report folder.
 */
export function upToDateReports(stored: StoredManifest | null, key: string, runDirs: readonly string[], outDir: string): Map<string, string> {
  const upToDate = new Map<string, string>();
  if (stored === null || stored.manifest.build !== key) return upToDate;
  const bySource = new Map<string, string>();
  for (const [folder, entry] of Object.entries(stored.manifest.reports)) bySource.set(entry.source, folder);
  for (const runDir of runDirs) {
    const folder = bySource.get(runDir);
    const entry = folder === undefined ? undefined : stored.manifest.reports[folder];
    if (folder === undefined || entry === undefined || !(RUN_FILE in entry.inputs)) continue;
    if (statSync(path.join(outDir, folder, REPORT_PATHS.page), { throwIfNoEntry: false })?.isFile() !== true) continue;
    if (entry.folderId === null || folderIdentity(path.join(outDir, folder)) !== entry.folderId) continue;
    if (Object.entries(entry.inputs).every(([relative, recorded]) => unchanged(path.join(runDir, ...relative.split("/")), recorded, stored.writtenAtMs))) upToDate.set(runDir, folder);
  }
  return upToDate;
}

/** True when `file` still holds what `recorded` describes: same size and time (settled before the manifest), or the same digest. */
function unchanged(file: string, recorded: InputRecord, writtenAtMs: number): boolean {
  const now = statSync(file, { throwIfNoEntry: false });
  if (now === undefined || !now.isFile() || now.size !== recorded.size) return false;
  if (now.mtimeMs === recorded.mtimeMs && recorded.mtimeMs + RACY_MS < writtenAtMs) return true;
  return fileDigest(file) === recorded.sha256;
}

/** The manifest entry of a report just built from `runDir`, whose inputs are `inputs` (absolute paths inside it). */
export function manifestEntry(runDir: string, inputs: readonly string[], folderId: string | null): ManifestEntry {
  const records: { [relative: string]: InputRecord } = {};
  for (const relative of sortPaths(new Set(inputs.map((file) => path.relative(runDir, file).split(path.sep).join("/"))))) {
    const file = path.join(runDir, ...relative.split("/"));
    // Stat before reading: a change after the stat gives a newer time, so it is caught next time.
    const info = statSync(file, { throwIfNoEntry: false });
    const sha256 = fileDigest(file);
    if (info !== undefined && sha256 !== null) records[relative] = { sha256, size: info.size, mtimeMs: info.mtimeMs };
  }
  return { source: runDir, inputs: records, folderId };
}

/**
 * Writes the manifest: the previous entries of report folders still in the site, replaced or
 * joined by this build's. Keys are sorted, so the same inputs always give the same bytes.
 */
export async function writeManifest(outDir: string, key: string, previous: StoredManifest | null, built: ReadonlyMap<string, ManifestEntry>, present: ReadonlySet<string>): Promise<void> {
  const merged = new Map<string, ManifestEntry>();
  if (previous !== null && previous.manifest.build === key) {
    for (const [folder, entry] of Object.entries(previous.manifest.reports)) if (present.has(folder)) merged.set(folder, entry);
  }
  for (const [folder, entry] of built) merged.set(folder, entry);
  const reports: { [folder: string]: ManifestEntry } = {};
  for (const folder of sortPaths(merged.keys())) {
    const entry = merged.get(folder) as ManifestEntry;
    const inputs: { [relative: string]: InputRecord } = {};
    for (const relative of sortPaths(Object.keys(entry.inputs))) {
      const { sha256, size, mtimeMs } = entry.inputs[relative] as InputRecord;
      inputs[relative] = { sha256, size, mtimeMs };
    }
    reports[folder] = { source: entry.source, inputs, folderId: entry.folderId ?? null };
  }
  const manifest: Manifest = { format: MANIFEST_FORMAT, build: key, reports };
  await new FileSystemReportFiles(outDir).write(MANIFEST_FILE, `${JSON.stringify(manifest, null, 1)}\n`);
}
