/**
 * Creating a folder and its parents without Node's `mkdir(dir, { recursive: true })`, which never
 * returns when the file system answers ENOENT for a folder whose parent exists (as `/proc` and
 * other pseudo file systems do): `--out /proc/x` used to hang the build forever. Here each missing
 * folder is created once, from the top down, and any failure is thrown as it is.
 */
import { mkdirSync, statSync } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";

/** The missing folders of `dir`, outermost first (empty when `dir` exists). */
function missingChain(dir: string, exists: (p: string) => boolean): string[] {
  const chain: string[] = [];
  for (let at = path.resolve(dir); !exists(at); at = path.dirname(at)) {
    chain.unshift(at);
    // The root always exists; a root that does not is the file system's error to report.
    if (path.dirname(at) === at) break;
  }
  return chain;
}

/** True when a folder-creating error means the folder is there now (created by someone else meanwhile). */
function alreadyThere(error: unknown, dir: string, isDir: (p: string) => boolean): boolean {
  return (error as NodeJS.ErrnoException).code === "EEXIST" && isDir(dir);
}

/** Creates `dir` and its missing parents; throws the file system's error (ENOENT, EACCES, ENOTDIR…) when one cannot be made. */
export async function makeDirectory(dir: string): Promise<void> {
  const isDir = (p: string): boolean => statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
  const exists = (p: string): boolean => statSync(p, { throwIfNoEntry: false }) !== undefined;
  for (const folder of missingChain(dir, exists)) {
    await mkdir(folder).catch((error: unknown) => {
      if (!alreadyThere(error, folder, isDir)) throw error;
    });
  }
  // A file (not a folder) in the way: say so as mkdir would.
  if (!(await stat(dir)).isDirectory())
    throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: "ENOTDIR" });
}

/** {@link makeDirectory}, synchronously: for the small cache writes of synchronous renderers. */
export function makeDirectorySync(dir: string): void {
  const isDir = (p: string): boolean => statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
  const exists = (p: string): boolean => statSync(p, { throwIfNoEntry: false }) !== undefined;
  for (const folder of missingChain(dir, exists)) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if (!alreadyThere(error, folder, isDir)) throw error;
    }
  }
  if (!isDir(dir)) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: "ENOTDIR" });
}
