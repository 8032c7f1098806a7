/**
 * history.json as a user meets it through the CLI: kept across builds of one site, carried into a
 * fresh site with --history-from (a file or a URL), guarded when damaged, kept by prune (which
 * removes only its own report folders), and split by branch on the index without JavaScript.
 */
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { historyJsonText, readHistoryText } from "../../src/render/formats/history.js";
import { mergeHistory } from "../../src/render/history/merge.js";
import { runMain, TEST_ENV } from "../cli/helpers.js";
import { tempDir, writeRunFolder } from "./helpers/runs.js";

const cli = (args: readonly string[], cwd: string) =>
  runMain(args, cwd, { ...TEST_ENV, GITHUB_STEP_SUMMARY: undefined });

/** history.json of the site in `dir`. */
async function historyOf(dir: string) {
  return readHistoryText(await readFile(path.join(dir, "history.json"), "utf8"), "history.json");
}

/** The trends table rows of the index in `dir`. */
async function trendRows(dir: string): Promise<string[]> {
  const html = await readFile(path.join(dir, "index.html"), "utf8");
  return [...html.matchAll(/<tr><td>[\s\S]*?<\/tr>/g)].map((m) => m[0]);
}

describe("history.json", () => {
  it("carries a published history into a fresh site (--history-from a file or URL): the old run is in the trends, without a link", async () => {
    const base = await tempDir();
    const one = await writeRunFolder(path.join(base, "runs-a"), 1);
    const two = await writeRunFolder(path.join(base, "runs-b"), 2);
    expect((await cli([one, "--out", "a", "--branch", "main", "--quiet"], base)).code).toBe(0);
    const built = await cli([two, "--out", "b", "--branch", "main", "--history-from", "a/history.json"], base);
    expect([built.code, built.stderr]).toEqual([0, ""]);
    const h = await historyOf(path.join(base, "b"));
    expect(h.runs.map((r) => [r.reference, r.report !== null, r.branch])).toEqual([
      [path.basename(one), false, "main"],
      [path.basename(two), true, "main"],
    ]);
    const rows = await trendRows(path.join(base, "b"));
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.includes("(report pruned)"))).toHaveLength(1);
    expect(await readFile(path.join(base, "b", "index.html"), "utf8")).not.toContain(
      `${path.basename(one)}/index.html`,
    );
    expect((await cli(["check", "b", "--quiet"], base)).code).toBe(0);

    const served = await readFile(path.join(base, "a", "history.json"));
    const server = createServer((req, res) =>
      req.url === "/history.json" ? res.end(served) : res.writeHead(404).end("not found"),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(
        (await cli([two, "--out", "c", "--branch", "main", "--history-from", `${url}/history.json`, "--quiet"], base))
          .code,
      ).toBe(0);
      expect(await readFile(path.join(base, "c", "history.json"), "utf8")).toBe(
        await readFile(path.join(base, "b", "history.json"), "utf8"),
      );
      const none = await cli([two, "--out", "d", "--history-from", `${url}/nothing.json`, "--quiet"], base);
      expect(none.code).toBe(0);
      expect(none.stderr).toContain("no history at");
      expect((await historyOf(path.join(base, "d"))).runs).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("merges into one order whatever order the reports come in", async () => {
    const base = await tempDir();
    for (const n of [1, 2, 3]) await writeRunFolder(path.join(base, "runs"), n);
    expect((await cli(["runs", "--out", "s", "--quiet"], base)).code).toBe(0);
    const h = await historyOf(path.join(base, "s"));
    const asReports = (runs: typeof h.runs) => ({
      previous: { defaultBranch: null, runs: [...runs] },
      reports: [],
      branch: null,
      defaultBranch: null,
    });
    const text = historyJsonText(mergeHistory(asReports(h.runs))).text;
    expect(historyJsonText(mergeHistory(asReports([...h.runs].reverse()))).text).toBe(text);
    expect(
      text
        .split("\n")
        .slice(1, 4)
        .map((l) => (JSON.parse(l.replace(/,$/, "")) as { run_number: number }).run_number),
    ).toEqual([1, 2, 3]);
  });

  it("lists a run once when its report folder is copied under another name, so the next build still reads it", async () => {
    const base = await tempDir();
    const one = await writeRunFolder(path.join(base, "runs"), 1);
    expect((await cli(["runs", "--out", "s", "--quiet"], base)).code).toBe(0);
    await cp(path.join(base, "s", path.basename(one)), path.join(base, "s", "copy"), { recursive: true });
    for (const args of [
      ["index", "--out", "s"],
      ["index", "--out", "s"],
      ["runs", "--out", "s"],
    ]) {
      const res = await cli([...args, "--quiet"], base);
      expect([res.code, res.stderr], args.join(" ")).toEqual([0, ""]);
    }
    expect((await historyOf(path.join(base, "s"))).runs.map((r) => [r.reference, r.folder])).toEqual([
      [path.basename(one), path.basename(one)],
    ]);
  });

  it("stops a build before it writes when the site's history.json is damaged, naming the file and what to do", async () => {
    const base = await tempDir();
    const one = await writeRunFolder(path.join(base, "runs"), 1);
    await mkdir(path.join(base, "s"));
    await writeFile(path.join(base, "s", "index.html"), '<meta name="generator" content="curi-report 0.1.0">');
    await writeFile(path.join(base, "s", "history.json"), "{");
    const res = await cli([one, "--out", "s"], base);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain("history.json");
    expect(res.stderr).toContain("delete it to start a new history");
    expect(existsSync(path.join(base, "s", path.basename(one)))).toBe(false);
    expect(await readFile(path.join(base, "s", "history.json"), "utf8")).toBe("{");
  });
});

/** A page of the user's own in the site. */
const MINE =
  '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>notes</title></head><body><p>mine</p></body></html>\n';

describe("curi-report prune", () => {
  it("removes only its own older report folders; their runs stay in history.json and the trends, and check passes", async () => {
    const base = await tempDir();
    for (const n of [1, 2, 3]) await writeRunFolder(path.join(base, "runs"), n);
    expect((await cli(["runs", "--out", "s", "--quiet"], base)).code).toBe(0);
    await mkdir(path.join(base, "s", "notes"));
    await writeFile(path.join(base, "s", "notes", "index.html"), MINE);
    expect((await cli(["prune", "s"], base)).code).toBe(2);
    expect((await cli(["prune", "s", "--keep", "0"], base)).code).toBe(2);
    const dry = await cli(["prune", "s", "--keep", "1", "--dry-run"], base);
    expect(dry.stdout).toContain("Would remove 2 reports");
    expect((await historyOf(path.join(base, "s"))).runs.filter((r) => r.report === null)).toHaveLength(0);
    const res = await cli(["prune", "s", "--keep", "1"], base);
    expect([res.code, res.stderr]).toEqual([0, ""]);
    const h = await historyOf(path.join(base, "s"));
    expect(h.runs.map((r) => r.report === null)).toEqual([true, true, false]);
    for (const r of h.runs) expect(existsSync(path.join(base, "s", r.folder))).toBe(r.report !== null);
    expect(await readFile(path.join(base, "s", "notes", "index.html"), "utf8")).toBe(MINE);
    expect(await trendRows(path.join(base, "s"))).toHaveLength(3);
    const check = await cli(["check", "s"], base);
    expect([check.code, check.stderr]).toEqual([0, ""]);
  });
});

describe("branches on the index", () => {
  it("shows the default branch's trends and links another branch's section (no JavaScript: :target)", async () => {
    const base = await tempDir();
    const one = await writeRunFolder(path.join(base, "runs"), 1);
    const two = await writeRunFolder(path.join(base, "runs"), 2);
    expect((await cli([one, "--out", "s", "--branch", "main", "--default-branch", "main", "--quiet"], base)).code).toBe(
      0,
    );
    expect((await cli([two, "--out", "s", "--branch", "feature", "--quiet"], base)).code).toBe(0);
    const h = await historyOf(path.join(base, "s"));
    expect([h.defaultBranch, ...h.runs.map((r) => r.branch)]).toEqual(["main", "main", "feature"]);
    const html = await readFile(path.join(base, "s", "index.html"), "utf8");
    expect(html).toMatch(
      /<nav class="branch-picker"[^>]*>Branch: <a href="#exp-0-b0"><bdi>main<\/bdi><\/a>[^<]*<span class="count">\(1\)<\/span> · <a href="#exp-0-b1"><bdi>feature<\/bdi>/,
    );
    expect(html).toContain('<section class="branch-trends branch-default" id="exp-0-b0">');
    expect(html).toContain('<section class="branch-trends" id="exp-0-b1">');
    expect((await cli(["check", "s", "--quiet"], base)).code).toBe(0);
  });
});
