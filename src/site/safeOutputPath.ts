/**
 * The path guard every written byte goes through (Allure 3's `safeOutputPath`): output paths are
 * relative, posix, and stay inside the output root; copied sources stay inside their own root.
 */
import { lstat, realpath } from "node:fs/promises";
import path from "node:path";
import { InputNotFoundError, UnsafePathError } from "../util/errors.js";

/**
 * Resolves `rel` (a relative, `/`-separated path) under `root` and returns the absolute path.
 * Refuses empty, absolute, drive-letter, backslash, NUL, `.`/`..`/empty segments and segments
 * starting with `_` (Jekyll drops them on GitHub Pages), and anything resolving outside `root`.
 */
export function safeOutputPath(root: string, rel: string): string {
  const refuse = (why: string): never => {
    throw new UnsafePathError(
      `Refusing to write ${JSON.stringify(rel)} under ${root}: ${why}; this is a bug in whatever produced the path, please report it.`,
    );
  };
  if (rel === "") refuse("the path is empty");
  if (rel.includes("\0")) refuse("it contains a NUL character");
  if (rel.includes("\\")) refuse("it contains a backslash");
  if (rel.startsWith("/") || /^[A-Za-z]:/.test(rel)) refuse("it is absolute");
  for (const segment of rel.split("/")) {
    if (segment === "" || segment === "." || segment === "..") refuse(`it has a ${JSON.stringify(segment)} segment`);
    if (segment.startsWith("_")) refuse("a segment starts with `_`, which GitHub Pages (Jekyll) drops");
  }
  const absRoot = path.resolve(root);
  const abs = path.resolve(absRoot, ...rel.split("/"));
  const back = path.relative(absRoot, abs);
  if (back === "" || back.startsWith("..") || path.isAbsolute(back)) refuse("it resolves outside the output folder");
  return abs;
}

/** True when `child` is `parent` or lies below it (both absolute, already resolved). */
export function isInside(parent: string, child: string): boolean {
  const back = path.relative(parent, child);
  return back === "" || (!back.startsWith("..") && !path.isAbsolute(back));
}

/**
 * Checks a file about to be copied into a report: it must exist, be a regular file (after
 * following links), and, when `sourceRoot` is given, its real path must lie inside the real
 * `sourceRoot` — so a symlink in a run folder cannot smuggle `/etc/passwd` into a published site.
 * The run layer already checked this; checking again is cheap and keeps the writer safe alone.
 * The message says what to do about the file: it names `remedy` (default: restore it or
 * re-export the run), since a run's file, the user's `--css` and curi-report's own assets are
 * fixed in different ways.
 */
export async function checkCopySource(
  absSource: string,
  sourceRoot?: string,
  remedy: string = RUN_FILE_REMEDY,
): Promise<void> {
  const real = await realpath(absSource).catch((error: unknown) => {
    throw new InputNotFoundError(`${absSource} does not exist (or is a broken link); ${remedy}.`, { cause: error });
  });
  if (sourceRoot !== undefined) {
    const realRoot = await realpath(sourceRoot).catch(() => path.resolve(sourceRoot));
    if (!isInside(realRoot, real)) {
      throw new UnsafePathError(
        `${absSource} leads outside ${sourceRoot} (to ${real}); replace the link with the file itself.`,
      );
    }
  }
  const info = await lstat(real);
  if (!info.isFile()) {
    throw new InputNotFoundError(
      `${absSource} is not a regular file (only files can be copied into a report); ${remedy}.`,
    );
  }
}

/** What to do about a missing file of a run folder. */
const RUN_FILE_REMEDY = "restore the file or re-export the run";

/** What to do about a missing `--css` stylesheet. */
export const CSS_REMEDY = "check the path given with --css, or leave --css out";

/** Checks the user's `--css` stylesheet before anything is built, with advice about `--css`. */
export function checkStylesheet(absCss: string): Promise<void> {
  return checkCopySource(absCss, undefined, CSS_REMEDY);
}
