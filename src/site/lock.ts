/**
 * A lock file in the site folder, held while a build reads the report folders and writes the
 * index from them. Without it, two builds writing the same site at once could leave an index made
 * from a scan taken before the other build swapped its report in. Report folders need no lock:
 * each is swapped in whole, the last build winning (swap.ts). A lock left by a killed build is
 * taken over once its process is gone.
 *
 * Why not proper-lockfile: it knows a dead holder only by the lock's age (its holder refreshes the
 * mtime on a timer), so after a killed build the next one waited 1.5-2.6 s at its shortest
 * `stale` (2 s) and 10.7 s at its default, where the process check here takes over in ~8 ms
 * (measured with a SIGKILLed holder on this machine); and a build that blocks its event loop
 * longer than `stale` (a big Graphviz layout) would have its lock declared compromised. Its gain,
 * locks shared across machines on a network file system, does not apply to a build's output folder.
 */
import { lstat, open, rm } from "node:fs/promises";
import path from "node:path";
import { SITE_LOCK_FILE } from "../render/router.js";
import { OutputError } from "../util/errors.js";
import { outputError } from "./outputError.js";
import { readSiteText } from "./readPublished.js";

/** Name of the lock file (the router's SITE_LOCK_FILE); starts with `.`, so the index, static hosts and `check` ignore it. */
export const LOCK_FILE = SITE_LOCK_FILE;

/** How long to wait for another live build before giving up. */
const WAIT_MS = 120_000;
const POLL_MS = 25;
/** A lock still without a process id after this long belongs to a build killed while taking it. */
const EMPTY_LOCK_MS = 5_000;

/** Runs `task` while holding the site lock of `outDir` (which must exist). */
export async function withSiteLock<T>(outDir: string, task: () => Promise<T>): Promise<T> {
  const lock = path.join(outDir, LOCK_FILE);
  await acquire(lock);
  try {
    return await task();
  } finally {
    await rm(lock, { force: true });
  }
}

/** Creates the lock file exclusively, waiting for a live holder and replacing a dead one's. */
async function acquire(lock: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lock, "wx");
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw outputError(lock, error);
    }
    const holder = await holderOf(lock);
    if (holder === null ? await olderThan(lock, EMPTY_LOCK_MS) : !isAlive(holder)) {
      await rm(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new OutputError(
        `${lock} is held by another curi-report build (process ${holder ?? "unknown"}) writing the same site; wait for it to finish, or delete the file if no build is running.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Most bytes of a lock read: a process id and a line break. */
const MAX_LOCK_BYTES = 64;

/**
 * The process id written in the lock, or null while the holder has not written it yet, or when
 * the lock is no regular file of ours (a FIFO, a link to /dev/zero, a huge file: read as
 * published files are, so it can neither block nor exhaust the build, and is taken over as a
 * stale lock).
 */
async function holderOf(lock: string): Promise<number | null> {
  // A lock released between our open and this read reads as missing: the next attempt takes it.
  const read = readSiteText(path.dirname(lock), path.basename(lock), MAX_LOCK_BYTES);
  const text = "value" in read ? read.value : "";
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** True when `file` was last changed more than `ms` ago (false when it is gone). */
async function olderThan(file: string, ms: number): Promise<boolean> {
  // lstat: the lock's own time, not that of what a link in its place leads to.
  const info = await lstat(file).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > ms;
}

/** True when a process with this id exists (signal 0 tests without signalling). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
