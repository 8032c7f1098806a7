/**
 * A report's marker is the digest of its folder, taken from the digests kept as its files are
 * written (DigestingReportFiles), not from reading them back: each digest must be the SHA-256 of the
 * file as it lies on disk, and each file what Node writes for that string (UTF-8, lone surrogates as
 * U+FFFD), whatever kind of text it holds and whatever was written before it.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DigestingReportFiles } from "../../src/site/DigestingReportFiles.js";
import { FileSystemReportFiles } from "../../src/site/FileSystemReportFiles.js";
import { tempDir } from "./helpers/runs.js";

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** Texts of every kind a page holds, in an order where a long file comes before short ones. */
const CONTENTS: readonly [string, string | Uint8Array][] = [
  ["long.html", `<p>${"record → artifact … ".repeat(200_000)}</p>`],
  ["ascii.html", "<!DOCTYPE html>\n<p>plain</p>\n"],
  ["empty.txt", ""],
  ["wide.html", "<p>漢字 한국어 café → … ⏎</p>"],
  ["astral.html", "<p>😀 𝔘</p>"],
  ["lone-surrogates.html", "a\ud800b\udc00c\ud83d"],
  ["huge.js", `x${"é".repeat(3_000_000)}`],
  ["after-huge.html", "<p>short again</p>"],
  ["bytes.bin", new Uint8Array([0, 1, 2, 255])],
];

describe("digests of written files", () => {
  for (const atomic of [false, true]) {
    it(`equal the SHA-256 of each file's bytes on disk, which are Node's UTF-8 of the string (${atomic ? "atomic" : "in place"})`, async () => {
      const root = await tempDir();
      const files = new DigestingReportFiles(new FileSystemReportFiles(path.join(root, "site"), { atomic }));
      for (const [name, content] of CONTENTS) await files.write(`sub/${name}`, content);
      for (const [name, content] of CONTENTS) {
        const onDisk = readFileSync(path.join(root, "site", "sub", name));
        expect(await files.digest(`sub/${name}`), name).toBe(sha256(onDisk));
        // What writing the string straight to a file gives (the writer's behaviour before the shared buffer).
        const reference = path.join(root, `reference-${name}`);
        writeFileSync(reference, content);
        expect(onDisk.equals(readFileSync(reference)), name).toBe(true);
      }
    });
  }
});
