/**
 * Finding the runs in a runs folder: subfolders holding run.json are runs; other subfolders are
 * "informal" (made by hand or by another tool) and are listed so the caller can say so.
 */
import { statSync, type Stats } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { InputNotFoundError } from "../util/errors.js";
import { LATEST_NAME } from "./latest.js";
import { RUN_FILE } from "./version.js";

/** Run folders and informal folders of a runs folder, both as absolute paths in sorted order. */
export interface ScannedRuns {
  /** Subfolders holding run.json, sorted by name (code-unit order, the same on every machine). */
  readonly runs: string[];
  /** Subfolders without run.json, sorted the same way. */
  readonly informal: string[];
}

/**
 * Lists the run folders in `runsDir`. Skips the `latest` marker (file, folder or link), hidden
 * entries (`.git`, `.DS_Store`) and plain files. Symbolic links to folders count as folders.
 * Throws `InputNotFoundError` when `runsDir` is missing or not a folder.
 */
export async function scanRuns(runsDir: string): Promise<ScannedRuns> {
  const root = path.resolve(runsDir);
  const entries = await readdir(root, { withFileTypes: true }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === "ENOTDIR"
        ? "is not a folder"
        : code === "ENOENT"
          ? "does not exist"
          : `cannot be read (${code ?? String(error)})`;
    throw new InputNotFoundError(
      `${runsDir} ${problem}; pass the folder that holds your run folders (runs/ by default).`,
      { cause: error },
    );
  });
  const runs: string[] = [];
  const informal: string[] = [];
  // Code-unit order, not localeCompare: the order must not depend on the machine's locale.
  for (const entry of [...entries].sort((a, b) => byCodeUnits(a.name, b.name))) {
    const name = entry.name;
    if (name === LATEST_NAME || name.startsWith(".")) continue;
    const folder = path.join(root, name);
    // The entry's own type answers for plain folders and files; only links need a stat to follow them.
    if (!(entry.isDirectory() || (entry.isSymbolicLink() && isKind(folder, "folder")))) continue;
    (isKind(path.join(folder, RUN_FILE), "file") ? runs : informal).push(folder);
  }
  return { runs, informal };
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * True when `file` exists (following links) and is a folder or a regular file as asked. A plain
 * `statSync`: a runs folder of 1,000 runs takes 2,000 of these, ~10 ms this way and ~170 ms as
 * one awaited promise after another.
 */
function isKind(file: string, kind: "folder" | "file"): boolean {
  let info: Stats | undefined;
  try {
    info = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "ELOOP") return false;
    throw error;
  }
  return kind === "folder" ? info.isDirectory() : info.isFile();
}
