/**
 * Helpers for the tests that kill and race real builds: a sizeable runs folder made from the
 * fixture runs, two variants of it (their notes differ, so every report changes between them),
 * snapshots of built report folders, builds in this process on the same code as the killed and
 * racing processes, and a seeded random source so every failure can be replayed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as MainModule from "../../../src/cli/main.js";
import { isReservedName } from "../../../src/render/router.js";
import { BIN, captureMain, type CliResult } from "../../cli/helpers.js";
import { treeSnapshot } from "./cases.js";

const FIXTURE_RUNS = fileURLToPath(new URL("../../../fixtures/runs", import.meta.url));

/** The CLI's `main` as built in dist/ (by globalSetup): the code `bin/curi-report.js` and killAtPhase.mjs run. */
const DIST_MAIN = new URL("../../../dist/src/cli/main.js", import.meta.url).href;

/**
 * Runs `curi-report …args` in this process on dist/, the code the killed processes run
 * (killAtPhase.mjs), with output captured. Not on src/ (as `runMain` does): a report's marker holds the build
 * key, a digest of the code that built it, so a report folder built from src/ never equals one
 * built from dist/, and a dist/ build trusts none of its reports (it rebuilds them all, which
 * would hide an incremental build trusting a report it should not).
 */
export async function runBuilt(args: readonly string[], cwd: string): Promise<CliResult> {
  const { main } = (await import(DIST_MAIN)) as typeof MainModule;
  return captureMain(main, args, cwd);
}

/** Copies every fixture run `copies` times into `runsDir`, each copy with its own reference. Returns the references. */
export async function makeRuns(runsDir: string, copies: number): Promise<string[]> {
  const references: string[] = [];
  for (const name of (await readdir(FIXTURE_RUNS)).sort()) {
    for (let k = 0; k < copies; k++) {
      const dest = path.join(runsDir, `${name}-${k}`);
      await cp(path.join(FIXTURE_RUNS, name), dest, { recursive: true });
      const file = path.join(dest, "run.json");
      const doc = JSON.parse(await readFile(file, "utf8")) as { run_info: { reference: string } };
      doc.run_info.reference = `${doc.run_info.reference}-copy${k}`;
      references.push(doc.run_info.reference);
      await writeFile(file, JSON.stringify(doc, null, 2));
    }
  }
  return references.sort();
}

/**
 * Sets the notes of every run (or of the run folders named in `only`) to `variant <v>`, so a build
 * of the other variant changes every report (or those runs' reports).
 */
export async function setVariant(runsDir: string, variant: string, only?: readonly string[]): Promise<void> {
  for (const name of only ?? (await readdir(runsDir))) {
    const file = path.join(runsDir, name, "run.json");
    const doc = JSON.parse(await readFile(file, "utf8")) as { run_info: { notes: string | null } };
    doc.run_info.notes = `variant ${variant}\n\nBuilt to be replaced.`;
    await writeFile(file, JSON.stringify(doc, null, 2));
  }
}

/** Each report folder of a site (folders holding run_info.json) with its snapshot. */
export async function reportSnapshots(site: string): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (const d of await readdir(site, { withFileTypes: true })) {
    // The site's own folders (assets, latest, compare, runs, …) are the router's reserved names.
    if (!d.isDirectory() || d.name.startsWith(".") || isReservedName(d.name)) continue;
    out.set(d.name, await treeSnapshot(path.join(site, d.name)));
  }
  return out;
}

/** The index page's line (`<li class="run">`) that links the report folder `folder`, or "" when it has none. */
export function indexLineOf(index: string, folder: string): string {
  return (
    new RegExp(`<li class="run">(?:(?!</li>)[\\s\\S])*?href="${folder}/index\\.html"(?:(?!</li>)[\\s\\S])*</li>`).exec(
      index,
    )?.[0] ?? ""
  );
}

/** A running `curi-report` and its exit. */
export interface RunningBuild {
  readonly child: ChildProcess;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/**
 * Starts `curi-report …args`: the real CLI, bin/curi-report.js, which runs the bundled CLI when it
 * is built (its build key differs from dist/'s modules', so compare its reports only with its own).
 */
export function startBuild(args: readonly string[], cwd: string): RunningBuild {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exit };
}

/** mulberry32: a small seeded generator of numbers in [0, 1), so random kill times can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Names in the site root that builds leave only while they run: temp and aside folders, temp files, the lock. */
export async function leftovers(site: string): Promise<string[]> {
  const found: string[] = [];
  for (const rel of await readdir(site, { recursive: true })) {
    const base = path.basename(rel);
    if (/^\.(tmp|old)-/.test(base) || /\.tmp$/.test(base) || base === ".curi-report.lock") found.push(rel);
  }
  return found.sort();
}
