/**
 * What a small report costs its process beyond the report itself (issue 22's small-run floor):
 * the real CLI, run as a user runs it, on fixtures/runs/iris (3 records, 1 reportable), and the
 * V8 code cache its launcher keeps (src/cli/launch.ts, src/cli/codeCache.ts). Whole processes from
 * cold, warm and damaged cache folders: an end-to-end file (test/tiers.ts); the cache file's own
 * rules are tested in codeCache.test.ts.
 */
import { execFile } from "node:child_process";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { readCodeCache, writeCodeCache } from "../../src/cli/codeCache.js";
import { tempDir } from "../site/helpers/runs.js";
import { BIN } from "./helpers.js";

const IRIS = fileURLToPath(new URL("../../fixtures/runs/iris", import.meta.url));
const INTL_LOG = fileURLToPath(new URL("../helpers/intlLog.mjs", import.meta.url));
const MAGIC = "curi-report V8 code cache 1\n";

/** Builds iris into a fresh folder with `cache` as the user's cache folder; resolves to the site folder and stderr. */
async function buildIris(cache: string, nodeArgs: readonly string[] = []): Promise<{ site: string; stderr: string }> {
  const site = path.join(await tempDir("curi-startup-out-"), "site");
  const { stderr } = await promisify(execFile)(process.execPath, [...nodeArgs, BIN, IRIS, "--out", site, "--quiet"], {
    env: { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: cache },
  });
  return { site, stderr };
}

/** Every file under `dir` by its relative path, with its bytes. */
async function tree(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  const entries = await Promise.all(
    files.map(async (d) => {
      const file = path.join(d.parentPath, d.name);
      return [path.relative(dir, file), (await readFile(file)).toString("base64")] as const;
    }),
  );
  return new Map(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The one code cache file in the cache folder `cache`. */
async function codeCacheIn(cache: string): Promise<string> {
  const dir = path.join(cache, "curi-report", "code");
  const names = (await readdir(dir)).filter((n) => n.endsWith(".bin"));
  expect(names).toHaveLength(1);
  return path.join(dir, names[0] as string);
}

describe("a small report's start-up", () => {
  it("formats no text by locale, so ICU's locale data is never loaded (cold and warm caches)", async () => {
    const cache = await tempDir("curi-startup-cache-");
    for (const round of ["cold", "warm"]) {
      const { site, stderr } = await buildIris(cache, ["--import", INTL_LOG]);
      expect(await readdir(site)).toContain("index.html");
      expect(
        stderr.split("\n").filter((l) => l.startsWith("intl ")),
        `${round} caches`,
      ).toEqual([]);
    }
  });

  it("runs from the V8 code cache the run before wrote, with the same site out", async () => {
    const cache = await tempDir("curi-startup-cache-");
    // The first run lays the map out with Graphviz (a V8 flag then changes, so V8 refuses its
    // cache); the second finds the layout cached and writes the cache every later run takes.
    const first = await buildIris(cache);
    await buildIris(cache);
    const file = await codeCacheIn(cache);
    const written = await readFile(file);
    expect(written.subarray(0, MAGIC.length).toString()).toBe(MAGIC);
    const before = await stat(file);
    const third = await buildIris(cache);
    // V8 took the cache: a refused one is written again.
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(file)).toEqual(written);
    expect(await tree(third.site)).toEqual(await tree(first.site));
  });

  it("builds the same site past a damaged or foreign cache, and replaces it with one V8 takes", async () => {
    const cache = await tempDir("curi-startup-cache-");
    await buildIris(cache);
    const reference = await buildIris(cache);
    const file = await codeCacheIn(cache);
    const good = await readFile(file);
    const foreign = Buffer.alloc(good.length - MAGIC.length - 32, 7);
    const damaged: [string, Buffer][] = [
      ["garbage", Buffer.from("not a code cache")],
      ["truncated", good.subarray(0, good.length >> 1)],
      ["one byte changed", Buffer.concat([good.subarray(0, -1), Buffer.from([good[good.length - 1]! ^ 1])])],
    ];
    for (const [what, bytes] of damaged) {
      await writeFile(file, bytes);
      const { site } = await buildIris(cache);
      expect(await tree(site), what).toEqual(await tree(reference.site));
      expect(readCodeCache(file), what).toBeDefined();
    }
    // Our header and checksum over bytes V8 did not make: V8 refuses them, and they are replaced.
    writeCodeCache(file, foreign);
    const { site } = await buildIris(cache);
    expect(await tree(site)).toEqual(await tree(reference.site));
    expect(readCodeCache(file)?.equals(foreign)).toBe(false);
  });
});
