/**
 * The marker every report folder carries, `curi-report.json`. It says two things:
 * - this folder is a report curi-report wrote, so a later build may replace it (a build never
 *   removes or overwrites a folder without one, or one holding a run.json: see `assertReplaceable`);
 * - what the report was made from, with no path in it: the build key (curi-report's code, templates,
 *   version and stylesheet), the SHA-256 of every input file by its path inside the run folder, and
 *   a digest of every other file of the report folder. A copied site (`cp -r`, a CI cache, a
 *   gh-pages checkout) is checked against it by content, so only what changed is rebuilt
 *   (see incremental.ts), and a report folder edited or half-copied since is rebuilt;
 * - (format 2) a short digest of each of those files in path order, so `check` can name a page
 *   edited in place after the build (checkEdited.ts), which a build on the machine that wrote it
 *   keeps: there the state vouches for the folder without hashing it.
 */
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { readFormatText, type FormatSpec } from "../render/formats/format.js";
import { marker as validateMarker } from "../render/formats/formatValidators.generated.js";
import { readPublished } from "./readPublished.js";
import path from "node:path";
import { REPORT_PATHS } from "../render/router.js";
import { RUN_FILE } from "../run/version.js";
import { OutputError, UnsafePathError } from "../util/errors.js";
import { sortPaths, type ReportFiles } from "./ReportFiles.js";

/** Name of the marker in each report folder (the router's REPORT_PATHS.marker). Not a dotfile: it is published with the report, and `check` accepts it. */
export const MARKER_FILE = REPORT_PATHS.marker;

/**
 * Format (version) of the marker a build writes; a report whose marker is of another format is
 * rebuilt. Format 1 (no `files`) is still read, so a build replaces such folders and `check` accepts them.
 */
export const MARKER_FORMAT = 2;

/** Hex digits of each file's SHA-256 kept in `files`: enough to tell an edit, short enough for 100,000 files (800 KB). */
export const FILE_DIGEST_HEX = 8;

/** What a report folder's marker holds. */
export interface ReportMarker {
  readonly generator: "curi-report";
  readonly format: number;
  /** The build key (see `buildKey`). */
  readonly build: string;
  /** SHA-256 (hex) of each input file, by its `/`-separated path inside the run folder (`run.json` always). */
  readonly inputs: { readonly [relative: string]: string };
  /** Digest of every file of the report folder but this marker (see `folderDigest`). */
  readonly output: string;
  /**
   * Format 2: the first FILE_DIGEST_HEX hex digits of the SHA-256 of each file of the folder but
   * this marker, in `sortPaths` order of their paths, joined.
   */
  readonly files?: string;
}

/** What a build digests of a report folder's files for its marker. */
export interface FolderDigests {
  /** See ReportMarker.output. */
  readonly output: string;
  /** See ReportMarker.files. */
  readonly files: string;
}

/** The marker's text: sorted keys, so the same report gives the same bytes. */
export function markerText(build: string, inputs: ReadonlyMap<string, string>, digests: FolderDigests): string {
  const sorted: { [relative: string]: string } = {};
  for (const relative of sortPaths(inputs.keys())) sorted[relative] = inputs.get(relative) as string;
  const { output, files } = digests;
  const marker: ReportMarker = {
    generator: "curi-report",
    format: MARKER_FORMAT,
    build,
    inputs: sorted,
    output,
    files,
  };
  return `${JSON.stringify(marker, null, 1)}\n`;
}

/** Largest marker read: one line per input file of the run (a run with 100,000 files has a 10 MiB marker). */
const MAX_MARKER_BYTES = 32 * 1024 * 1024;

/** The marker format (schema/marker.schema.json), for `readFormatText`. */
export const MARKER_FORMAT_SPEC: FormatSpec = {
  name: MARKER_FILE,
  schema: "marker.schema.json",
  versionField: "format",
  versions: [1, MARKER_FORMAT],
  maxBytes: MAX_MARKER_BYTES,
  remedy: "rebuild the report with --full",
  validate: validateMarker,
};

