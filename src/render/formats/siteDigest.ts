/**
 * The site digest format (schema/site-digest.schema.json): kept beside the site state in the
 * user's cache, never published. It remembers, per report folder, what a build read there (its
 * marker's digest and what the marker says) with the identity the file had when it was read, so
 * that the next build of the same site reads one file instead of a thousand markers. A fact is used
 * only while its file still has that identity (src/site/siteFacts.ts).
 */
import { readFormatText, recordOf, type FormatSpec } from "./format.js";
import { siteDigest as validateSiteDigest } from "./formatValidators.generated.js";

/** Version of the site digest format; a digest of another version is ignored (the files are read). */
export const SITE_DIGEST_FORMAT = 1;

/** Largest digest read (a 10,000-run site's is a few MiB). */
export const MAX_SITE_DIGEST_BYTES = 256 * 1024 * 1024;

/** The identity of a file when it was read: device and inode, size, modification and change times. */
export interface FileIdentity {
  readonly id: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

/** What a marker says, as its reader accepted it. */
export interface MarkerSays {
  readonly format: number;
  readonly build: string;
  /** The run.json digest among its inputs, or null. */
  readonly run: string | null;
}

/** A marker as it was read: its bytes' SHA-256, and what it says (null: its reader refused it). */
export interface MarkerFact extends FileIdentity {
  readonly sha256: string;
  readonly read: MarkerSays | null;
}

/** The facts about one report folder. */
export interface FolderFacts {
  readonly marker?: MarkerFact;
}

/** A site digest: facts by report folder name (a direct child of the site). */
export interface SiteDigest {
  readonly format: number;
  readonly folders: { readonly [folder: string]: FolderFacts };
}

/** The site digest format, for `readFormatText`. */
export const SITE_DIGEST_SPEC: FormatSpec = {
  name: "site digest",
  schema: "site-digest.schema.json",
  versionField: "format",
  versions: [SITE_DIGEST_FORMAT],
  maxBytes: MAX_SITE_DIGEST_BYTES,
  remedy: "it is ignored, and the site's files are read instead",
  validate: validateSiteDigest,
};

/** The digest in `text` (the contents of `file`); throws when it is refused (see format.ts). */
export function readSiteDigestText(text: string, file: string): SiteDigest {
  const doc = readFormatText(SITE_DIGEST_SPEC, text, file) as unknown as SiteDigest;
  // Folders without a prototype, so no folder name can reach Object's properties.
  return { format: doc.format, folders: recordOf(Object.entries(doc.folders)) };
}

/** The text of a digest: one line (it is read by machines only), ending with a newline. */
export function siteDigestText(folders: ReadonlyMap<string, FolderFacts>): string {
  const digest: SiteDigest = { format: SITE_DIGEST_FORMAT, folders: recordOf([...folders]) };
  return `${JSON.stringify(digest)}\n`;
}
