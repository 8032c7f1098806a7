/**
 * Replacing a report folder so that a build killed at any moment leaves the previous report
 * readable: the new report is built in `.tmp-<folder>-<pid>-<n>` beside it, the old folder is
 * renamed aside to `.old-<folder>-<pid>-<n>`, the new one renamed in, and the old one removed.
 * If a build dies between the two renames, the next build (or index) puts the old folder back,
 * and clears temp folders and half-written site-root files of builds that are gone.
 * Both names start with `.`, so the index, static hosts and `check` ignore them.
 */
import { readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { asideFolderName, siteRootFolders, tempFileOwner, tempFolderName, workFolderOf } from "../render/router.js";
import { CuriError } from "../util/errors.js";
import { outputError } from "./outputError.js";
import { assertReplaceable } from "./reportMarker.js";

let counter = 0;

/** A fresh temp folder path beside `<outDir>/<folder>` (not created). */
export function tempFolderFor(outDir: string, folder: string): string {
  return path.join(outDir, tempFolderName(folder, process.pid, ++counter));
}

/** How many times a swap retries when another build swaps the same folder at the same moment. */
const SWAP_ATTEMPTS = 20;

/**
 * Moves the finished `tempDir` to `<outDir>/<folder>`, replacing any previous report there. Two
 * builds swapping the same folder at once both succeed and the last one wins: a folder another
 * build renamed in between is moved aside too (`ENOTEMPTY`), and one another build already moved
 * aside is simply gone (`ENOENT`). Every aside folder this build made is removed at the end.
 */
export async function swapIn(outDir: string, tempDir: string, folder: string): Promise<void> {
  const target = path.join(outDir, folder);
  const asides: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const aside = path.join(outDir, asideFolderName(folder, process.pid, ++counter));
    try {
      // Never move aside (and so remove) a run folder, a link, or a folder this tool did not write.
      assertReplaceable(target);
      if (await moveAside(target, aside)) asides.push(aside);
      await rename(tempDir, target);
      break;
    } catch (error) {
      if (error instanceof CuriError) {
        await rm(tempDir, { recursive: true, force: true });
        await restoreNewest(target, asides);
        throw error;
      }
      const code = (error as NodeJS.ErrnoException).code;
      const raced = code === "ENOTEMPTY" || code === "EEXIST";
      if (raced && attempt < SWAP_ATTEMPTS) continue;
      await restoreNewest(target, asides);
      throw outputError(target, error);
    }
  }
  for (const aside of asides) await rm(aside, { recursive: true, force: true });
}

/** Renames `target` to `aside`; false when there was nothing to move (no report yet, or another build moved it). */
async function moveAside(target: string, aside: string): Promise<boolean> {
  try {
    await rename(target, aside);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/** After a failed swap, puts the newest report this build moved aside back, if the folder is empty. */
async function restoreNewest(target: string, asides: readonly string[]): Promise<void> {
  const newest = asides[asides.length - 1];
  if (newest === undefined || (await exists(target))) return;
  // Best effort: the swap's own error is what the caller reports; a folder left aside is put
  // back by the next build's recoverInterrupted.
  await rename(newest, target).catch(() => undefined);
}

/**
 * Repairs what killed builds left in `outDir`: an `.old-<folder>-…` whose `<folder>` is missing is
 * renamed back (the build died between the renames); other `.old-…` folders and `.tmp-…` folders
 * of processes that no longer run are removed. Folders of live builds are left alone.
 */
export async function recoverInterrupted(outDir: string): Promise<void> {
  const names = await listNames(outDir);
  for (const name of names) {
    const work = workFolderOf(name);
    if (work === null || !isDead(work.pid)) continue;
    const full = path.join(outDir, name);
    const target = path.join(outDir, work.folder);
    if (work.kind === "old" && !(await exists(target))) await rename(full, target);
    else await rm(full, { recursive: true, force: true });
  }
  // Half-written files of the site-root writer (index, latest page, assets) killed mid-write.
  for (const dir of ["", ...siteRootFolders()]) {
    for (const name of await listNames(path.join(outDir, dir))) {
      const owner = tempFileOwner(name);
      if (owner !== null && isDead(owner)) await rm(path.join(outDir, dir, name), { force: true });
    }
  }
}

/** Sorted names in `dir`, or none when it does not exist. */
async function listNames(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return [] as string[];
    throw outputError(dir, error);
  });
  return names.sort();
}

/** True when `pid` is neither this process nor any other running one, so its leftovers are garbage. */
function isDead(pid: number): boolean {
  return pid !== process.pid && !processIsAlive(pid);
}

/** True when a process with this id exists (signal 0 tests without signalling). */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when `file` exists (any kind). */
async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