/**
 * The marker of the report folder `dir`, or null when it has none, or one that is not a regular
 * file, over its bound, of another format or failing its schema: not a folder this build may
 * trust (or replace). Read as every published file is (readPublished.ts).
 */
export function readMarker(dir: string): ReportMarker | null {
  const read = readPublished(
    path.dirname(dir),
    `${path.basename(dir)}/${MARKER_FILE}`,
    MAX_MARKER_BYTES,
    (text, file) => readFormatText(MARKER_FORMAT_SPEC, text, file) as unknown as ReportMarker,
  );
  return "value" in read ? read.value : null;
}

/**
 * A digest of every file under `dir` but the marker: names and SHA-256 of bytes, in sorted order.
 * Null when the folder holds a link or anything but files and folders: such a folder is not one
 * this build wrote, so it is not trusted.
 */
export function folderDigest(dir: string): string | null {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) continue;
    if (!entry.isFile()) return null;
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    if (relative !== MARKER_FILE) files.push(relative);
  }
  const hash = createHash("sha256");
  for (const relative of sortPaths(files)) {
    hash.update(
      `${relative}\0${createHash("sha256")
        .update(readFileSync(path.join(dir, ...relative.split("/"))))
        .digest("hex")}\n`,
    );
  }
  return hash.digest("hex");
}

/**
 * `folderDigest` and the short per-file digests of the files written through `files` under
 * `prefix` (one report folder), taken from the writer, so a build to memory and one to disk give
 * the same marker.
 */
export async function writtenDigests(
  files: ReportFiles & { digest?: (relPath: string) => Promise<string> },
  prefix: string,
): Promise<FolderDigests> {
  const hash = createHash("sha256");
  const short: string[] = [];
  const relatives = files
    .list()
    .filter((f) => f.startsWith(prefix))
    .map((f) => f.slice(prefix.length))
    .filter((f) => f !== MARKER_FILE);
  const digestOf = async (relPath: string): Promise<string> =>
    files.digest !== undefined
      ? files.digest(relPath)
      : createHash("sha256")
          .update(await files.read(relPath))
          .digest("hex");
  for (const relative of sortPaths(relatives)) {
    const digest = await digestOf(prefix + relative);
    hash.update(`${relative}\0${digest}\n`);
    short.push(digest.slice(0, FILE_DIGEST_HEX));
  }
  return { output: hash.digest("hex"), files: short.join("") };
}

/**
 * Throws unless `target` may be replaced by a build: it does not exist, or it is a real folder
 * holding a curi-report marker and no run.json, or a link (replaced, its target untouched). So no build ever removes a run folder (`--out`
 * pointing at the runs) or a folder of the user's that happens to have a run's name.
 */
export function assertReplaceable(target: string): void {
  const info = lstatSync(target, { throwIfNoEntry: false });
  // A link is moved aside and removed as a link: what it points to is never touched.
  if (info === undefined || info.isSymbolicLink()) return;
  if (!info.isDirectory()) {
    throw new OutputError(
      `${target} is in the way of a report folder and is not a folder; curi-report replaces only report folders it wrote. Move it away, or choose another --out.`,
    );
  }
  if (lstatSync(path.join(target, RUN_FILE), { throwIfNoEntry: false }) !== undefined) {
    throw new UnsafePathError(
      `${target} holds a run (${RUN_FILE}), so it was not replaced by its report; never build a site into the runs folder: choose another --out.`,
    );
  }
  if (readMarker(target) === null) {
    // Another build may have swapped this folder away meanwhile: then there is nothing here to
    // judge, and the swap's rename finds out what is there now (and asks again).
    const now = lstatSync(target, { throwIfNoEntry: false });
    if (now === undefined || now.ino !== info.ino || now.dev !== info.dev) return;
    throw new OutputError(
      `${target} is not a report folder curi-report wrote (it has no ${MARKER_FILE}), so it was not replaced; move it away or delete it, or choose another --out.`,
    );
  }
}
