/**
 * The write paths of a site, checked before a build writes anything (issue 23, point 3), as the
 * overlap check is: a site whose `latest/`, `assets/`, `compare/`, `runs/`, `index.html`, `latest.json` or a
 * report folder is a link leading out of it is refused with nothing changed. The writer would refuse
 * some of these itself, but only when it reached them, after a report had been swapped in and the
 * index replaced: a failed build that changed the site.
 *
 * Links at the site's top level that lead outside it are refused whatever their name, since any
 * name may be a report folder of this build (its reference is known only once its run is read).
 * The folders the index writes into may not be links at all: the writer would refuse them later.
 * A link inside the site at a file or report-folder place is harmless: it is replaced, never
 * followed. Dot-names are the builds' own temp folders and lock, tidied by recovery.
 */
import { lstat, readdir, readlink, realpath } from "node:fs/promises";
import path from "node:path";
import { COMPARE_DIR, RUNS_LIST_DIR, SITE_ASSETS_DIR, SITE_PATHS } from "../render/router.js";
import { UnsafePathError } from "../util/errors.js";
import { outputError } from "./outputError.js";
import { isInside } from "./safeOutputPath.js";

/** Folders of the site root that builds write into; a link there is refused wherever it leads. */
const WRITE_FOLDERS: ReadonlySet<string> = new Set([
  SITE_ASSETS_DIR,
  path.posix.dirname(SITE_PATHS.latestPage),
  COMPARE_DIR,
  RUNS_LIST_DIR,
]);

/**
 * Throws an UnsafePathError naming the first link in `root` that a build could write through or
 * replace while it leads out of the site (see the module comment). A missing `root` has none.
 */
export async function assertWritePaths(root: string): Promise<void> {
  const realRoot = await realpath(root).catch(() => null);
  if (realRoot === null) return;
  await checkFolder(root, realRoot, "");
  // compare/<base>--<other>/ folders are written into too.
  const compare = path.join(root, COMPARE_DIR);
  if ((await lstat(compare).catch(() => null))?.isDirectory() === true) await checkFolder(root, realRoot, COMPARE_DIR);
}

/** Checks the links among the entries of `root/dir`. */
async function checkFolder(root: string, realRoot: string, dir: string): Promise<void> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true }).catch((error: unknown) => {
    throw outputError(path.join(root, dir), error);
  });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!entry.isSymbolicLink() || entry.name.startsWith(".")) continue;
    const full = path.join(root, dir, entry.name);
    const leadsTo = await linkTarget(full);
    const folder = dir !== "" || WRITE_FOLDERS.has(entry.name);
    if (!isInside(realRoot, leadsTo))
      throw new UnsafePathError(
        `Refusing to write ${full}: ${folder ? "its folder" : "it"} is a link leading outside ${root}; remove the link. Nothing was written.`,
      );
    if (folder)
      throw new UnsafePathError(
        `Refusing to write ${full}: a folder on its path is a link (to ${leadsTo}); remove the link so curi-report can write a real folder there. Nothing was written.`,
      );
  }
}

/** Where a link leads: its real path, or for a broken link the path its text names. */
async function linkTarget(link: string): Promise<string> {
  const real = await realpath(link).catch(() => null);
  if (real !== null) return real;
  return path.resolve(path.dirname(link), await readlink(link));
}
