/**
 * A regular file's identity for "is this the file I read before, unchanged": device and inode,
 * size, modification and change times. Processes that read the same site file more than once
 * (history.json, each report's run_info.json) keep what they parsed under it and skip the next read
 * while it holds.
 */
import { lstatSync } from "node:fs";

/** The identity of the regular file at `file`, or null for anything else (missing, a link, a folder, unreadable). */
export function fileIdentity(file: string): string | null {
  try {
    const info = lstatSync(file, { throwIfNoEntry: false });
    return info?.isFile() === true ? `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}` : null;
  } catch {
    // Not readable as a file at all (a path under a file: ENOTDIR): no identity, and the read says why.
    return null;
  }
}
