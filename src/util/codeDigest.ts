/**
 * Digests of curi-report's own code and of folders of files, for the incremental build key
 * (src/site/incremental.ts) and the render caches (src/render/renderCaches.ts): a report or a
 * cached rendering made by other code is never taken for one made by this code.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Name of the folder the bundled CLI is built into (`dist/src/bundle/`, scripts/bundle-cli.mjs). */
export const BUNDLE_DIR = "bundle";

/** File in the bundle's folder holding its code digest, written by scripts/bundle-cli.mjs with the bundle. */
export const BUNDLE_DIGEST_FILE = "code-digest.txt";

/** Bytes hashed at a time. */
const CHUNK = 1 << 16;

/** One buffer for every file hashed here: the hashing is synchronous, so no two reads share it. */
let buffer: Buffer | undefined;

/** SHA-256 (hex) of a file's bytes, or "" when it cannot be read. */
function fileHash(file: string): string {
  buffer ??= Buffer.allocUnsafe(CHUNK);
  const hash = createHash("sha256");
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    // Removed while the folder was listed: it takes no part.
    return "";
  }
  try {
    for (let n = readSync(fd, buffer, 0, CHUNK, null); n > 0; n = readSync(fd, buffer, 0, CHUNK, null))
      hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

/** A digest of the names and bytes of every file under `root` that `keep` accepts (by its `/` path), in sorted order. */
export function treeDigest(root: string, keep: (file: string) => boolean): string {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
  const files = entries
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join("/"))
    .filter(keep)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash("sha256");
  for (const file of files) hash.update(`${file}\0${fileHash(path.join(root, file))}\n`);
  return hash.digest("hex");
}

/**
 * The folder holding curi-report's running code: the bundle's own folder when the CLI runs from
 * its bundle (every module is in it), else `dist/src` when built, or `src` when run from source.
 */
export function codeRoot(fromUrl: string = import.meta.url): string {
  const here = path.dirname(fileURLToPath(fromUrl));
  return path.basename(here) === BUNDLE_DIR ? here : path.dirname(here);
}

let cached: string | undefined;

/**
 * A digest of curi-report's running code (its `.js`/`.ts` modules, not declarations; outside the
 * bundle, the bundle's files are left out, since that code is not what runs). Taken once a process.
 * The bundle's digest is the one scripts/bundle-cli.mjs wrote beside it, made from the same files
 * when the bundle was made (hashing them here cost ~40 ms of every build); without it, or when
 * it is not a digest, the files are hashed here.
 */
export function codeDigest(): string {
  cached ??= codeDigestOf(codeRoot());
  return cached;
}

/** {@link codeDigest} of the code in `root` (a bundle folder, `dist/src` or `src`), not cached. */
export function codeDigestOf(root: string): string {
  const bundled = path.basename(root) === BUNDLE_DIR;
  const written = bundled ? bundleDigest(root) : null;
  return (
    written ??
    treeDigest(
      root,
      (f) => /\.(js|ts)$/.test(f) && !f.endsWith(".d.ts") && (bundled || !f.startsWith(`${BUNDLE_DIR}/`)),
    )
  );
}

/** The digest scripts/bundle-cli.mjs wrote in the bundle folder `root`, or null when there is none. */
function bundleDigest(root: string): string | null {
  try {
    const text = readFileSync(path.join(root, BUNDLE_DIGEST_FILE), "utf8").trim();
    return /^[0-9a-f]{64}$/.test(text) ? `bundle ${text}` : null;
  } catch {
    // No digest file (a bundle made by hand): the files are hashed instead.
    return null;
  }
}
