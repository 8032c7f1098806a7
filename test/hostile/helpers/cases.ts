/**
 * The hostile fixtures as tests use them: the list of cases with their expected outcomes, and a
 * fresh copy of a case's run folder with its `setup` applied (huge values, symbolic links).
 */
import { createHash } from "node:crypto";
import { cp, lstat, mkdir, mkdtemp, open, readdir, readFile, readlink, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { HostileExpected, HostileSetup } from "../../../scripts/hostile/expected.js";

/** The committed fixtures. */
export const HOSTILE_DIR = fileURLToPath(new URL("../../../fixtures/hostile", import.meta.url));

/** One case: its folder name and expected outcome. */
export interface HostileFixture {
  readonly name: string;
  readonly expected: HostileExpected;
}

/** Every case folder in `fixtures/hostile`, sorted by name. */
export async function listCases(): Promise<HostileFixture[]> {
  const dirents = await readdir(HOSTILE_DIR, { withFileTypes: true });
  const names = dirents
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      expected: JSON.parse(await readFile(path.join(HOSTILE_DIR, name, "expected.json"), "utf8")) as HostileExpected,
    })),
  );
}

/** A fresh temp folder. */
export function tempDir(prefix = "curi-hostile-"): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/**
 * Copies case `name` to `dest` (without expected.json) and applies its setup. `dest` must not
 * exist yet; its parent is created.
 */
export async function prepareCase(name: string, dest: string, setup: HostileSetup | undefined): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true });
  await cp(path.join(HOSTILE_DIR, name), dest, { recursive: true, verbatimSymlinks: true });
  await rm(path.join(dest, "expected.json"));
  if (setup?.expand !== undefined && setup.expand.length > 0)
    await expandRun(path.join(dest, "run.json"), setup.expand);
  for (const link of setup?.symlinks ?? []) {
    const at = path.join(dest, link.path);
    await rm(at, { recursive: true, force: true });
    await mkdir(path.dirname(at), { recursive: true });
    await symlink(link.target, at);
  }
}

type Expansion = NonNullable<HostileSetup["expand"]>[number];

/**
 * Blows up values of run.json in place. Nesting is spliced in as text, because a value nested
 * 100,000 deep cannot go through `JSON.stringify` (nor should it: that is the attack). Long
 * strings and repeated rows are spliced in as bytes too, a unit's JSON repeated by `Buffer.fill`:
 * the same bytes as stringifying them, without making and encoding 10 MB strings (the expansions
 * of every case took 2.8 s of CPU that way, 1.4 s of it for huge-strings-everywhere alone).
 */
async function expandRun(file: string, expansions: readonly Expansion[]): Promise<void> {
  const doc = JSON.parse(await readFile(file, "utf8")) as unknown;
  const splices: Buffer[][] = [];
  const splice = (bytes: Buffer[]): string => `${SPLICE}${splices.push(bytes) - 1}@@`;
  for (const e of expansions) {
    const { parent, key } = locate(doc, e.pointer);
    const target = parent as Record<string, unknown>;
    const value = target[key];
    if (e.repeat !== undefined && Array.isArray(value)) {
      target[key] = splice(repeatedJson(`${JSON.stringify(value[0])},`, e.repeat, "[", "]"));
    } else if (e.length !== undefined && typeof value === "string") {
      target[key] = longString(value, e.length, splice);
    } else if (e.keys !== undefined && typeof value === "object" && value !== null && !Array.isArray(value)) {
      // The object's first key and value, repeated as `<key>_<i>`: `<value>-<i>`.
      const [firstKey = "k", firstValue = ""] = Object.entries(value)[0] ?? [];
      target[key] = Object.fromEntries(
        Array.from({ length: e.keys }, (_, n) => [`${firstKey}_${n}`, `${String(firstValue)}-${n}`]),
      );
    } else if (e.nest !== undefined) {
      target[key] = splice([Buffer.from(`${"[".repeat(e.nest)}${JSON.stringify(value)}${"]".repeat(e.nest)}`)]);
    } else {
      throw new Error(`${file}: cannot expand ${e.pointer} as ${JSON.stringify(e)}`);
    }
  }
  // Splits on the markers' JSON: text at even places, a splice's number at odd ones.
  const pieces = JSON.stringify(doc).split(new RegExp(`"${SPLICE}(\\d+)@@"`));
  if (pieces.length !== 2 * splices.length + 1) throw new Error(`${file}: its text holds ${SPLICE}`);
  // Written piece by piece: joining them first would copy the 60 MB of a huge case once more.
  const handle = await open(file, "w");
  try {
    for (const [i, p] of pieces.entries())
      for (const bytes of i % 2 === 0 ? [Buffer.from(p)] : (splices[Number(p)] ?? [])) await handle.write(bytes);
  } finally {
    await handle.close();
  }
}

