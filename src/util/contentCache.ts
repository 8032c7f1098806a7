/**
 * A content-addressed cache of derived text in the user's cache folder, beside the incremental
 * state (`$XDG_CACHE_HOME/curi-report/<kind>/`): what an expensive, deterministic step made from
 * an input (a Graphviz layout from its DOT, a sanitized SVG or Markdown from its source), keyed by
 * the SHA-256 of the input and of everything else that shapes the output (the step's version, its
 * libraries' versions). A rerun of the same pipeline shape then never loads the library at all.
 *
 * An entry is never trusted: it is a small JSON file of its own format with a version, read only
 * when it is a regular file under its bound, and used only when its format, kind, key and the
 * SHA-256 of its value all match. Anything else (a truncated write, a flipped byte, an entry of
 * another version, a file put there by hand) is ignored, and the value is made again and written
 * over it. Each kind keeps at most `maxEntries` files: past that, the least recently written go.
 * Reads and writes are synchronous: the callers are synchronous renderers, an entry is a few KiB,
 * and a failure to write (a read-only home, a full disk) only costs the next run the work again.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { makeDirectorySync } from "./makeDirectory.js";

/** Format name written in every entry. */
const ENTRY_FORMAT = "curi-report-cache-entry";

/** Version of the entry format; an entry of another version is ignored. */
export const CACHE_ENTRY_VERSION = 1;

/** One entry as stored. */
interface StoredEntry {
  readonly format: string;
  readonly version: number;
  readonly kind: string;
  readonly key: string;
  readonly sha256: string;
  readonly value: string;
}

/** How a cache of one kind is set up. */
export interface ContentCacheOptions {
  /** The user's curi-report cache folder (`$XDG_CACHE_HOME/curi-report`). */
  readonly root: string;
  /** Sub-folder and name of what is cached (`layouts`, `svg`, `markdown`). */
  readonly kind: string;
  /**
   * Everything besides the input that shapes the value (the step's own version, its libraries'
   * versions): part of every key, so a change makes every old entry a miss. Made at the first
   * lookup, so a cache never used costs nothing.
   */
  readonly salt: () => string;
  /** Largest value kept, in UTF-16 units; a bigger one is made each time and never stored. */
  readonly maxValueChars: number;
  /** Most entries kept in the kind's folder. */
  readonly maxEntries: number;
}

/** How many lookups a cache answered and missed (for tests and the bench). */
export interface CacheCounts {
  hits: number;
  misses: number;
}

/** SHA-256 (hex) of a string's UTF-8 bytes. */
function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A content-addressed cache of one kind of derived text (see the module comment). */
export class ContentCache {
  /** Lookups answered from the folder, and lookups that made the value again. */
  readonly counts: CacheCounts = { hits: 0, misses: 0 };
  private readonly dir: string;
  private salt: string | undefined;

  constructor(private readonly options: ContentCacheOptions) {
    this.dir = path.join(options.root, options.kind);
  }

  /** The key of `input`: the digest of the kind, the salt and the input. */
  keyOf(input: string): string {
    this.salt ??= this.options.salt();
    return sha256(`${ENTRY_FORMAT} ${CACHE_ENTRY_VERSION}\n${this.options.kind}\n${this.salt}\n${input}`);
  }

  /** The value stored for `input`, else `make(input)`, stored for next time. */
  through(input: string, make: () => string): string {
    const { key, found } = this.lookup(input);
    return found ?? this.stored(key, make());
  }

  /** The async form of {@link through}, for a maker that loads its library asynchronously. */
  async throughAsync(input: string, make: () => Promise<string>): Promise<string> {
    const { key, found } = this.lookup(input);
    return found ?? this.stored(key, await make());
  }

  /** The key of `input` and the value stored under it (null when there is none), counted as a hit or a miss. */
  private lookup(input: string): { key: string; found: string | null } {
    const key = this.keyOf(input);
    const found = this.read(key);
    if (found !== null) this.counts.hits++;
    else this.counts.misses++;
    return { key, found };
  }

