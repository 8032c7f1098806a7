/**
 * Replacing a report folder so that a build killed at any moment leaves the previous report
 * readable: the new report is built in `.tmp-<folder>-<pid>-<n>` beside it, the old folder is
 * renamed aside to `.old-<folder>-<pid>-<n>`, the new one renamed in, and the old one removed.
 * If a build dies between the two renames, the next build (or index) puts the old folder back.
 * Both names start with `.`, so the index, static hosts and `check` ignore them.
 */
import { readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { outputError } from "./outputError.js";

let counter = 0;

const LEFTOVER = /^\.(tmp|old)-(.+)-(\d+)-(\d+)$/;

/** A fresh temp folder path beside `<outDir>/<folder>` (not created). */
export function tempFolderFor(outDir: string, folder: string): string {
  return path.join(outDir, `.tmp-${folder}-${process.pid}-${++counter}`);
}

/** Moves the finished `tempDir` to `<outDir>/<folder>`, replacing any previous report there. */
export async function swapIn(outDir: string, tempDir: string, folder: string): Promise<void> {
  const target = path.join(outDir, folder);
  const aside = path.join(outDir, `.old-${folder}-${process.pid}-${++counter}`);
  const hadOld = await exists(target);
  try {
    if (hadOld) await rename(target, aside);
    await rename(tempDir, target);
  } catch (error) {
    // Put the previous report back if it was moved aside but the new one could not be moved in.
    if (hadOld && !(await exists(target)) && (await exists(aside))) await rename(aside, target);
    throw outputError(target, error);
  }
  if (hadOld) await rm(aside, { recursive: true, force: true });
}

/**
 * Repairs what killed builds left in `outDir`: an `.old-<folder>-…` whose `<folder>` is missing is
 * renamed back (the build died between the renames); other `.old-…` folders and `.tmp-…` folders
 * of processes that no longer run are removed. Folders of live builds are left alone.
 */
export async function recoverInterrupted(outDir: string): Promise<void> {
  const names = await readdir(outDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw outputError(outDir, error);
  });
  for (const name of names.sort()) {
    const match = LEFTOVER.exec(name);
    if (match === null) continue;
    const [, kind, folder = "", pid = "0"] = match;
    if (Number(pid) === process.pid || processIsAlive(Number(pid))) continue;
    const full = path.join(outDir, name);
    const target = path.join(outDir, folder);
    if (kind === "old" && !(await exists(target))) await rename(full, target);
    else await rm(full, { recursive: true, force: true });
  }
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
