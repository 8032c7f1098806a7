/**
 * The names a build gives files and folders in a site only while it works: the site lock, the
 * report folder it builds beside the published one, the old folder it moves aside, and the temp
 * file each write goes through. All start with `.`, so the index, static hosts and `check` pass
 * them by; a later build knows those of a killed build by these names and clears them.
 */

/** The lock file at the top of a site, held while a build scans the reports and writes the index. */
export const SITE_LOCK_FILE = ".curi-report.lock";

/** Name of the `n`-th temp folder of process `pid`, in which report folder `folder` is built. */
export function tempFolderName(folder: string, pid: number, n: number): string {
  return `.tmp-${folder}-${pid}-${n}`;
}

/** Name of the `n`-th folder to which process `pid` moves the published report folder `folder` aside. */
export function asideFolderName(folder: string, pid: number, n: number): string {
  return `.old-${folder}-${pid}-${n}`;
}

/** What a temp or aside folder's name says: which it is, its report folder and the process that made it. */
export interface WorkFolder {
  readonly kind: "tmp" | "old";
  readonly folder: string;
  readonly pid: number;
}

/** The temp or aside folder named `name`, or null when the name is neither's. */
export function workFolderOf(name: string): WorkFolder | null {
  const match = /^\.(tmp|old)-(.+)-(\d+)-(\d+)$/.exec(name);
  if (match === null) return null;
  const [, kind, folder = "", pid = "0"] = match;
  return { kind: kind === "old" ? "old" : "tmp", folder, pid: Number(pid) };
}

/** Name of the `n`-th temp file of process `pid` through which file `name` is written, beside it. */
export function tempFileName(name: string, pid: number, n: number): string {
  return `.${name}.${pid}.${n}.tmp`;
}

/** The process that made the temp file named `name`, or null when the name is no temp file's. */
export function tempFileOwner(name: string): number | null {
  const match = /^\..+\.(\d+)\.\d+\.tmp$/.exec(name);
  return match === null ? null : Number(match[1]);
}