  /** Stores `value` under `key` and returns it. */
  private stored(key: string, value: string): string {
    this.write(key, value);
    return value;
  }

  /** The file of an entry: `<kind>/<first two hex digits>/<key>.json`, so no folder grows past a few hundred files. */
  fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The value of the entry for `key`, or null when there is none or it cannot be trusted. */
  private read(key: string): string | null {
    const text = this.readBounded(this.fileOf(key));
    if (text === null) return null;
    let entry: Partial<StoredEntry>;
    try {
      entry = JSON.parse(text) as Partial<StoredEntry>;
    } catch {
      // A damaged entry (a write cut short, a flipped byte): made again, and written over.
      return null;
    }
    if (
      entry === null ||
      typeof entry !== "object" ||
      entry.format !== ENTRY_FORMAT ||
      entry.version !== CACHE_ENTRY_VERSION ||
      entry.kind !== this.options.kind ||
      entry.key !== key ||
      typeof entry.value !== "string" ||
      entry.sha256 !== sha256(entry.value)
    )
      return null;
    return entry.value;
  }

  /** The text of `file` when it is a regular file within the entry bound, else null. */
  private readBounded(file: string): string | null {
    // A value of n UTF-16 units is at most 6n bytes as escaped JSON, plus the entry's own fields.
    const maxBytes = this.options.maxValueChars * 6 + 4096;
    let fd: number;
    try {
      fd = openSync(file, "r");
    } catch {
      // No entry yet (or an unreadable one): a miss.
      return null;
    }
    try {
      const info = fstatSync(fd);
      if (!info.isFile() || info.size > maxBytes) return null;
      const buffer = Buffer.allocUnsafe(info.size);
      let read = 0;
      while (read < info.size) {
        const n = readSync(fd, buffer, read, info.size - read, read);
        if (n === 0) break;
        read += n;
      }
      return buffer.subarray(0, read).toString("utf8");
    } catch {
      // A folder where the entry should be, or a read error: a miss.
      return null;
    } finally {
      closeSync(fd);
    }
  }

  /** Stores `value` under `key` (written aside and renamed, so a reader never sees half an entry); best effort. */
  private write(key: string, value: string): void {
    if (value.length > this.options.maxValueChars) return;
    const entry: StoredEntry = {
      format: ENTRY_FORMAT,
      version: CACHE_ENTRY_VERSION,
      kind: this.options.kind,
      key,
      sha256: sha256(value),
      value,
    };
    const file = this.fileOf(key);
    const temp = `${file}.${process.pid}.tmp`;
    try {
      makeDirectorySync(path.dirname(file));
      writeFileSync(temp, JSON.stringify(entry));
      renameSync(temp, file);
      this.prune(path.dirname(file), path.basename(file));
    } catch {
      // The cache only saves work: a cache folder that cannot be written costs the next run the work again.
      try {
        unlinkSync(temp);
      } catch {
        // Nothing was written.
      }
    }
  }

  /**
   * Keeps the kind within `maxEntries`: each of the 256 sub-folders holds at most its share, and
   * past that its least recently written entries are removed, never `written`, the one just
   * written. Checked only on a write, so a run that finds everything in the cache pays nothing.
   */
  private prune(folder: string, written: string): void {
    const share = Math.max(1, Math.ceil(this.options.maxEntries / 256));
    const names = readdirSync(folder).filter((name) => name.endsWith(".json") && name !== written);
    if (names.length + 1 <= share) return;
    const byAge = names
      .map((name) => ({ name, mtime: statSync(path.join(folder, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => a.mtime - b.mtime || (a.name < b.name ? -1 : 1));
    for (const { name } of byAge.slice(0, names.length + 1 - share)) {
      try {
        unlinkSync(path.join(folder, name));
      } catch {
        // Removed by another process meanwhile.
      }
    }
  }
}
