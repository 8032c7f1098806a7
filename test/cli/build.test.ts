import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir, writeRunsFolder } from "../site/helpers/runs.js";
import { runCli } from "./helpers.js";

/** A project folder holding `runs/` with `count` runs; returns it. */
async function project(count: number): Promise<string> {
  return path.dirname(await writeRunsFolder(count));
}

describe("curi-report build", () => {
  it("builds runs/latest into reports/ by default", async () => {
    const cwd = await project(2);
    const res = await runCli(["runs/latest"], cwd);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("Wrote reports/tiny_2_2026-11-22-T100002/index.html");
    expect(res.stdout).toContain("Index: reports/index.html");
    expect(existsSync(path.join(cwd, "reports", "tiny_2_2026-11-22-T100002", "index.html"))).toBe(true);
    expect(existsSync(path.join(cwd, "reports", "tiny_1_2026-11-21-T100001"))).toBe(false);
  });

  it("accepts the explicit build command, --out and --css", async () => {
    const cwd = await project(1);
    await writeFile(path.join(cwd, "brand.css"), "h1 { color: teal; }\n");
    const res = await runCli(["build", "runs/tiny_1_2026-11-21-T100001", "--out", "public", "--css", "brand.css"], cwd);
    expect(res.code).toBe(0);
    expect(await readFile(path.join(cwd, "public", "tiny_1_2026-11-21-T100001", "custom.css"), "utf8")).toBe(
      "h1 { color: teal; }\n",
    );
  });

  it("prints a progress line per run when building a runs folder, and nothing with --quiet", async () => {
    const cwd = await project(3);
    const res = await runCli(["runs"], cwd);
    expect(res.code).toBe(0);
    const lines = res.stdout.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "[1/3] tiny_1_2026-11-21-T100001 → reports/tiny_1_2026-11-21-T100001/index.html",
      "[2/3] tiny_2_2026-11-22-T100002 → reports/tiny_2_2026-11-22-T100002/index.html",
      "[3/3] tiny_3_2026-11-23-T100003 → reports/tiny_3_2026-11-23-T100003/index.html",
    ]);
    expect(res.stdout).toContain("Built 3 of 3 reports.");
    const quiet = await runCli(["runs", "--quiet"], cwd);
    expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([0, "", ""]);
    // Each run is compared with the previous one by default; --no-compare writes no comparison.
    expect(await readdir(path.join(cwd, "reports", "compare"))).toEqual([
      "tiny_1_2026-11-21-T100001--tiny_2_2026-11-22-T100002",
      "tiny_2_2026-11-22-T100002--tiny_3_2026-11-23-T100003",
    ]);
    expect((await runCli(["runs", "--out", "plain", "--no-compare", "--quiet"], cwd)).code).toBe(0);
    expect(existsSync(path.join(cwd, "plain", "compare"))).toBe(false);
    expect(existsSync(path.join(cwd, "plain", "compare.html"))).toBe(true);
  });

  it("builds the valid runs of a folder, lists the invalid one, and exits 4", async () => {
    const cwd = await project(2);
    await mkdir(path.join(cwd, "runs", "tiny_9_bad"));
    await writeFile(path.join(cwd, "runs", "tiny_9_bad", "run.json"), "{ not json");
    const res = await runCli(["runs"], cwd);
    expect(res.code).toBe(4);
    expect(res.stdout).toContain("[3/3] tiny_9_bad ✗ failed");
    expect(res.stderr).toMatch(/^curi-report: runs\/tiny_9_bad: .*run\.json/m);
    expect(res.stderr).toContain("1 of 3 runs failed.");
    expect(res.stderr).not.toMatch(/^\s+at /m);
    expect((await readdir(path.join(cwd, "reports"))).filter((n) => n.startsWith("tiny_"))).toEqual([
      "tiny_1_2026-11-21-T100001",
      "tiny_2_2026-11-22-T100002",
    ]);
  });

  it("builds every shared fixture run into one site", async () => {
    const fixtures = fileURLToPath(new URL("../../fixtures/runs", import.meta.url));
    const names = (await readdir(fixtures, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(names.length).toBeGreaterThan(0);
    const cwd = await tempDir();
    const res = await runCli([fixtures, "--out", "site"], cwd);
    expect([res.code, res.stderr]).toEqual([0, ""]);
    expect(res.stdout).toContain(`Built ${names.length} of ${names.length} reports.`);
    const latest = JSON.parse(await readFile(path.join(cwd, "site", "latest.json"), "utf8")) as { path: string };
    expect(existsSync(path.join(cwd, "site", latest.path))).toBe(true);
  });
});
