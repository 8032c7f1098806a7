/**
 * The SHA-256 of a file, read a chunk at a time: incremental builds hash every input (a sweep's
 * run.json is 512 MiB) and must not hold one whole just to hash it.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";

/** Bytes hashed at a time: a sweep's run.json (512 MiB) is never held whole just to be hashed. */
const HASH_CHUNK = 1 << 20;

/** SHA-256 (hex) of a file's bytes, read a chunk at a time, or null when it cannot be read. */
export function fileDigest(file: string): string | null {
  try {
    const hash = createHash("sha256");
    const fd = openSync(file, "r");
    try {
      const buffer = Buffer.allocUnsafe(HASH_CHUNK);
      for (let n = readSync(fd, buffer, 0, HASH_CHUNK, null); n > 0; n = readSync(fd, buffer, 0, HASH_CHUNK, null)) hash.update(buffer.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    return hash.digest("hex");
  } catch {
    // A missing or unreadable input simply does not match: the report is rebuilt, and the build says what is wrong.
    return null;
  }
}
