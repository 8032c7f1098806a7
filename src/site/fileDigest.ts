/**
 * SHA-256 digests of files: of every input an incremental build tracks, read a chunk at a time (a
 * sweep's run.json is 512 MiB and must not be held whole just to be hashed), and of the image and
 * figure files runs name, so a comparison counts an unchanged image as the same.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { InputNotFoundError } from "../util/errors.js";

/** Bytes hashed at a time. */
const HASH_CHUNK = 1 << 20;

/**
 * One chunk buffer for every file hashed: the hashing is synchronous, so no two reads share it (a
 * fresh MiB for each of a build's many small files cost more than hashing them).
 */
let chunk: Buffer | undefined;

/** SHA-256 (hex) of a file's bytes, read a chunk at a time; throws what reading throws. */
function sha256OfFile(file: string): string {
  const hash = createHash("sha256");
  const fd = openSync(file, "r");
  try {
    const buffer = (chunk ??= Buffer.allocUnsafe(HASH_CHUNK));
    for (let n = readSync(fd, buffer, 0, HASH_CHUNK, null); n > 0; n = readSync(fd, buffer, 0, HASH_CHUNK, null))
      hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

/** SHA-256 (hex) of a file's bytes, or null when it cannot be read. */
export function fileSha256(file: string): string | null {
  try {
    return sha256OfFile(file);
  } catch {
    // A missing or unreadable input simply does not match: the report is rebuilt, and the build says what is wrong.
    return null;
  }
}

/** SHA-256 of a reportable's file (reportable files are already confined to their run folder by the reader). */
export function fileDigest(r: { readonly file: { readonly absolute: string } }): string {
  try {
    return sha256OfFile(r.file.absolute);
  } catch (error) {
    throw new InputNotFoundError(
      `${r.file.absolute} could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); restore the file the run names, or run the experiment again.`,
      { cause: error },
    );
  }
}
