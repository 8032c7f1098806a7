/**
 * The copy of curi-report the benchmark measures. Other work in the same checkout (a test run
 * recompiling dist/, an edit to a template) would otherwise change the tool in the middle of a
 * bench run, and invalidate every incremental build with it. So the bench copies what the
 * installed package holds (bin, dist, templates, schema, package.json) into its work folder,
 * links node_modules, and runs only that copy.
 */
import { cp, mkdir, symlink } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout the bench was started from (two levels above dist/bench). */
export const SOURCE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

let root = SOURCE_ROOT;

/** The package root being measured (the snapshot once `snapshotPackage` ran). */
export function packageRoot(): string {
  return root;
}

/** Copies the package into `<work>/package` and measures that copy from now on. */
export async function snapshotPackage(work: string): Promise<string> {
  const target = path.join(work, "package");
  await mkdir(target, { recursive: true });
  for (const part of ["bin", "dist", "templates", "schema", "package.json"]) {
    await cp(path.join(SOURCE_ROOT, part), path.join(target, part), { recursive: true });
  }
  await symlink(path.join(SOURCE_ROOT, "node_modules"), path.join(target, "node_modules"), "dir");
  root = target;
  return target;
}
