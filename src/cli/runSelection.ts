/**
 * Which runs `build` reads: each command-line input is a run folder, a runs folder, runs/latest
 * (passed on to the site build as they are) or a glob pattern of run folders, which curi-report
 * expands itself with globby, so `'runs/iris_*'` works quoted, in any shell and on Windows.
 * `--exclude` leaves out folders that a pattern or a runs folder selects. The selection is sorted
 * and has each run once; it never leaves the folder a pattern starts from: no `..`, and a link
 * that leads outside is left out with a warning.
 */
import { lstat, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type * as Globby from "globby";
import { InputNotFoundError, UsageError } from "../util/errors.js";

/** What to build, and what was left out on the way. */
export interface RunSelection {
  /** Absolute paths for the site build: inputs named as they are, and the run folders patterns selected; sorted, each once. */
  readonly inputs: readonly string[];
  /** Links a pattern matched that lead outside the pattern's folder, with where they lead; not built. */
  readonly leftOut: readonly { readonly link: string; readonly target: string }[];
}

/** A pattern split at its first segment with a glob character: the folder it starts from, and the rest. */
interface PatternParts {
  readonly base: string;
  readonly rest: string;
}

/** Glob characters: a segment holding one belongs to the pattern's rest, never to its folder. */
const GLOB_CHARS = /[*?[\]{}()!+@]/;

/** `..` as a segment or an alternative of a brace group: a way out of the pattern's folder. */
const CLIMBS_OUT = /(^|[/{,])\.\.($|[/},])/;

/** Splits `pattern` (with `/` separators) into its folder and its glob part. */
function splitPattern(pattern: string): PatternParts {
  const segments = pattern.split("/");
  const first = segments.findIndex((s) => GLOB_CHARS.test(s));
  const base = segments.slice(0, first).join("/") || (pattern.startsWith("/") ? "/" : ".");
  return { base, rest: segments.slice(first).join("/") };
}

/**
 * globby `ignore` patterns for `--exclude`: one without `/` matches a folder's name at any depth
 * below the pattern's folder, one with `/` its path inside that folder; either way, what lies
 * inside an excluded folder is excluded too.
 */
function ignorePatterns(excludes: readonly string[]): string[] {
  return excludes.flatMap((e) => {
    const p = e.replace(/^\.\//, "").replace(/\/+$/, "");
    return p.includes("/") ? [p, `${p}/**`] : [`**/${p}`, `**/${p}/**`];
  });
}

/** True when `dir` holds a run.json file. */
async function isRunFolder(dir: string): Promise<boolean> {
  return stat(path.join(dir, "run.json")).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** True when `inner` is `outer` or lies inside it (both real paths). */
function isWithin(outer: string, inner: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * globby, loaded only when a pattern or `--exclude` asks for it: loading it takes ~0.3 s of CPU
 * here, which a build of named runs (the common case) never pays.
 */
const globbyModule = (): Promise<typeof Globby> => import("globby");

/** The run folders under `base` that `rest` matches, less the excluded ones; links leading out are left out. */
async function matchRuns(base: string, rest: string, excludes: readonly string[]): Promise<RunSelection> {
  const { globby } = await globbyModule();
  const realBase = await realpath(base);
  const entries = await globby(rest, {
    cwd: base,
    onlyFiles: false,
    // Links are not followed into (no loops, no way out); a matched link is checked below.
    followSymbolicLinks: false,
    expandDirectories: false,
    dot: false,
    ignore: ignorePatterns(excludes),
    objectMode: true,
  });
  const inputs: string[] = [];
  const leftOut: { link: string; target: string }[] = [];
  for (const entry of entries) {
    const abs = path.join(base, entry.path);
    if (entry.dirent.isSymbolicLink()) {
      const target = await realpath(abs).catch(() => null);
      if (target === null) continue;
      if (!isWithin(realBase, target)) leftOut.push({ link: abs, target });
      else if (await isRunFolder(target)) inputs.push(abs);
    } else if (entry.dirent.isDirectory() && (await isRunFolder(abs))) inputs.push(abs);
  }
  return { inputs, leftOut };
}

/** Selects the run folders `shown` (a pattern, or a runs folder with excludes) names under `base`; none is an error. */
async function selectUnder(
  shown: string,
  parts: PatternParts,
  excludes: readonly string[],
  cwd: string,
): Promise<RunSelection> {
  if (CLIMBS_OUT.test(parts.rest))
    throw new UsageError(
      `The pattern ${JSON.stringify(shown)} climbs out of ${parts.base} with ".."; a pattern selects runs inside the folder it starts from, so start it from the folder you mean.`,
    );
  const base = path.resolve(cwd, parts.base);
  const isFolder = await stat(base).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder)
    throw new InputNotFoundError(
      `${JSON.stringify(shown)} selects runs in ${parts.base}, which is not a folder; pass a run folder, a runs folder, runs/latest or a pattern such as 'runs/iris_*'.`,
    );
  const selected = await matchRuns(base, parts.rest, excludes);
  if (selected.inputs.length > 0) return selected;
  const all = excludes.length === 0 ? selected : await matchRuns(base, parts.rest, []);
  if (all.inputs.length > 0)
    throw new InputNotFoundError(
      `--exclude leaves out all ${all.inputs.length} run folder${all.inputs.length === 1 ? "" : "s"} that ${JSON.stringify(shown)} selects; loosen --exclude or the pattern.`,
    );
  throw new InputNotFoundError(
    `No run folder (a folder holding run.json) matches ${JSON.stringify(shown)}; check the pattern, quoted so that curi-report expands it (e.g. 'runs/iris_*'), or pass a run folder, a runs folder or runs/latest.`,
  );
}

/** True when `input` is a folder of runs (not a run, not a latest marker): `--exclude` then applies to its runs. */
async function isRunsFolder(input: string): Promise<boolean> {
  const info = await lstat(input);
  return info.isDirectory() && path.basename(input) !== "latest" && !(await isRunFolder(input));
}

/**
 * Turns the command line's inputs (relative to `cwd`) into what the site build reads. An input
 * that exists is taken as it is, even with glob characters in its name; one that does not and
 * holds a glob character is a pattern. On Windows, `\` separates folders in patterns too.
 */
export async function selectRuns(
  args: readonly string[],
  excludes: readonly string[],
  cwd: string,
): Promise<RunSelection> {
  const slashes = (text: string): string => (path.sep === "\\" ? text.replaceAll("\\", "/") : text);
  const patternExcludes = excludes.map(slashes);
  const inputs: string[] = [];
  const leftOut: { link: string; target: string }[] = [];
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    // Asked of the path as typed: resolving first would fold `runs/**/..` into `runs`.
    const exists = await lstat(path.isAbsolute(arg) ? arg : `${cwd}${path.sep}${arg}`).then(
      () => true,
      () => false,
    );
    let parts: PatternParts | null = null;
    if (exists && excludes.length > 0 && (await isRunsFolder(abs))) parts = { base: abs, rest: "*" };
    else if (!exists && GLOB_CHARS.test(arg) && (await globbyModule()).isDynamicPattern(slashes(arg)))
      parts = splitPattern(slashes(arg));
    if (parts === null) {
      inputs.push(abs);
      continue;
    }
    const selected = await selectUnder(arg, parts, patternExcludes, cwd);
    inputs.push(...selected.inputs);
    leftOut.push(...selected.leftOut);
  }
  return { inputs: await uniqueRuns(inputs), leftOut };
}

/** `inputs` sorted (code-unit order: the same on every machine), each folder once, also when two spellings or links name it. */
async function uniqueRuns(inputs: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const input of [...new Set(inputs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const real = await realpath(input).catch(() => input);
    if (seen.has(real)) continue;
    seen.add(real);
    unique.push(input);
  }
  return unique;
}
