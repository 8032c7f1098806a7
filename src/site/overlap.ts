/**
 * Refusing an output folder that overlaps the input: `curi-report runs --out runs` used to build
 * `runs/<reference>/` over the run folder of the same name and delete it. Paths are compared by
 * file identity (device and inode of every folder on the way to the root, after resolving links
 * and `..`), so no spelling gets through: symbolic links, `..`, a trailing slash, or another case
 * on a case-insensitive file system all name the same folder.
 */
import { lstatSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { UnsafePathError } from "../util/errors.js";

/** Device and inode of an existing path, or null. */
function identity(p: string): string | null {
  try {
    const info = statSync(p, { throwIfNoEntry: false });
    return info === undefined ? null : `${info.dev}:${info.ino}`;
  } catch {
    // ENOTDIR, ELOOP, EACCES: not a folder that could be one of the runs; the build reports what is wrong.
    return null;
  }
}

/** The real path of `p`, or of its nearest existing ancestor (a folder that does not exist yet will be made there). */
function nearestReal(p: string): string {
  let at = path.resolve(p);
  for (;;) {
    try {
      // The native call: one system call, where the JavaScript one lstats every part of the path.
      return realpathSync.native(at);
    } catch {
      // Not there (yet): its ancestor decides where it will be.
      const parent = path.dirname(at);
      if (parent === at) return at;
      at = parent;
    }
  }
}

/**
 * Identities of `p`'s real path and every folder above it. `known` holds the chains of real
 * paths seen before: the 1,000 run folders of a runs folder share every folder above them, which
 * are looked at once, not once a run.
 */
function chain(p: string, known: Map<string, ReadonlySet<string>>): ReadonlySet<string> {
  return realChain(nearestReal(p), known);
}

/** {@link chain} of a real path. */
function realChain(real: string, known: Map<string, ReadonlySet<string>>): ReadonlySet<string> {
  const found = known.get(real);
  if (found !== undefined) return found;
  const parent = path.dirname(real);
  const ids = new Set(parent === real ? [] : realChain(parent, known));
  const id = identity(real);
  if (id !== null) ids.add(id);
  known.set(real, ids);
  return ids;
}

/**
 * The identity of `input` and the identities of its chain (see {@link chain}). A real folder (not a
 * link) lies in the real path of its parent, so its chain is its parent's and its own identity from
 * one `lstat`: the parents of a runs folder's 1,000 run folders are resolved once, where resolving
 * each run folder's own path cost a `realpath` (a `readlink` per part of the path) and two `stat`s.
 * Anything else (a link, a file) is resolved in full.
 */
function inputChain(
  input: string,
  known: Map<string, ReadonlySet<string>>,
  parents: Map<string, ReadonlySet<string>>,
): { id: string | null; chain: () => ReadonlySet<string> } {
  const at = path.resolve(input);
  let info;
  try {
    info = lstatSync(at, { throwIfNoEntry: false });
  } catch {
    // ENOTDIR, EACCES: resolved in full below, which says no more than that it is not a folder.
    info = undefined;
  }
  if (info?.isDirectory() !== true) return { id: identity(input), chain: () => chain(input, known) };
  const id = `${info.dev}:${info.ino}`;
  return {
    id,
    chain: () => {
      const parent = path.dirname(at);
      let above = parents.get(parent);
      if (above === undefined) {
        above = chain(parent, known);
        parents.set(parent, above);
      }
      return new Set([...above, id]);
    },
  };
}

/**
 * Throws an `UnsafePathError` when `outDir` is one of `inputs` (the runs folder and each run
 * folder), lies inside one, or holds one, in any spelling.
 */
export function assertSeparate(inputs: readonly string[], outDir: string): void {
  const known = new Map<string, ReadonlySet<string>>();
  const parents = new Map<string, ReadonlySet<string>>();
  const outChain = chain(outDir, known);
  const outId = identity(path.resolve(outDir));
  for (const input of inputs) {
    const { id: inputId, chain: chainOfInput } = inputChain(input, known, parents);
    if (inputId === null) continue;
    const outInside = outChain.has(inputId);
    const inputInside = outId !== null && chainOfInput().has(outId);
    if (outInside || inputInside) {
      const how = outId === inputId ? "is" : outInside ? "is inside" : "holds";
      throw new UnsafePathError(
        `The output folder ${outDir} ${how} the runs it would read (${input}), so a build there could replace run folders with reports; nothing was written. Choose an --out apart from the runs, e.g. reports.`,
      );
    }
  }
}
