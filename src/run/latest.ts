/**
 * `runs/latest`: a plain text file holding the newest run's reference. No symlink, so it survives
 * zips, Windows and static hosts, and works as a CLI argument wherever a run folder is expected.
 */
import { lstat, readFile, realpath, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { InputNotFoundError, UnsafePathError } from "../util/errors.js";
import { RUN_FILE } from "./version.js";
import { makeDirectory } from "../util/makeDirectory.js";

/** Name of the latest marker inside a runs folder. */
export const LATEST_NAME = "latest";

/** Points `<runsDir>/latest` at `reference` (atomic write). */
export async function writeLatest(runsDir: string, reference: string): Promise<void> {
  await makeDirectory(runsDir);
  const target = path.join(runsDir, LATEST_NAME);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, `${reference}\n`, "utf8");
  await rename(temp, target);
}

/**
 * The reference `<runsDir>/latest` names, or null when there is no marker file. Throws
 * `UnsafePathError` when the marker holds something that cannot be a run beside it.
 */
export async function readLatest(runsDir: string): Promise<string | null> {
  const marker = path.join(runsDir, LATEST_NAME);
  const info = await stat(marker).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  });
  if (!info || !info.isFile()) return null;
  return referenceIn(marker, await readFile(marker, "utf8"));
}

/**
 * Resolves a CLI argument to a run folder: a folder as it is, a run.json file to its folder, a
 * `latest` marker file to the run beside it that it names, a symlink named latest to its target.
 * Throws `InputNotFoundError` when the argument or the named run is missing.
 */
export async function resolveRunDir(arg: string): Promise<string> {
  const abs = path.resolve(arg);
  const info = await stat(abs).catch((error: unknown) => {
    throw new InputNotFoundError(
      `${arg} does not exist; pass a run folder (holding ${RUN_FILE}), a runs folder, or runs/latest.`,
      { cause: error },
    );
  });
  if (info.isDirectory()) {
    // A latest symlink (as Python curifactory's `_latest`) stands for the run it names.
    const linked = path.basename(abs) === LATEST_NAME && (await lstat(abs)).isSymbolicLink();
    return linked ? realpath(abs) : abs;
  }
  if (path.basename(abs) === RUN_FILE) return path.dirname(abs);
  const reference = referenceIn(arg, await readFile(abs, "utf8"));
  const target = path.join(path.dirname(abs), reference);
  const found = await stat(target).catch((error: unknown) => {
    throw new InputNotFoundError(
      `${arg} names the run ${JSON.stringify(reference)}, but ${target} does not exist; rerun the experiment or point ${arg} at an existing run.`,
      { cause: error },
    );
  });
  if (!found.isDirectory())
    throw new InputNotFoundError(
      `${arg} names the run ${JSON.stringify(reference)}, but ${target} is not a folder; point ${arg} at an existing run.`,
    );
  return target;
}

/** The reference held by a marker's text; it must name a folder beside the marker. */
function referenceIn(marker: string, text: string): string {
  const reference = text.trim();
  if (reference === "" || /[/\\\0\n\r]/.test(reference) || reference === "." || reference === "..") {
    throw new UnsafePathError(
      `${marker} should hold the reference of a run beside it, but holds ${JSON.stringify(reference.slice(0, 80))}; rerun the experiment or rewrite the file.`,
    );
  }
  return reference;
}
