/**
 * Issue 12, point 2: a built site names no path outside it, keeps no incremental state that anyone
 * writing the site could forge into trust, and a copied or restored site (cp -r, a CI cache, a
 * gh-pages checkout) still rebuilds only what changed.
 */
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite, type SiteBuildResult } from "../../src/site/buildSite.js";
import { checkSite } from "../../src/site/check.js";
import { MARKER_FILE, type ReportMarker } from "../../src/site/reportMarker.js";
import { tempDir, writeRunFolder } from "./helpers/runs.js";

function rebuilt(result: SiteBuildResult): string[] {
  return result.reports.map((r) => r.folder);
}

async function site(count: number): Promise<{ runsDir: string; out: string; stateDir: string; names: string[] }> {
  const root = await tempDir("curi-copied-");
  const runsDir = path.join(root, "runs");
  const names: string[] = [];
  for (let n = 1; n <= count; n++) names.push(path.basename(await writeRunFolder(runsDir, n)));
  const out = path.join(root, "site");
  const stateDir = path.join(root, "state");
  expect(rebuilt(await buildSite(runsDir, { outDir: out, stateDir }))).toEqual(names);
  return { runsDir, out, stateDir, names };
}

describe("a built site", () => {
  it("names no path of the build machine in any file, and keeps no state file in it", async () => {
    const s = await site(2);
    const entries = await readdir(s.out, { recursive: true, withFileTypes: true });
    for (const entry of entries.filter((e) => e.isFile())) {
      const text = await readFile(path.join(entry.parentPath, entry.name), "latin1");
      for (const secret of [path.dirname(s.runsDir), tmpdir(), homedir()])
        expect({ file: entry.name, leaks: text.includes(secret) }).toEqual({ file: entry.name, leaks: false });
    }
    expect((await readdir(s.out)).filter((n) => n.startsWith(".") && n !== ".nojekyll")).toEqual([]);
    expect((await checkSite(s.out)).filter((p) => p.severity === "error")).toEqual([]);
  });
});

describe("a copied site", () => {
  it("rebuilds only the run that was added, and only the run that changed, with no state of its own", async () => {
    const s = await site(3);
    const copy = path.join(path.dirname(s.out), "copy");
    await cp(s.out, copy, { recursive: true });
    const fresh = path.join(path.dirname(s.out), "fresh-state");
    const added = path.basename(await writeRunFolder(s.runsDir, 4));
    const first = await buildSite(s.runsDir, { outDir: copy, stateDir: fresh });
    expect(rebuilt(first)).toEqual([added]);
    expect(first.upToDate.map((d) => path.basename(d))).toEqual(s.names);
    // Verified once by content, then vouched for by this machine's state.
    expect(rebuilt(await buildSite(s.runsDir, { outDir: copy, stateDir: fresh }))).toEqual([]);
    await writeFile(path.join(s.runsDir, s.names[1] ?? "", "log.txt"), "changed log\n");
    expect(rebuilt(await buildSite(s.runsDir, { outDir: copy, stateDir: path.join(fresh, "other") }))).toEqual([
      s.names[1],
    ]);
  });

  it("rebuilds a report whose files were changed, or whose marker does not fit its run, and never trusts a site-held manifest", async () => {
    const s = await site(3);
    const copy = path.join(path.dirname(s.out), "copy");
    await cp(s.out, copy, { recursive: true });
    const [a = "", b = "", c = ""] = s.names;
    await writeFile(path.join(copy, a, "index.html"), "<!DOCTYPE html><p>replaced</p>");
    const markerFile = path.join(copy, b, MARKER_FILE);
    const marker = JSON.parse(await readFile(markerFile, "utf8")) as ReportMarker;
    await writeFile(markerFile, JSON.stringify({ ...marker, inputs: { ...marker.inputs, "log.txt": "0".repeat(64) } }));
    // What an older build or an attacker might leave in the site: it must not make anything trusted.
    await writeFile(
      path.join(copy, ".curi-report-manifest.json"),
      JSON.stringify({ format: 3, build: marker.build, reports: {} }),
    );
    const result = await buildSite(s.runsDir, { outDir: copy, stateDir: path.join(path.dirname(s.out), "fresh") });
    expect(rebuilt(result).sort()).toEqual([a, b].sort());
    expect(result.upToDate.map((d) => path.basename(d))).toEqual([c]);
  });
});
