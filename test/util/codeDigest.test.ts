/**
 * The digest of curi-report's running code, part of every incremental build key and render cache
 * salt: a bundle's digest is the one written beside it by scripts/bundle-cli.mjs (so a build does
 * not hash its own code), and a missing or malformed digest file means the files are hashed.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLE_DIGEST_FILE, codeDigestOf, treeDigest } from "../../src/util/codeDigest.js";
import { tempDir } from "../site/helpers/runs.js";

describe("codeDigestOf", () => {
  it("takes a bundle's written digest, and hashes the files when it is missing or not a digest", async () => {
    const bundle = path.join(await tempDir("curi-code-"), "bundle");
    await mkdir(bundle);
    await writeFile(path.join(bundle, "main.js"), "export const a = 1;\n");
    const hashed = treeDigest(bundle, (f) => f.endsWith(".js"));
    expect(codeDigestOf(bundle)).toBe(hashed);

    const written = "a".repeat(64);
    await writeFile(path.join(bundle, BUNDLE_DIGEST_FILE), `${written}\n`);
    expect(codeDigestOf(bundle)).toBe(`bundle ${written}`);

    await writeFile(path.join(bundle, BUNDLE_DIGEST_FILE), "not a digest\n");
    expect(codeDigestOf(bundle)).toBe(hashed);
  });

  it("changes with the code outside a bundle, and leaves a bundle folder inside it out", async () => {
    const src = await tempDir("curi-code-");
    await writeFile(path.join(src, "a.ts"), "export const a = 1;\n");
    const before = codeDigestOf(src);
    await mkdir(path.join(src, "bundle"));
    await writeFile(path.join(src, "bundle", "main.js"), "export {};\n");
    expect(codeDigestOf(src)).toBe(before);
    await writeFile(path.join(src, "a.ts"), "export const a = 2;\n");
    expect(codeDigestOf(src)).not.toBe(before);
  });
});

describe("scripts/bundle-cli.mjs", () => {
  it("writes the bundle's code digest beside it", async () => {
    const file = new URL(`../../dist/src/bundle/${BUNDLE_DIGEST_FILE}`, import.meta.url);
    expect(await readFile(file, "utf8")).toMatch(/^[0-9a-f]{64}\n$/);
  });
});
