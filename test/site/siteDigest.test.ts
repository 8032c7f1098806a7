/**
 * The site digest (src/site/siteFacts.ts): what a build read from a site's report folders (each
 * marker's digest and what it says), kept in the user's cache beside the state so the next build
 * need not read a thousand markers again. It stands in for a marker only while that file is
 * unchanged; a damaged or missing digest, or a marker changed since, is read from the site, and the
 * site is the one a full build makes.
 */
import { existsSync } from "node:fs";
import { readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite, type SiteBuildResult } from "../../src/site/buildSite.js";
import { stateFileFor } from "../../src/site/incremental.js";
import { MARKER_FILE } from "../../src/site/reportMarker.js";
import { digestFileFor } from "../../src/site/siteFacts.js";
import { tempDir, writeRunFolder } from "./helpers/runs.js";

/** Every file under `dir` with its bytes, by relative path. */
async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join("/"), await readFile(full));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Asserts two sites hold the same files with the same bytes. */
async function expectSameSite(actual: string, expected: string): Promise<void> {
  const [a, e] = await Promise.all([snapshot(actual), snapshot(expected)]);
  expect([...a.keys()]).toEqual([...e.keys()]);
  for (const [file, bytes] of e) expect([file, a.get(file)?.equals(bytes)]).toEqual([file, true]);
}

/** A site of runs 1 and 2 built incrementally with its own state folder, and the digest file that build wrote. */
async function twoRunSite(): Promise<{ runsDir: string; site: string; stateDir: string; digest: string }> {
  const root = await tempDir("curi-digest-");
  const runsDir = path.join(root, "runs");
  for (const n of [1, 2]) await writeRunFolder(runsDir, n);
  const site = path.join(root, "site");
  const stateDir = path.join(root, "cache");
  await buildSite(runsDir, { outDir: site, stateDir });
  const digest = digestFileFor(stateFileFor(site, stateDir));
  expect(existsSync(digest), "the first build wrote the site digest").toBe(true);
  return { runsDir, site, stateDir, digest };
}

/** Base names of the run folders a build rebuilt and skipped. */
function built(result: SiteBuildResult): { rebuilt: string[]; skipped: string[] } {
  return { rebuilt: result.reports.map((r) => r.folder), skipped: result.upToDate.map((d) => path.basename(d)) };
}

/** Dates the digest far in the future, so every fact in it is older than the racy window (as after a while). */
async function settle(digest: string): Promise<void> {
  const later = new Date(Date.now() + 3_600_000);
  await utimes(digest, later, later);
}

/** The digest's text with the marker digest it keeps for `folder` replaced by `sha256`. */
function markerShaInDigest(digestText: string, folder: string, sha256: string): string {
  const digest = JSON.parse(digestText) as { folders: Record<string, { marker: { sha256: string } }> };
  const fact = digest.folders[folder]?.marker;
  if (fact === undefined) throw new Error(`the digest keeps no marker of ${folder}`);
  fact.sha256 = sha256;
  return JSON.stringify(digest);
}

describe("the site digest", () => {
  it("damaged, foreign or missing: the next build reads the site's files and equals a full build", async () => {
    const damages: [string, (digest: string) => Promise<void>][] = [
      ["not JSON", (d) => writeFile(d, "{ not json")],
      ["another format", (d) => writeFile(d, JSON.stringify({ format: 99, folders: {} }))],
      ["failing its schema", (d) => writeFile(d, JSON.stringify({ format: 1, folders: { "../up": {} } }))],
      ["missing", (d) => rm(d)],
    ];
    for (const [what, damage] of damages) {
      const { runsDir, site, stateDir, digest } = await twoRunSite();
      await damage(digest);
      await settle(digest).catch(() => undefined);
      const third = path.basename(await writeRunFolder(runsDir, 3));
      const result = await buildSite(runsDir, { outDir: site, stateDir });
      expect(result.failures, what).toEqual([]);
      expect(built(result).rebuilt, what).toEqual([third]);
      const full = path.join(await tempDir("curi-full-"), "site");
      await buildSite(runsDir, { outDir: full, incremental: false });
      await expectSameSite(site, full);
      // The build wrote a sound digest in its place, naming every report folder.
      const written = JSON.parse(await readFile(digest, "utf8")) as { format: number; folders: object };
      expect([what, written.format, Object.keys(written.folders).length]).toEqual([what, 1, 3]);
    }
  });

  it("stands in for a report's marker only while that file is unchanged", async () => {
    const { runsDir, site, stateDir, digest } = await twoRunSite();
    const [first = "", second = ""] = (await readdir(runsDir)).sort();

    // Nothing changed, but the digest says the first marker is another: it is believed (the
    // marker is not hashed again), so the state does not vouch for the report, which is then
    // proven by its content and the index refreshed.
    await writeFile(digest, markerShaInDigest(await readFile(digest, "utf8"), first, "0".repeat(64)));
    await settle(digest);
    const believed = await buildSite(runsDir, { outDir: site, stateDir });
    expect(built(believed)).toEqual({ rebuilt: [], skipped: [first, second] });
    expect(believed.index, "the index was refreshed for a report proven by content").not.toBeNull();

    // The second marker edited in the site since (same size): it is read, not the digest's fact, so
    // its report no longer passes for up to date and is built again.
    const marker = path.join(site, second, MARKER_FILE);
    const text = await readFile(marker, "utf8");
    const output = (JSON.parse(text) as { output: string }).output;
    await writeFile(marker, text.replace(output, "0".repeat(64)));
    await settle(digest);
    const rebuilt = await buildSite(runsDir, { outDir: site, stateDir });
    expect(built(rebuilt)).toEqual({ rebuilt: [second], skipped: [first] });
    const full = path.join(await tempDir("curi-full-"), "site");
    await buildSite(runsDir, { outDir: full, incremental: false });
    await expectSameSite(site, full);
  });
});
