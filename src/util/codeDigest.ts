/**
 * Digests of curi-report's own code and of folders of files, for the incremental build key
 * (src/site/incremental.ts) and the render caches (src/render/renderCaches.ts): a report or a
 * cached rendering made by other code is never taken for one made by this code.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, readdirSync, readSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Name of the folder the bundled CLI is built into (`dist/src/bundle/`, scripts/bundle-cli.mjs). */
export const BUNDLE_DIR = "bundle";

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
 */
export function codeDigest(): string {
  if (cached !== undefined) return cached;
  const root = codeRoot();
  const bundled = path.basename(root) === BUNDLE_DIR;
  cached = treeDigest(
    root,
    (f) => /\.(js|ts)$/.test(f) && !f.endsWith(".d.ts") && (bundled || !f.startsWith(`${BUNDLE_DIR}/`)),
  );
  return cached;
}