/** The start of a marker standing for spliced bytes in run.json's text (`<SPLICE><n>@@`). */
const SPLICE = "@@curi-hostile-splice-";

/**
 * `value` repeated and cut to `length` characters: a marker for its JSON bytes, or the string
 * itself when it holds surrogates (a pair cut or joined at a seam would not escape as a unit does).
 */
function longString(value: string, length: number, splice: (bytes: Buffer[]) => string): string {
  if (value === "" || /[\ud800-\udfff]/.test(value))
    return value.repeat(Math.ceil(length / Math.max(1, value.length))).slice(0, length);
  const whole = Math.floor(length / value.length);
  const tail = JSON.stringify(value.slice(0, length - whole * value.length)).slice(1);
  return splice(repeatedJson(JSON.stringify(value).slice(1, -1), whole, '"', tail));
}

/** `start`, `unit` `times` over and `end`, as bytes; a trailing comma of the units is dropped (JSON lists). */
function repeatedJson(unit: string, times: number, start: string, end: string): Buffer[] {
  const unitBytes = Buffer.from(unit);
  // Unsafe (not zeroed first): fill writes every byte of it.
  const body = Buffer.allocUnsafe(unitBytes.length * times);
  if (times > 0) body.fill(unitBytes);
  const trimmed = unit.endsWith(",") && times > 0 ? body.subarray(0, body.length - 1) : body;
  return [Buffer.from(start), trimmed, Buffer.from(end)];
}

/** The object holding the value at `pointer` (RFC 6901), and the value's key. */
function locate(doc: unknown, pointer: string): { parent: unknown; key: string } {
  const tokens = pointer
    .split("/")
    .slice(1)
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  const key = tokens.pop();
  if (key === undefined) throw new Error(`pointer ${pointer} names the whole document`);
  let parent: unknown = doc;
  for (const t of tokens) parent = (parent as Record<string, unknown>)[t];
  if (typeof parent !== "object" || parent === null) throw new Error(`pointer ${pointer} leads nowhere`);
  return { parent, key };
}

/** Every entry under `dir` (links not followed) with its kind and a content hash, for before/after comparison. */
export async function treeSnapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(rel: string): Promise<void> {
    const full = path.join(dir, rel);
    const info = await lstat(full);
    if (info.isSymbolicLink()) out[rel] = `link -> ${await readlink(full)}`;
    else if (info.isDirectory()) {
      if (rel !== "") out[rel] = "dir";
      for (const name of (await readdir(full)).sort()) await walk(rel === "" ? name : `${rel}/${name}`);
    } else
      out[rel] = `file ${createHash("sha256")
        .update(await readFile(full))
        .digest("hex")}`;
  }
  await walk("");
  return out;
}

/**
 * Every entry under `dir` (links not followed) with its kind, inode, size and change times in
 * nanoseconds: two stamps of a folder differ when anything in it was written, replaced, created
 * or removed meanwhile, even rewritten with the same bytes (which a content hash misses). For
 * "the build wrote nothing here": it reads no file, where hashing the 60 MB of a huge case twice
 * cost ~0.9 s of CPU; `treeSnapshot` compares contents, for builds that may rewrite a file.
 */
export async function treeStamps(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(rel: string): Promise<void> {
    const full = path.join(dir, rel);
    const info = await lstat(full, { bigint: true });
    const stamp = `ino ${info.ino} size ${info.size} mtime ${info.mtimeNs} ctime ${info.ctimeNs}`;
    if (info.isSymbolicLink()) out[rel] = `link -> ${await readlink(full)} ${stamp}`;
    else if (info.isDirectory()) {
      out[rel] = `dir ${stamp}`;
      for (const name of (await readdir(full)).sort()) await walk(rel === "" ? name : `${rel}/${name}`);
    } else out[rel] = `file ${stamp}`;
  }
  await walk("");
  return out;
}
