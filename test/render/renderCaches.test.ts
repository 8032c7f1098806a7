/**
 * The render caches (Graphviz layouts, sanitized SVG files, rendered Markdown) in a cache folder:
 * a report built with them is byte for byte the report built without; a second build takes every
 * layout, SVG and Markdown from the cache (Graphviz lays nothing out); and an entry that is
 * damaged, of another version or not a file is ignored, the value made again and written over it.
 */
import { execFile } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { graphvizLayoutCount } from "../../src/render/graph/graphviz.js";
import { libraryVersion, renderCaches, useRenderCaches, withRenderCaches } from "../../src/render/renderCaches.js";
import { buildSite } from "../../src/site/buildSite.js";
import { ContentCache } from "../../src/util/contentCache.js";
import { BIN } from "../cli/helpers.js";
import { tempDir } from "../site/helpers/runs.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/runs");
/** Every reportable kind (two SVG files, Markdown, notes) and a map and record graphs for Graphviz. */
const RUN = path.join(FIXTURES, "all-reportables");

/** Every file under `dir` with its bytes, by its path inside `dir`. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
  const out = new Map<string, string>();
  for (const d of files) {
    const abs = path.join(d.parentPath, d.name);
    out.set(path.relative(dir, abs), (await readFile(abs)).toString("base64"));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Builds RUN into a fresh site (no incremental state) and returns its files. */
async function build(base: string, name: string): Promise<Map<string, string>> {
  const outDir = path.join(base, name);
  await buildSite(RUN, { outDir, stateDir: path.join(base, `state-${name}`) });
  return snapshot(outDir);
}

let uncachedBuild: Promise<Map<string, string>> | undefined;

/** RUN built once with no cache: the report every cached build must equal (both tests compare with it). */
function uncached(): Promise<Map<string, string>> {
  uncachedBuild ??= (async () => {
    useRenderCaches(null);
    return build(await tempDir("curi-caches-"), "none");
  })();
  return uncachedBuild;
}

/** The entry files of one kind of cache. */
function entries(root: string, kind: string): string[] {
  const dir = path.join(root, kind);
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(".json"))
    .map((d) => path.join(d.parentPath, d.name));
}

afterEach(() => useRenderCaches(null));

describe("render caches", () => {
  it("give the same report as no cache, and a second build lays nothing out", async () => {
    const base = await tempDir("curi-caches-");
    const none = await uncached();
    const cacheRoot = path.join(base, "cache");
    useRenderCaches(cacheRoot);
    const cold = await build(base, "cold");
    expect(entries(cacheRoot, "layouts").length).toBeGreaterThan(0);
    expect(entries(cacheRoot, "svg")).toHaveLength(2);
    expect(entries(cacheRoot, "markdown").length).toBeGreaterThan(0);

    useRenderCaches(cacheRoot);
    const layoutsBefore = graphvizLayoutCount();
    const warm = await build(base, "warm");
    const caches = renderCaches();
    expect(graphvizLayoutCount()).toBe(layoutsBefore);
    expect(caches.layouts?.counts).toEqual({ hits: expect.any(Number), misses: 0 });
    expect(caches.svg?.counts).toEqual({ hits: 2, misses: 0 });
    expect(caches.markdown?.counts.misses).toBe(0);
    expect(caches.markdown?.counts.hits).toBeGreaterThan(0);
    expect(cold).toEqual(none);
    expect(warm).toEqual(none);
  });

  it("ignores damaged entries, entries of another version and folders, and writes them again", async () => {
    const base = await tempDir("curi-caches-");
    const none = await uncached();
    const cacheRoot = path.join(base, "cache");
    useRenderCaches(cacheRoot);
    await build(base, "cold");
    const layouts = entries(cacheRoot, "layouts");
    const [svgA, svgB] = entries(cacheRoot, "svg");
    const markdown = entries(cacheRoot, "markdown");
    // A write cut short, a changed value (its digest no longer matches), another entry version,
    // and a folder where an entry should be.
    const damage: [string, (text: string) => string | null][] = [
      [layouts[0] ?? "", (t) => t.slice(0, t.length >> 1)],
      [svgA ?? "", (t) => t.replace("<svg", '<svg onload=\\"alert(1)\\"')],
      [svgB ?? "", (t) => t.replace('"version":1', '"version":99')],
      [markdown[0] ?? "", () => null],
    ];
    for (const [file, change] of damage) {
      const text = await readFile(file, "utf8");
      const changed = change(text);
      await rm(file);
      if (changed === null) await mkdir(file);
      else await writeFile(file, changed);
    }

    useRenderCaches(cacheRoot);
    const layoutsBefore = graphvizLayoutCount();
    const again = await build(base, "again");
    const caches = renderCaches();
    expect(graphvizLayoutCount()).toBe(layoutsBefore + 1);
    expect(caches.layouts?.counts.misses).toBe(1);
    expect(caches.svg?.counts).toEqual({ hits: 0, misses: 2 });
    expect(caches.markdown?.counts.misses).toBe(1);
    expect(again).toEqual(none);
    // Written over: the next build finds every layout and SVG in the cache again (the folder stays a miss).
    const layoutEntry = await readFile(layouts[0] ?? "", "utf8");
    expect(JSON.parse(layoutEntry)).toMatchObject({ version: 1, kind: "layouts" });
    expect(statSync(markdown[0] ?? "").isDirectory()).toBe(true);
  });
});

