/**
 * The V8 code cache of the CLI's script (src/cli/launch.ts runs every command but help through
 * {@link runScript}): compiled code kept in the user's cache folder beside the render caches
 * (`code/`), one file named by a digest of the script (its code digest, size and time), the Node
 * version, architecture and flags, so other code or another Node never meets it. It is read as
 * damaged input: bounded in size, our own header and a SHA-256 of its bytes checked before V8
 * sees it, and V8 itself refuses data made by another V8, for other flags or another source length
 * (`cachedDataRejected`). Whatever is wrong with it, the script compiles from its source as it
 * would without a cache, and a successful run writes a fresh one. Only our own script's source is
 * ever compiled: the cache carries no code of its own choosing.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Script } from "node:vm";
import type { CliIo } from "./io.js";

/** The code digest scripts/bundle-cli.mjs writes beside the bundle (src/util/codeDigest.ts reads it too). */
const DIGEST_FILE = "code-digest.txt";

/** First bytes of a cache file: a file of another kind or layout is never taken for one. */
const MAGIC = Buffer.from("curi-report V8 code cache 1\n");

/** Bytes of the SHA-256 after the magic. */
const SUM_BYTES = 32;

/** Largest cache file read or written (a small report's is ~1.5 MB): a huge file is not read at all. */
export const MAX_CODE_CACHE_BYTES = 32 * 1024 * 1024;

/** The CLI's entry, as src/cli/main.ts exports it. */
type Main = (argv: readonly string[], io: CliIo) => Promise<number>;

/**
 * Runs the CLI from `script` (in the bundle folder) with its code cache; resolves to the exit code.
 * The compiled code of a run that did its work is the code the next run needs, so that run writes
 * the cache when it had none or V8 refused it.
 */
export async function runScript(script: string, argv: readonly string[], io: CliIo): Promise<number> {
  const cacheFile = codeCacheFile(path.dirname(script), script, io.env);
  const compiled = compileScript(script, readCodeCache(cacheFile));
  const code = await compiled.main(argv, io);
  if (code === 0 && compiled.stale) writeCodeCache(cacheFile, compiled.script.createCachedData());
  return code;
}

/** The user's cache folder for curi-report, as src/site/incremental.ts's defaultStateDir finds it (not imported: that would load the site layer's ES modules beside the script that holds them). */
function cacheRoot(env: CliIo["env"]): string {
  const base = env["XDG_CACHE_HOME"];
  return path.join(base !== undefined && path.isAbsolute(base) ? base : path.join(homedir(), ".cache"), "curi-report");
}

/**
 * The cache file for `script` run by this Node: named by everything V8's data depends on, so two
 * Node versions or two builds of the CLI keep a file each instead of rejecting one another's.
 */
export function codeCacheFile(bundleDir: string, script: string, env: CliIo["env"]): string {
  let digest = "";
  try {
    digest = readFileSync(path.join(bundleDir, DIGEST_FILE), "utf8");
  } catch {
    // A bundle without its digest (made by hand): the script's size and time still tell builds apart.
  }
  const stat = statSync(script);
  const key = [digest, stat.size, stat.mtimeMs, process.version, process.arch, ...process.execArgv].join("\0");
  return path.join(cacheRoot(env), "code", `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.bin`);
}

/** The V8 code cache in `file`, or undefined when it is missing, too big, not ours or damaged. */
export function readCodeCache(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    if (statSync(file).size > MAX_CODE_CACHE_BYTES) return undefined;
    bytes = readFileSync(file);
  } catch {
    // No cache yet (or unreadable): the script compiles from its source.
    return undefined;
  }
  const head = MAGIC.length + SUM_BYTES;
  if (bytes.length <= head || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = bytes.subarray(head);
  const sum = createHash("sha256").update(data).digest();
  return sum.equals(bytes.subarray(MAGIC.length, head)) ? data : undefined;
}

/** Writes `data` as the cache in `file` (whole or not at all), and removes the caches of other builds and abandoned temporary files. */
export function writeCodeCache(file: string, data: Buffer): void {
  if (data.length + MAGIC.length + SUM_BYTES > MAX_CODE_CACHE_BYTES) return;
  const dir = path.dirname(file);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, Buffer.concat([MAGIC, createHash("sha256").update(data).digest(), data]));
    // Renamed into place: a concurrent run reads the old file or the new one, never half of one.
    renameSync(temp, file);
    for (const name of readdirSync(dir)) {
      const other = path.join(dir, name);
      if (/^[0-9a-f]{32}\.bin$/.test(name) && name !== path.basename(file)) rmSync(other, { force: true });
      else if (/^[0-9a-f]{32}\.bin\.\d+\.tmp$/.test(name) && abandoned(other)) rmSync(other, { force: true });
    }
  } catch {
    // A cache folder that cannot be written (read-only home, full disk) only costs the next run its speed.
    rmSync(temp, { force: true });
  }
}

/** How long a temporary cache file may stand before it counts as left by a process killed while writing it. */
export const ABANDONED_TEMP_MS = 10 * 60 * 1000;

/** True for a temporary file no running write can still own: untouched for {@link ABANDONED_TEMP_MS}. */
function abandoned(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > ABANDONED_TEMP_MS;
  } catch {
    // Gone already (renamed into place or removed by another run).
    return false;
  }
}

/** The CLI compiled from `script`, and whether its cache should be written (none given, or V8 refused it). */
interface CompiledCli {
  readonly main: Main;
  readonly script: Script;
  readonly stale: boolean;
}

/**
 * Compiles and runs `file` (the CLI as one function expression: scripts/bundle-cli.mjs wraps it)
 * with `cachedData`, and returns its `main`. The function takes what a CommonJS module has, plus
 * the script's URL for the bundled `import.meta.url`.
 */
function compileScript(file: string, cachedData: Buffer | undefined): CompiledCli {
  // ASCII throughout (scripts/bundle-cli.mjs checks), so Latin-1 reads the same text, faster than UTF-8.
  const source = readFileSync(file, "latin1");
  const script = new Script(source, { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });
  const module = { exports: {} as { main?: Main } };
  const init = script.runInThisContext() as (...args: unknown[]) => void;
  init.call(
    module.exports,
    module.exports,
    createRequire(file),
    module,
    file,
    path.dirname(file),
    pathToFileURL(file).href,
  );
  const { main } = module.exports;
  if (typeof main !== "function") throw new Error(`${file} does not define the CLI's main; run npm run build again.`);
  return { main, script, stale: cachedData === undefined || script.cachedDataRejected === true };
}
