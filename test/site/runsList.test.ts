/**
 * The list of every run in a real site: a build of three runs links it from the index and lists
 * every run on it, `check` accepts it and fails a site whose list leaves a run out, adding a run
 * updates it without rebuilding the other reports, and a page the list no longer needs is removed.
 */
import { copyFile, cp, mkdir, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../../src/site/buildIndex.js";
import { buildSite } from "../../src/site/buildSite.js";
import { checkSite, type SiteProblem } from "../../src/site/check.js";
import { serveReports } from "../../src/site/serve.js";
import { writeRunFolder, writeRunsFolder } from "./helpers/runs.js";

let base: string;
let runsDir: string;
let site: string;
let stateDir: string;

/** The report folders the runs list page at `rel` links, in order. */
async function listed(rel: string): Promise<string[]> {
  const html = await readFile(path.join(site, rel), "utf8");
  return [...html.matchAll(/<li class="run">.*?<a href="\.\.\/([^/"]+)\/index\.html">/g)].map((m) =>
    decodeURIComponent(m[1] ?? ""),
  );
}

/** The check's errors but `edited-report` (the cases below change a built page by hand on purpose). */
async function errors(): Promise<SiteProblem[]> {
  return (await checkSite(site)).filter((p) => p.severity === "error" && p.kind !== "edited-report");
}

beforeAll(async () => {
  runsDir = await writeRunsFolder(3);
  base = path.dirname(runsDir);
  site = path.join(base, "site");
  stateDir = path.join(base, "state");
  const built = await buildSite(runsDir, { outDir: site, stateDir, version: "0.0.0-test" });
  expect(built.failures).toEqual([]);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe("the runs list of a built site", () => {
  it("is linked from the index, lists every run newest first, and passes check", async () => {
    const index = await readFile(path.join(site, "index.html"), "utf8");
    expect(index).toContain('<a href="runs/1.html">Every run, newest first</a> (one page)');
    // Three runs: the index shows them all, so it says nothing is left out.
    expect(index).not.toContain("runs-cut");
    expect(await listed("runs/1.html")).toEqual([
      "tiny_3_2026-11-23-T100003",
      "tiny_2_2026-11-22-T100002",
      "tiny_1_2026-11-21-T100001",
    ]);
    const page = await readFile(path.join(site, "runs/1.html"), "utf8");
    expect(page).toContain('<a href="../index.html">Reports</a>');
    expect(page).toContain('<link rel="stylesheet" href="../assets/style.css">');
    expect(page).toContain("Runs 1–3 of 3, newest first.");
    expect(await checkSite(site)).toEqual([]);
  });

  it("is served by `serve`, and its links lead to the index and the reports", async () => {
    const server = await serveReports(site, { port: 0 });
    try {
      const page = await fetch(new URL("runs/1.html", server.url));
      expect(page.status).toBe(200);
      const html = await page.text();
      const links = [...html.matchAll(/href="(\.\.\/[^"#]*)"/g)].map((m) => m[1] ?? "");
      expect(links).toContain("../tiny_1_2026-11-21-T100001/index.html");
      const from = new URL("runs/1.html", server.url);
      for (const link of new Set(links)) expect((await fetch(new URL(link, from))).status, link).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("fails check when the list leaves a run out, or is missing", async () => {
    const rel = "runs/1.html";
    const original = await readFile(path.join(site, rel), "utf8");
    try {
      const without = original.replace(/<li class="run">[^\n]*?<a href="\.\.\/tiny_2_[\s\S]*?<\/li>\n?/, "");
      expect(without).not.toBe(original);
      await writeFile(path.join(site, rel), without);
      expect(await errors()).toEqual([
        expect.objectContaining({ kind: "unlisted-run", file: "tiny_2_2026-11-22-T100002" }),
      ]);
      await unlink(path.join(site, rel));
      const missing = await errors();
      expect(missing).toContainEqual(expect.objectContaining({ kind: "missing-page", file: "." }));
      expect(missing.find((p) => p.kind === "missing-page")?.message).toMatch(/no runs\/1\.html: .*curi-report index/);
    } finally {
      await writeFile(path.join(site, rel), original);
    }
  });

  it("checks a pull request's preview once it has a runs list", async () => {
    const preview = path.join(site, "pr", "7");
    await cp(site, path.join(base, "preview"), { recursive: true });
    await mkdir(path.dirname(preview), { recursive: true });
    await rename(path.join(base, "preview"), preview);
    try {
      const rel = path.join(preview, "runs", "1.html");
      const html = await readFile(rel, "utf8");
      await writeFile(rel, html.replace(/<li class="run">[^\n]*?<a href="\.\.\/tiny_1_[\s\S]*?<\/li>\n?/, ""));
      expect((await errors()).map((p) => [p.kind, p.file])).toEqual([
        ["unlisted-run", "pr/7/tiny_1_2026-11-21-T100001"],
      ]);
      // Built before the runs list existed: nothing to hold it to until the pull request's next push.
      await unlink(rel);
      const index = path.join(preview, "index.html");
      await writeFile(index, (await readFile(index, "utf8")).replace(/<p class="runs-list-link">.*<\/p>\n/, ""));
      expect(await errors()).toEqual([]);
    } finally {
      await rm(path.join(site, "pr"), { recursive: true, force: true });
    }
  });

  it("takes a new run without rebuilding the other reports, and drops pages it no longer needs", async () => {
    // A page of an earlier, longer list (as after a prune), which would list runs that are gone.
    await copyFile(path.join(site, "runs/1.html"), path.join(site, "runs/2.html"));
    await writeRunFolder(runsDir, 4);
    const built = await buildSite(runsDir, { outDir: site, stateDir, version: "0.0.0-test" });
    expect(built.reports.map((r) => r.folder)).toEqual(["tiny_4_2026-11-24-T100004"]);
    expect(built.upToDate).toHaveLength(3);
    expect((await listed("runs/1.html"))[0]).toBe("tiny_4_2026-11-24-T100004");
    expect(await listed("runs/1.html")).toHaveLength(4);
    await expect(readFile(path.join(site, "runs/2.html"))).rejects.toMatchObject({ code: "ENOENT" });
    // The index alone (`curi-report index`) writes the same list.
    await copyFile(path.join(site, "runs/1.html"), path.join(site, "runs/3.html"));
    await buildIndex(site, { version: "0.0.0-test" });
    await expect(readFile(path.join(site, "runs/3.html"))).rejects.toMatchObject({ code: "ENOENT" });
    expect(await errors()).toEqual([]);
  });
});