describe("the CLI's render caches", () => {
  it("build the same site from a cold, a warm and a damaged cache folder, compiled templates included", async () => {
    const base = await tempDir("curi-caches-cli-");
    const cache = path.join(base, "xdg");
    const build = async (name: string): Promise<Map<string, string>> => {
      const out = path.join(base, name);
      await promisify(execFile)(process.execPath, [BIN, RUN, "--out", out, "--quiet"], {
        env: { ...process.env, XDG_CACHE_HOME: cache },
      });
      return snapshot(out);
    };
    const cold = await build("cold");
    const root = path.join(cache, "curi-report");
    const templates = entries(root, "templates");
    expect(templates.length).toBeGreaterThan(0);
    expect(await build("warm")).toEqual(cold);
    // Every template's cached source cut short: each is ignored, parsed again and the site is the same.
    for (const file of templates) await writeFile(file, (await readFile(file, "utf8")).slice(0, 100));
    expect(await build("damaged")).toEqual(cold);
    expect(JSON.parse(await readFile(templates[0] ?? "", "utf8"))).toMatchObject({ kind: "templates" });
  });
});

describe("withRenderCaches", () => {
  it("turns the caches on for the work only, also when it throws", async () => {
    const root = await tempDir("curi-caches-");
    useRenderCaches(null);
    const seen = await withRenderCaches(root, () => Promise.resolve(renderCaches().layouts !== null));
    expect(seen).toBe(true);
    expect(renderCaches().layouts).toBeNull();
    await expect(withRenderCaches(root, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(renderCaches().svg).toBeNull();
  });
});

describe("libraryVersion", () => {
  it("reads the installed package's version, and says unknown for a package not installed", async () => {
    const pkg = JSON.parse(
      await readFile(new URL("../../node_modules/marked/package.json", import.meta.url), "utf8"),
    ) as { version: string };
    expect(libraryVersion("marked")).toBe(pkg.version);
    expect(libraryVersion("no-such-package-curi")).toBe("unknown");
  });
});

describe("ContentCache", () => {
  it("keeps a kind within its bound, stores no value over its size, and salts its keys", async () => {
    const root = await tempDir("curi-cache-");
    const cache = new ContentCache({ root, kind: "k", salt: () => "a", maxValueChars: 100, maxEntries: 256 });
    let made = 0;
    const make = (v: string) => () => {
      made++;
      return v;
    };
    // 256 entries in all: one per two-hex-digit folder. Two keys in one folder keep only the newer.
    const keys = new Map<string, string[]>();
    for (let i = 0; keys.size < 3 || ![...keys.values()].some((k) => k.length >= 2); i++) {
      const key = cache.keyOf(`input ${i}`);
      keys.set(key.slice(0, 2), [...(keys.get(key.slice(0, 2)) ?? []), `input ${i}`]);
    }
    const [older, newer] = [...keys.values()].find((k) => k.length >= 2) ?? [];
    cache.through(older ?? "", make("old"));
    cache.through(newer ?? "", make("new"));
    expect(cache.through(newer ?? "", make("new"))).toBe("new");
    expect(made).toBe(2);
    expect(cache.through(older ?? "", make("old"))).toBe("old");
    expect(made).toBe(3);

    // Too big to store: made every time.
    const big = "x".repeat(101);
    cache.through("big", make(big));
    expect(cache.through("big", make(big))).toBe(big);
    expect(made).toBe(5);

    // Another salt (another library version) finds nothing of this one.
    const other = new ContentCache({ root, kind: "k", salt: () => "b", maxValueChars: 100, maxEntries: 256 });
    expect(other.keyOf("input 0")).not.toBe(cache.keyOf("input 0"));
    expect(other.through(newer ?? "", make("fresh"))).toBe("fresh");
  });
});
