/**
 * Sites for the benchmark, made once and cached (none of this is timed):
 * - a runs folder of many small runs (copies of a 2-record scale run, each with its own reference,
 *   run number, timestamp and experiment), and the site fully built from it, for the incremental
 *   figures (adding one run, rebuilding with nothing changed);
 * - a site of many report folders for the index figure: one small report rendered for real, then
 *   copied with a distinct run_info.json per folder (the index reads only run_info.json); the
 *   index build itself is the real one.
 */
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { CACHE_ROOT, cloneReference, cloneRun, digest, folderNames, GENERATOR_VERSION, scaleRun } from "./generate.js";
import { measureProcess, type ProcessMeasure } from "./measure.js";
import { packageRoot } from "./snapshot.js";
import { MARKER_FILE } from "../src/site/reportMarker.js";

/** Bump when the cached sites change shape. */
const SITES_VERSION = 3;

/** Where the sites of this version (and of this generator's runs) are cached. */
const SITES_DIR = path.join(CACHE_ROOT, `sites-v${SITES_VERSION}-g${GENERATOR_VERSION}`);

/** Records in each run of a site (plus its aggregate). */
const SITE_RUN_RECORDS = 2;

/** Runs the CLI with `args` from the package root, measured. */
export function runCli(args: readonly string[]): Promise<ProcessMeasure> {
  return measureProcess(process.execPath, [path.join(packageRoot(), "bin/curi-report.js"), ...args], packageRoot());
}

/** Throws with the CLI's output when it failed. */
export function checked(measure: ProcessMeasure, what: string): ProcessMeasure {
  if (measure.exitCode !== 0)
    throw new Error(`${what} failed (exit ${measure.exitCode}):\n${measure.stderr || measure.stdout}`);
  return measure;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Makes `dir` with `fill` once: built in a staging folder and renamed into place, so a killed bench leaves no half cache. */
async function cached(dir: string, fill: (staging: string) => Promise<void>): Promise<string> {
  if (await exists(dir)) return dir;
  const staging = `${dir}.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await fill(staging);
  await mkdir(path.dirname(dir), { recursive: true });
  await rename(staging, dir);
  return dir;
}

/** A runs folder of `count` small runs, and one more run (not in it) to add. */
export interface RunsFolder {
  readonly runsDir: string;
  readonly extraRun: string;
}

/** The runs folder of `count` copies of a small scale run (cached). */
export async function runsFolder(count: number): Promise<RunsFolder> {
  const base = await scaleRun(SITE_RUN_RECORDS);
  const root = path.join(SITES_DIR, `runs-${count}`);
  await cached(root, async (staging) => {
    const runsDir = path.join(staging, "runs");
    await mkdir(runsDir, { recursive: true });
    for (let i = 0; i < count; i++) await cloneRun(base, runsDir, i);
    await cloneRun(base, path.join(staging, "extra"), count);
  });
  return { runsDir: path.join(root, "runs"), extraRun: path.join(root, "extra", cloneReference(count)) };
}

/** A digest of curi-report's built code, templates and version: a cached build is reused only by the same code. */
export async function codeDigest(): Promise<string> {
  const files: string[] = [];
  for (const dir of [path.join(packageRoot(), "dist/src"), path.join(packageRoot(), "templates")]) {
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
      if (entry.isFile()) files.push(path.join(entry.parentPath, entry.name));
  }
  files.sort();
  // Paths are relative, so the same code in another snapshot folder has the same digest.
  const parts = await Promise.all(
    files.map(async (f) => `${path.relative(packageRoot(), f)}:${digest(await readFile(f))}`),
  );
  return digest(parts.join("\n") + (await readFile(path.join(packageRoot(), "package.json"), "utf8")));
}

/** The site fully built from `runs` by the current code (cached per code digest), and how long that full build took. */
export async function builtSite(
  runs: RunsFolder,
  count: number,
): Promise<{ site: string; fullBuild: ProcessMeasure | null }> {
  const dir = path.join(SITES_DIR, `built-${count}-${await codeDigest()}`);
  let fullBuild: ProcessMeasure | null = null;
  await cached(dir, async (staging) => {
    // Builds by older code are of no further use: drop them so the cache does not grow with every change.
    for (const old of await folderNames(path.dirname(dir)).catch(() => [] as string[])) {
      if (old.startsWith(`built-${count}-`))
        await rm(path.join(path.dirname(dir), old), { recursive: true, force: true });
    }
    fullBuild = checked(
      await runCli([runs.runsDir, "--out", path.join(staging, "site"), "--quiet"]),
      `full build of ${count} runs`,
    );
    await writeFile(path.join(staging, "full-build.json"), JSON.stringify(fullBuild), "utf8");
  });
  fullBuild ??= JSON.parse(await readFile(path.join(dir, "full-build.json"), "utf8")) as ProcessMeasure;
  return { site: path.join(dir, "site"), fullBuild };
}

/** A fresh copy of `site` at `target` (replacing it). */
export async function copySite(site: string, target: string): Promise<void> {
  await rm(target, { recursive: true, force: true });
  await cp(site, target, { recursive: true });
}

/** A site of `count` report folders for the index figure (cached); each folder's run_info.json names its own run. */
export async function indexSite(count: number): Promise<string> {
  const base = await scaleRun(SITE_RUN_RECORDS);
  // v2: report folders carry curi-report's marker, without which `curi-report index` leaves a folder alone.
  const dir = path.join(SITES_DIR, `index-v2-${count}`);
  await cached(dir, async (staging) => {
    const one = path.join(staging, "one");
    checked(await runCli([base, "--out", one, "--quiet"]), "building the report copied into the index site");
    const [folder] = (await folderNames(one)).filter((f) => f.startsWith("scale"));
    if (folder === undefined) throw new Error(`no report folder in ${one}`);
    const report = path.join(one, folder);
    const info = JSON.parse(await readFile(path.join(report, "run_info.json"), "utf8")) as { [key: string]: unknown };
    const page = await readFile(path.join(report, "index.html"));
    const marker = await readFile(path.join(report, MARKER_FILE));
    const site = path.join(staging, "site");
    for (let i = 0; i < count; i++) {
      const reference = cloneReference(i);
      const target = path.join(site, reference);
      await mkdir(target, { recursive: true });
      const minute = String(i % 60).padStart(2, "0");
      const hour = String(Math.floor(i / 60) % 24).padStart(2, "0");
      const day = String(1 + (Math.floor(i / 1440) % 28)).padStart(2, "0");
      const runInfo = {
        ...info,
        reference,
        run_number: i + 1,
        timestamp: `2026-01-${day}-T${hour}${minute}00`,
        experiment_name: `exp${i % 7}`,
      };
      await writeFile(path.join(target, "run_info.json"), `${JSON.stringify(runInfo, null, 2)}\n`, "utf8");
      await writeFile(path.join(target, "index.html"), page);
      await writeFile(path.join(target, MARKER_FILE), marker);
    }
    await rm(one, { recursive: true, force: true });
  });
  return path.join(dir, "site");
}
