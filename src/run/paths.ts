/**
 * Files named by run.json (reportable files, the log) are untrusted paths: each must stay inside
 * the run folder, by its text (no absolute paths, `..`, backslashes, drive letters, NUL) and on
 * disk (no symbolic link leading out). Missing files are collected, not thrown one by one.
 */
import { lstatSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { formatDiagnostic, InvalidRunError, UnsafePathError } from "../util/errors.js";
import type { Diagnostic } from "../util/errors.js";
import type { RunFile } from "./model.js";

/** A file path as run.json names it, with the JSON pointer of the field naming it. */
export interface FileRef {
  readonly pointer: string;
  readonly relative: string;
}

/** Why a relative path from run.json could leave the run folder, or undefined when its text is safe. */
export function unsafePathReason(relative: string): string | undefined {
  if (relative === "") return "is empty";
  if (relative.includes("\0")) return "contains a NUL character";
  if (relative.includes("\\")) return "contains a backslash (use / between folders)";
  if (/^[A-Za-z]:/.test(relative)) return "starts with a drive letter";
  if (relative.startsWith("/")) return "is absolute";
  if (relative.split("/").includes("..")) return "contains a .. segment";
  return undefined;
}

/** True when `target` is `root` or lies below it (both absolute, already resolved). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** One `UnsafePathError` listing every unsafe path as `file#pointer: problem`, with what to do. */
export function unsafePathError(file: string, problems: readonly Diagnostic[]): UnsafePathError {
  const lines = problems.map((d) => `  ${formatDiagnostic(d)}`).join("\n");
  return new UnsafePathError(
    `${file} names ${problems.length === 1 ? "a file" : `${problems.length} files`} outside its run folder; files named in run.json must be relative paths inside the run folder (like reportables/plot.svg) — fix the path or re-export the run:\n${lines}`,
  );
}

/**
 * Resolves every reference under `runDir` (absolute). Throws `UnsafePathError` for paths that
 * leave the folder, by text or through a symbolic link, then `InvalidRunError` for files that are
 * missing or are not regular files. Returns each file by pointer.
 */
export function resolveRunFiles(runDir: string, refs: readonly FileRef[], file: string): Map<string, RunFile> {
  const unsafe: Diagnostic[] = [];
  for (const ref of refs) {
    const reason = unsafePathReason(ref.relative);
    if (reason) unsafe.push({ file, pointer: ref.pointer, message: `${JSON.stringify(ref.relative)} ${reason}` });
  }
  if (unsafe.length > 0) throw unsafePathError(file, unsafe);
  const realDir = realpathSync(runDir);
  const missing: Diagnostic[] = [];
  const resolved = new Map<string, RunFile>();
  for (const ref of refs) {
    const absolute = path.resolve(runDir, ref.relative);
    const problem = checkOnDisk(realDir, absolute, ref.relative);
    if (problem?.unsafe) unsafe.push({ file, pointer: ref.pointer, message: problem.message });
    else if (problem) missing.push({ file, pointer: ref.pointer, message: problem.message });
    else resolved.set(ref.pointer, { relative: ref.relative, absolute });
  }
  if (unsafe.length > 0) throw unsafePathError(file, unsafe);
  if (missing.length > 0) throw new InvalidRunError(file, missing);
  return resolved;
}

function checkOnDisk(
  realDir: string,
  absolute: string,
  relative: string,
): { unsafe: boolean; message: string } | undefined {
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
    const dangling = lstatSync(absolute, { throwIfNoEntry: false })?.isSymbolicLink() === true;
    const what = dangling ? "is a symbolic link to nothing" : "does not exist in the run folder";
    return { unsafe: false, message: `${JSON.stringify(relative)} ${what}; restore the file or re-export the run` };
  }
  if (!isInside(realDir, real)) {
    return {
      unsafe: true,
      message: `${JSON.stringify(relative)} is a symbolic link (or lies below one) leading outside the run folder, to ${real}`,
    };
  }
  if (!statSync(real).isFile())
    return { unsafe: false, message: `${JSON.stringify(relative)} is not a regular file; point it at the file itself` };
  return undefined;
}
