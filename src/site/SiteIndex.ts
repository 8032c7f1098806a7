/**
 * What `check` knows of a site: its files, folders, the ids of recently linked pages (read on
 * demand, a bounded number kept), and the digests of the files it has read.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileSha256 } from "./fileDigest.js";
import { htmlIds } from "./siteRefs.js";

const SVG_EXT = /\.svg$/i;

/** A file of the site: its path relative to the root (`/`-separated) and size. */
export interface SiteFile {
  readonly rel: string;
  readonly size: number;
}

/**
 * Pages whose ids are kept at once. Links mostly point near the page being checked (the next
 * record, its pipeline, the run page), and pages are checked in path order, so a few hundred cover
 * them; keeping every page's ids held 3.6 GB for a 50,000-record report.
 */
const CACHED_ID_PAGES = 512;

/** What the checker knows of the site: its files, folders, and ids of recently linked pages (read on demand). */
export class SiteIndex {
  /** Least recently used first (a Map iterates in insertion order). */
  private readonly ids = new Map<string, Promise<Set<string>>>();
  /** Digests already taken (by a worker thread that read the file), so the edited-report check reads no file twice. */
  private readonly digests = new Map<string, string | null>();
  /** The file being checked, whose bytes are kept once read: its checks and its digest share one read. */
  private held: { rel: string; bytes?: Buffer } | undefined;
  constructor(
    readonly root: string,
    readonly files: ReadonlyMap<string, SiteFile>,
    readonly dirs: ReadonlySet<string>,
  ) {}

  /** Reads a site file as UTF-8 text (synchronously: the check reads one page at a time anyway). */
  text(rel: string): Promise<string> {
    const held = this.held?.rel === rel ? this.held : undefined;
    if (held === undefined) return Promise.resolve(readFileSync(path.join(this.root, rel), "utf8"));
    held.bytes ??= readFileSync(path.join(this.root, rel));
    return Promise.resolve(held.bytes.toString("utf8"));
  }

  /** Keeps the bytes of `rel` once read, until the next `hold` (undefined: none). */
  hold(rel: string | undefined): void {
    this.held = rel === undefined ? undefined : { rel };
  }

  /** SHA-256 (hex) of a site file, or null when it cannot be read: from the bytes held or known, else read in chunks. */
  digestOf(rel: string): string | null {
    const known = this.digests.get(rel);
    if (known !== undefined) return known;
    const bytes = this.held?.rel === rel ? this.held.bytes : undefined;
    if (bytes !== undefined) return createHash("sha256").update(bytes).digest("hex");
    return fileSha256(path.join(this.root, rel));
  }

  /** Records the digest of `rel` taken elsewhere (a worker thread read the file). */
  knowDigest(rel: string, digest: string | null): void {
    this.digests.set(rel, digest);
  }

  /** The ids defined in an HTML or SVG page of the site. */
  idsOf(rel: string): Promise<Set<string>> {
    const found = this.ids.get(rel) ?? this.text(rel).then((text) => htmlIds(text, SVG_EXT.test(rel)));
    this.remember(rel, found);
    return found;
  }

  /** Keeps the ids of `rel` as the most recently used (the page being checked was just parsed). */
  remember(rel: string, ids: Promise<Set<string>>): void {
    this.ids.delete(rel);
    this.ids.set(rel, ids);
    if (this.ids.size > CACHED_ID_PAGES) this.ids.delete(this.ids.keys().next().value as string);
  }
}
