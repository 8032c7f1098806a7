/**
 * Writing run folders: `run.json` as canonical JSON (2-space indent, keys in the order of
 * `wire.ts` whatever order the caller built them in, trailing newline), written aside and renamed
 * so a reader never sees half a file; and whole runs, with the files run.json names.
 */
import { copyFile, lstat, realpath, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { CuriError, InputNotFoundError, OutputError } from "../util/errors.js";
import { canonicalWire, modelToWire } from "./convert.js";
import type { Run, RunFile } from "./model.js";
import { isInside, unsafePathError, unsafePathReason } from "./paths.js";
import { RUN_FILE } from "./version.js";
import type { WireRun } from "./wire.js";
import { makeDirectory } from "../util/makeDirectory.js";

/** Serializes a wire run exactly as it is stored on disk. Same input, same bytes. */
export function serializeRunDocument(doc: WireRun): string {
  return `${JSON.stringify(canonicalWire(doc), null, 2)}\n`;
}

/** Writes `<dir>/run.json` atomically (temp file + rename), creating `dir` if needed. */
export async function writeRunDocument(dir: string, doc: WireRun): Promise<void> {
  await makeDirectory(dir);
  const target = path.join(dir, RUN_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, serializeRunDocument(doc), "utf8");
  await rename(temp, target);
}

/**
 * Writes a whole run into `dir`: copies the reportable files and the log to the same relative
 * paths, then writes run.json last so the folder is never a valid run with files missing.
 * Read → write → read gives the same run.json bytes and the same files. Throws `UnsafePathError`
 * for a file path that would leave `dir`, `InputNotFoundError` for a source file gone since
 * reading, and `OutputError` when `dir` cannot be written.
 */
export async function writeRun(run: Run, dir: string): Promise<void> {
  const target = path.resolve(dir);
  const runFile = path.join(target, RUN_FILE);
  const files = namedFiles(run);
  const unsafe = files.flatMap(({ pointer, file }) => {
    const reason = unsafePathReason(file.relative);
    return reason ? [{ file: runFile, pointer, message: `${JSON.stringify(file.relative)} ${reason}` }] : [];
  });
  if (unsafe.length > 0) throw unsafePathError(runFile, unsafe);
  try {
    await makeDirectory(target);
    const realTarget = await realpath(target);
    for (const { pointer, file } of files) await copyInto(realTarget, file, pointer, runFile);
    await writeRunDocument(target, modelToWire(run));
  } catch (error) {
    if (error instanceof CuriError) throw error;
    throw new OutputError(
      `cannot write the run to ${target} (${(error as Error).message}); check that the folder is writable and the disk not full.`,
      { cause: error },
    );
  }
}

/** Every file a run names, with the pointer of the field naming it in run.json. */
function namedFiles(run: Run): { pointer: string; file: RunFile }[] {
  const files: { pointer: string; file: RunFile }[] = [];
  run.reportables.forEach((r, k) => {
    if (r.kind === "figure" || r.kind === "image") files.push({ pointer: `/reportables/${k}/file`, file: r.file });
    r.files.forEach((file, i) => files.push({ pointer: `/reportables/${k}/files/${i}`, file }));
  });
  if (run.log) files.push({ pointer: "/log", file: run.log });
  return files;
}

/** Copies one file to the same relative path under `realTarget`, never through a link leading out. */
async function copyInto(realTarget: string, file: RunFile, pointer: string, runFile: string): Promise<void> {
  const destination = path.join(realTarget, file.relative);
  await makeDirectory(path.dirname(destination));
  const realParent = await realpath(path.dirname(destination));
  if (!isInside(realTarget, realParent)) {
    throw unsafePathError(runFile, [
      {
        file: runFile,
        pointer,
        message: `${JSON.stringify(file.relative)} would be written through a symbolic link leading outside ${realTarget}`,
      },
    ]);
  }
  const source = await realpath(file.absolute).catch((error: unknown) => {
    throw new InputNotFoundError(
      `${file.absolute} (named at ${pointer}) no longer exists; read the run again before writing it.`,
      { cause: error },
    );
  });
  const existing = await lstat(destination).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  });
  if (existing?.isSymbolicLink()) {
    // Writing through a link would overwrite whatever it points at; replace the link instead.
    await unlink(destination);
  } else if (existing && (await realpath(destination)) === source) {
    return; // Writing a run onto itself: the file is already in place.
  }
  await copyFile(source, destination);
}
