/**
 * `runs/latest`: a plain text file holding the newest run's reference. No symlink, so it survives
 * zips, Windows and static hosts, and works as a CLI argument wherever a run folder is expected.
 */
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { InputNotFoundError, UnsafePathError } from "../util/errors.js";
import { RUN_FILE } from "./version.js";

/** Name of the latest marker inside a runs folder. */
export const LATEST_NAME = "latest";

/** Points `<runsDir>/latest` at `reference` (atomic write). */
export async function writeLatest(runsDir: string, reference: string): Promise<void> {
  await mkdir(runsDir, { recursive: true });
  const target = path.join(runsDir, LATEST_NAME);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, `${reference}\n`, "utf8");
  await rename(temp, target);
}

/**
 * Resolves a CLI argument to a run folder: a folder holding run.json as it is, or a `latest`
 * marker file (or a symlink named latest) to the run folder it names, which must lie beside it.
 */
export async function resolveRunDir(arg: string): Promise<string> {
  const abs = path.resolve(arg);
  const info = await stat(abs).catch((error: unknown) => {
    throw new InputNotFoundError(`${arg} does not exist; pass a run folder (holding ${RUN_FILE}), a runs folder, or runs/latest.`, { cause: error });
  });
  if (info.isDirectory()) return abs;
  const reference = (await readFile(abs, "utf8")).trim();
  if (reference === "" || reference.includes("/") || reference.includes("\\") || reference === "." || reference === "..") {
    throw new UnsafePathError(`${arg} should hold the reference of a run beside it, but holds ${JSON.stringify(reference.slice(0, 80))}; rerun the experiment or rewrite the file.`);
  }
  return path.join(path.dirname(abs), reference);
}
