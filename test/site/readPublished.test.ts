/**
 * The one reader of a site's own files (readPublished.ts): only regular files inside the site,
 * reached through real folders, within their bound; and a format's reader on top, whose refusals
 * name the file, the versions read and what to do.
 */
import { execFileSync } from "node:child_process";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readPublished, readSiteText } from "../../src/site/readPublished.js";
import { readResultsText } from "../../src/render/formats/results.js";
import { readLatestText } from "../../src/render/formats/latest.js";
import { tempDir } from "./helpers/runs.js";

describe("readSiteText", () => {
  it("reads a regular file within its bound, and says when there is none", async () => {
    const root = await tempDir();
    await mkdir(path.join(root, "r"));
    await writeFile(path.join(root, "r", "a.json"), "[1]");
    expect(readSiteText(root, "r/a.json", 3)).toEqual({ value: "[1]" });
    expect(readSiteText(root, "r/b.json", 3)).toEqual({ missing: true });
    expect(readSiteText(root, "x/b.json", 3)).toEqual({ missing: true });
    expect(readSiteText(root, "r/a.json", 2)).toEqual({
      problem: expect.stringMatching(/3 bytes, over its 2-byte bound/),
    });
  });

  it("refuses links (to the file or to a folder on the way), FIFOs, devices and paths leaving the site", async () => {
    const root = await tempDir();
    const outside = await tempDir();
    await writeFile(path.join(outside, "secret.json"), '"secret"');
    await mkdir(path.join(root, "r"));
    await symlink(path.join(outside, "secret.json"), path.join(root, "r", "link.json"));
    await symlink(outside, path.join(root, "linked"));
    await symlink("/dev/zero", path.join(root, "r", "zero.json"));
    execFileSync("mkfifo", [path.join(root, "r", "fifo.json")]);
    for (const rel of ["r/link.json", "linked/secret.json", "r/zero.json", "r/fifo.json", "../x", "r/../r/a"])
      expect(readSiteText(root, rel, 1 << 20), rel).toEqual({ problem: expect.any(String) });
  });

  it("passes a format reader's refusal on as a problem naming the file", async () => {
    const root = await tempDir();
    await mkdir(path.join(root, "r"));
    await writeFile(path.join(root, "r", "results.json"), '{"facts_version": 3}');
    const read = readPublished(root, "r/results.json", 1 << 20, readResultsText);
    expect(read).toEqual({
      problem: expect.stringContaining(
        `${path.join(root, "r", "results.json")} is a results.json of facts_version 3, but this curi-report reads facts_version 2, 1 only`,
      ),
    });
  });
});

describe("format readers", () => {
  it("read a latest.json written before formats had versions as version 1", () => {
    const latest = readLatestText('{"reference": null, "path": null, "timestamp": null, "facts": null}', "latest.json");
    expect(latest).toEqual({ reference: null, path: null, timestamp: null, facts: null });
  });

  it("refuse a file over its bound without parsing it", () => {
    expect(() => readResultsText(" ".repeat(9 * 1024 * 1024), "big/results.json")).toThrow(
      /big\/results.json is over the 8388608-byte bound of a results.json/,
    );
  });
});
