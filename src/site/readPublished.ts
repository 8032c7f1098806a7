/**
 * The one way a build reads a file it published back from a site (run_info.json, results.json,
 * the comparison data, markers). A site may have been restored from anywhere, so a file is read
 * only when it is a regular file inside the site, reached through real folders (no link at any
 * step), within its size bound, and then through its format's reader. A link to a secret, a FIFO
 * that would block forever or `/dev/zero` that would allocate without bound are refused.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from "node:fs";
import path from "node:path";
import { CuriError } from "../util/errors.js";

/**
 * The text of `rel` as `readSiteText` reads it, or null when it is missing or refused (a refusal
 * is warned about: what the build leaves out for want of it is named by `what`).
 */
export function siteTextOrNull(root: string, rel: string, maxBytes: number, what: string): string | null {
  const read = readSiteText(root, rel, maxBytes);
  if ("value" in read) return read.value;
  if ("problem" in read) warnLeftOut(read.problem, what);
  return null;
}

/** What reading a published file gave: its value, nothing (no such file), or why it was refused. */
export type Published<T> = { readonly value: T } | { readonly missing: true } | { readonly problem: string };

/**
 * The text of `rel` (`/`-separated, inside `root`) when it is a regular file of at most `maxBytes`
 * bytes reached through real folders; `missing` when it does not exist; else why it was refused.
 */
export function readSiteText(root: string, rel: string, maxBytes: number): Published<string> {
  const parts = rel.split("/");
  const file = path.join(root, ...parts);
  if (parts.some((p) => p === "" || p === "." || p === ".." || p.includes("\\")))
    return { problem: `${file} is not a path inside the site` };
  for (let i = 1; i < parts.length; i++) {
    const dir = path.join(root, ...parts.slice(0, i));
    const info = lstatSync(dir, { throwIfNoEntry: false });
    if (info === undefined) return { missing: true };
    if (!info.isDirectory()) return { problem: `${dir} is not a folder (a link or a file), so ${file} was not read` };
  }
  let fd: number;
  try {
    // O_NOFOLLOW refuses a link; O_NONBLOCK keeps a FIFO from blocking the open.
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a folder on the way is a file, so the file cannot exist (the build then refuses the output by name).
    if (code === "ENOENT" || code === "ENOTDIR") return { missing: true };
    return { problem: `${file} could not be read (${code === "ELOOP" ? "it is a link" : String(code)})` };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { problem: `${file} is not a regular file (a pipe, device or folder)` };
    if (info.size > maxBytes) return { problem: `${file} is ${info.size} bytes, over its ${maxBytes}-byte bound` };
    // Read at most one byte past the bound: a file that grew meanwhile is refused, not read whole.
    const buffer = Buffer.alloc(Math.min(maxBytes, info.size) + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) return { problem: `${file} grew past its ${maxBytes}-byte bound while it was read` };
    return { value: buffer.toString("utf8", 0, length) };
  } finally {
    closeSync(fd);
  }
}

/**
 * `rel` read as `readSiteText` reads it, then through `reader` (a format's reader, which throws a
 * CuriError naming the file when it refuses it): its value, `missing`, or why it was refused.
 */
export function readPublished<T>(
  root: string,
  rel: string,
  maxBytes: number,
  reader: (text: string, file: string) => T,
): Published<T> {
  const read = readSiteText(root, rel, maxBytes);
  if (!("value" in read)) return read;
  try {
    return { value: reader(read.value, path.join(root, ...rel.split("/"))) };
  } catch (error) {
    if (error instanceof CuriError) return { problem: error.message };
    throw error;
  }
}

/** Says on stderr (as a Node warning) what a build left out because it could not read it. */
export function warnLeftOut(problem: string, what: string): void {
  process.emitWarning(`${problem}; ${what}`, "CuriReportWarning");
}
