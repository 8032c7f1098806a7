/**
 * What a build read from a site's report folders, remembered for the next build of the same site
 * (the site digest, src/render/formats/siteDigest.ts, kept beside the state in the user's cache):
 * each marker's SHA-256 and what it says. Adding one run to a site of 1,000 reports otherwise
 * hashes 1,000 markers (to check the state's entries) and reads and validates them again (to look
 * for a report of the new run proven by its content).
 *
 * A fact stands in for its file only while the file is still the one that was read, as git's index
 * trusts a file by its stat: a regular file (not a link) with the same device and inode, size,
 * modification and change time, which were older than `RACY_MS` when the digest was written (a file
 * changed within the same clock tick as its reading could have changed again unseen). Any other
 * file is read as before, and what was read is remembered in its place. So a missing, damaged or
 * foreign digest costs only the reading it would have saved.
 *
 * run_info.json files are not kept here: measured on a 1,000-run site, reading them through the
 * digest's text saved no more CPU than loading that text cost (the index still parses and validates
 * each one), and every build that checks reports would pay the load.
 */
import { lstatSync, type Stats } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  MAX_SITE_DIGEST_BYTES,
  readSiteDigestText,
  siteDigestText,
  type FileIdentity,
  type FolderFacts,
  type MarkerSays,
} from "../render/formats/siteDigest.js";
import { RUN_FILE } from "../run/version.js";
import { makeDirectory } from "../util/makeDirectory.js";
import { fileSha256 } from "./fileDigest.js";
import { readPublished } from "./readPublished.js";
import { MARKER_FILE, readMarker } from "./reportMarker.js";

/** A file changed less than this before the digest (or state) was written is read again, whatever its stat says. */
export const RACY_MS = 2000;

/** The site digest's file beside a site's state file (`<digest>.json` → `<digest>.digest.json`). */
export function digestFileFor(stateFile: string): string {
  return stateFile.replace(/\.json$/, ".digest.json");
}

/** The identity of a regular file from its `lstat`, or null for anything else (a link, a folder, nothing). */
function identityOf(info: Stats | undefined): FileIdentity | null {
  if (info?.isFile() !== true) return null;
  return { id: `${info.dev}:${info.ino}`, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
}

/** What the marker in report folder `dir` says (null: none, or refused by its reader). */
export function markerSays(dir: string): MarkerSays | null {
  const marker = readMarker(dir);
  return marker === null ? null : { format: marker.format, build: marker.build, run: marker.inputs[RUN_FILE] ?? null };
}

/** The facts of one site, loaded from its digest (see the module comment). */
export class SiteFacts {
  private readonly folders: Map<string, FolderFacts>;
  private changed = false;

  private constructor(
    folders: Iterable<readonly [string, FolderFacts]>,
    /** When the digest was written (null: no digest, so no fact is trusted). */
    private readonly writtenAtMs: number | null,
  ) {
    this.folders = new Map(folders);
  }

  /** No facts: every file is read (and what was read is remembered). */
  static empty(): SiteFacts {
    return new SiteFacts([], null);
  }

  /** The facts in the digest `file`; none when it is missing, not a regular file, over its bound or refused by its schema. */
  static load(file: string): SiteFacts {
    // The time before the read: a digest rewritten meanwhile must not lend its newer time to older facts.
    const writtenAtMs = lstatOrNone(file)?.mtimeMs;
    if (writtenAtMs === undefined) return SiteFacts.empty();
    const read = readPublished(path.dirname(file), path.basename(file), MAX_SITE_DIGEST_BYTES, readSiteDigestText);
    return "value" in read ? new SiteFacts(Object.entries(read.value.folders), writtenAtMs) : SiteFacts.empty();
  }

  /** True when `recorded` still describes the file whose `lstat` is `info` (see the module comment). */
  private holds(recorded: FileIdentity | undefined, info: Stats | undefined): boolean {
    const now = identityOf(info);
    if (recorded === undefined || now === null || this.writtenAtMs === null) return false;
    return (
      now.id === recorded.id &&
      now.size === recorded.size &&
      now.mtimeMs === recorded.mtimeMs &&
      now.ctimeMs === recorded.ctimeMs &&
      Math.max(recorded.mtimeMs, recorded.ctimeMs) + RACY_MS < this.writtenAtMs
    );
  }

  private learn(folder: string, facts: FolderFacts): void {
    this.folders.set(folder, { ...this.folders.get(folder), ...facts });
    this.changed = true;
  }

  /** The marker of `<outDir>/<folder>` as it is now: its SHA-256 (null: unreadable) and what it says (null: refused or none). */
  marker(outDir: string, folder: string): { sha256: string | null; says: MarkerSays | null } {
    const dir = path.join(outDir, folder);
    const info = lstatOrNone(path.join(dir, MARKER_FILE));
    const known = this.folders.get(folder)?.marker;
    if (known !== undefined && this.holds(known, info)) return { sha256: known.sha256, says: known.read };
    const sha256 = fileSha256(path.join(dir, MARKER_FILE));
    const says = markerSays(dir);
    const identity = identityOf(info);
    if (identity !== null && sha256 !== null) this.learn(folder, { marker: { ...identity, sha256, read: says } });
    return { sha256, says };
  }

  /** Forgets the folders not in `present` (the site's folders, just listed). */
  keepOnly(present: Iterable<string>): void {
    const keep = new Set(present);
    for (const folder of this.folders.keys()) {
      if (keep.has(folder)) continue;
      this.folders.delete(folder);
      this.changed = true;
    }
  }

  /**
   * Writes the digest to `file` when this build learned or forgot a fact. Best effort, like the
   * state: a cache folder that cannot be written only makes the next build read the files again.
   */
  async save(file: string): Promise<void> {
    if (!this.changed) return;
    const text = siteDigestText(this.folders);
    if (text.length > MAX_SITE_DIGEST_BYTES) return;
    const temp = `${file}.${process.pid}.tmp`;
    try {
      await makeDirectory(path.dirname(file));
      await writeFile(temp, text);
      await rename(temp, file);
      this.changed = false;
    } catch {
      // The digest only saves reading: without it the next build reads the site's files.
    }
  }
}

/** What a check of the reports asks of the site digest. */
export type MarkerFacts = Pick<SiteFacts, "marker">;

/**
 * `facts` answering for each marker once: the state check (incremental.ts) looks at every marker
 * while vouching for the reports and again when it looks for a report of a new run, with nothing
 * written in between (adding one run to 1,000 reports took 1,000 more `lstat`s). For one check only:
 * a marker written after it is read again through `facts`.
 */
export function markersOnce(facts: SiteFacts): MarkerFacts {
  const seen = new Map<string, ReturnType<SiteFacts["marker"]>>();
  return {
    marker: (outDir, folder) => {
      const key = path.join(outDir, folder);
      let marker = seen.get(key);
      if (marker === undefined) {
        marker = facts.marker(outDir, folder);
        seen.set(key, marker);
      }
      return marker;
    },
  };
}

/** `lstat` of `file`, or undefined when there is nothing to stat there (missing, or a path under a file). */
function lstatOrNone(file: string): Stats | undefined {
  try {
    return lstatSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
