/**
 * The V8 code cache file the CLI's launcher keeps (src/cli/codeCache.ts): what it reads back, what
 * it refuses (not ours, damaged, over the bound) and which files a write leaves in its folder. The
 * whole processes that use it are in startup.test.ts.
 */
import { mkdir, readdir, readFile, truncate, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ABANDONED_TEMP_MS, MAX_CODE_CACHE_BYTES, readCodeCache, writeCodeCache } from "../../src/cli/codeCache.js";
import { tempDir } from "../site/helpers/runs.js";

describe("the code cache file", () => {
  it("reads back what was written, and nothing from a file not ours, damaged or over the bound", async () => {
    const dir = path.join(await tempDir("curi-code-cache-"), "code");
    const file = path.join(dir, `${"a".repeat(32)}.bin`);
    expect(readCodeCache(file)).toBeUndefined();
    const data = Buffer.from("compiled code, as V8 would write it");
    writeCodeCache(file, data);
    expect(readCodeCache(file)).toEqual(data);
    const bytes = await readFile(file);
    await writeFile(file, Buffer.concat([bytes.subarray(0, -1), Buffer.from("?")]));
    expect(readCodeCache(file)).toBeUndefined();
    await writeFile(file, Buffer.concat([Buffer.from("another format\n"), bytes.subarray(15)]));
    expect(readCodeCache(file)).toBeUndefined();
    await writeFile(file, bytes);
    await truncate(file, MAX_CODE_CACHE_BYTES + 1);
    expect(readCodeCache(file)).toBeUndefined();
  });

  it("keeps one build's cache: writing removes the caches of other builds and abandoned temporary files, and never writes past the bound", async () => {
    const dir = path.join(await tempDir("curi-code-cache-"), "code");
    await mkdir(dir);
    const older = path.join(dir, `${"b".repeat(32)}.bin`);
    const unrelated = path.join(dir, "notes.txt");
    await writeFile(unrelated, "not a cache\n");
    writeCodeCache(older, Buffer.from("older build"));
    // Temporary files: one left by a write killed long ago, one a running write may still own.
    const killed = path.join(dir, `${"b".repeat(32)}.bin.4242.tmp`);
    const running = path.join(dir, `${"b".repeat(32)}.bin.4343.tmp`);
    await writeFile(killed, "half a cache");
    await writeFile(running, "half a cache");
    const longAgo = new Date(Date.now() - 2 * ABANDONED_TEMP_MS);
    await utimes(killed, longAgo, longAgo);
    const file = path.join(dir, `${"c".repeat(32)}.bin`);
    writeCodeCache(file, Buffer.from("this build"));
    expect((await readdir(dir)).sort()).toEqual([path.basename(running), path.basename(file), "notes.txt"].sort());
    const huge = path.join(dir, `${"d".repeat(32)}.bin`);
    writeCodeCache(huge, Buffer.alloc(MAX_CODE_CACHE_BYTES));
    expect(await readdir(dir)).not.toContain(path.basename(huge));
  });
});
