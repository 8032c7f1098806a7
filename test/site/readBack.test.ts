/**
 * Trust of the files a build reads back (issue 23): state entries (23.2, 23.10), a base of an
 * unknown version (23.4), a restored site's links and special files (23.6), huge names (23.8),
 * `__proto__` keys through every format (23.9) and data scripts that are not data (23.14). Each
 * case fails without its fix.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeRunDocument } from "../../src/run/write.js";
import { buildIndex } from "../../src/site/buildIndex.js";
import { buildSite } from "../../src/site/buildSite.js";
import { checkSite } from "../../src/site/check.js";
import { stateFileFor } from "../../src/site/incremental.js";
import { readRunInfoText } from "../../src/render/formats/runInfo.js";
import { readResultsText } from "../../src/render/formats/results.js";
import { runMain } from "../cli/helpers.js";
import { tempDir, wireRun, writeRunFolder } from "./helpers/runs.js";

/** A runs folder with runs 1..count, a site folder and a state folder beside it, all fresh. */
async function setup(count = 1): Promise<{ base: string; runsDir: string; outDir: string; stateDir: string }> {
  const base = await tempDir("curi-readback-");
  const runsDir = path.join(base, "runs");
  for (let n = 1; n <= count; n++) await writeRunFolder(runsDir, n);
  return { base, runsDir, outDir: path.join(base, "site"), stateDir: path.join(base, "cache") };
}

/** The report folder of run `n` of helpers/runs.ts. */
const folderOf = (n: number): string => wireRun(n).run_info.reference;

describe("state entries (23.2, 23.10)", () => {
  it("an entry naming a folder outside the site never stops the run's report from being rebuilt", async () => {
    const { base, runsDir, outDir, stateDir } = await setup();
    await buildSite(runsDir, { outDir, stateDir });
    const folder = folderOf(1);
    // Move the report outside the site and make the state vouch for it there, as a crafted cache would.
    const escape = path.join(base, "outside", "escape");
    await mkdir(path.dirname(escape), { recursive: true });
    execFileSync("mv", [path.join(outDir, folder), escape]);
    const stateFile = stateFileFor(outDir, stateDir);
    const state = JSON.parse(await readFile(stateFile, "utf8")) as { reports: Record<string, unknown> };
    state.reports = { "../outside/escape": state.reports[folder] };
    await writeFile(stateFile, JSON.stringify(state));
    const result = await buildSite(runsDir, { outDir, stateDir });
    expect(result.reports.map((r) => r.folder)).toEqual([folder]);
    expect(existsSync(path.join(outDir, folder, "index.html"))).toBe(true);
  });

  it("a damaged state (an entry null, inputs a string) only makes the next build verify by content", async () => {
    const { runsDir, outDir, stateDir } = await setup(2);
    await buildSite(runsDir, { outDir, stateDir });
    const stateFile = stateFileFor(outDir, stateDir);
    for (const damage of [
      (s: { reports: Record<string, unknown> }) => (s.reports[folderOf(1)] = null),
      (s: { reports: Record<string, { inputs: unknown }> }) => (s.reports[folderOf(2)]!.inputs = "x"),
    ]) {
      const state = JSON.parse(await readFile(stateFile, "utf8")) as { reports: Record<string, { inputs: unknown }> };
      damage(state);
      await writeFile(stateFile, JSON.stringify(state));
      const result = await buildSite(runsDir, { outDir, stateDir });
      // Nothing changed, so both reports are proven up to date by their content.
      expect(result.failures).toEqual([]);
      expect(result.upToDate.map((d) => path.basename(d)).sort()).toEqual([folderOf(1), folderOf(2)].sort());
    }
  });
});

describe("summary --base of an unknown version (23.4)", () => {
  it("is an input error (exit 4) that says what to pass", async () => {
    const { runsDir } = await setup();
    const base = path.join(path.dirname(runsDir), "latest.json");
    await writeFile(
      base,
      JSON.stringify({ reference: null, path: null, timestamp: null, facts: null, latest_version: 7 }),
    );
    const res = await runMain(["summary", path.join(runsDir, folderOf(1)), "--base", base], path.dirname(runsDir));
    expect(res.code).toBe(4);
    expect(res.stderr).toContain("latest_version 7");
    expect(res.stderr).toContain("reads latest_version 2, 1 only");
    expect(res.stderr).toContain("pass a run folder");
  });

  it("facts of an unknown version are refused the same way", async () => {
    const { runsDir } = await setup();
    const base = path.join(path.dirname(runsDir), "results.json");
    await writeFile(base, JSON.stringify({ facts_version: 99 }));
    const res = await runMain(["summary", path.join(runsDir, folderOf(1)), "--base", base], path.dirname(runsDir));
    expect(res.code).toBe(4);
    expect(res.stderr).toContain("facts_version 99");
  });
});

describe("a restored site read through links and special files (23.6)", () => {
  it("never embeds a results.json that links outside the site into latest.json", async () => {
    const { base, runsDir, outDir, stateDir } = await setup();
    await buildSite(runsDir, { outDir, stateDir });
    const secret = path.join(base, "secret.json");
    const real = await readFile(path.join(outDir, folderOf(1), "results.json"), "utf8");
    await writeFile(secret, real.replace('"tiny"', '"SECRET-experiment"'));
    await rm(path.join(outDir, folderOf(1), "results.json"));
    await symlink(secret, path.join(outDir, folderOf(1), "results.json"));
    await buildIndex(outDir);
    const latest = await readFile(path.join(outDir, "latest.json"), "utf8");
    expect(latest).not.toContain("SECRET");
    expect(JSON.parse(latest)).toMatchObject({ facts: null, latest_version: 2 });
  });

  it("reads neither /dev/zero behind a link nor a FIFO in place of comparison data, and finishes", async () => {
    const { runsDir, outDir, stateDir } = await setup(2);
    await buildSite(runsDir, { outDir, stateDir });
    const first = path.join(outDir, folderOf(1));
    await rm(path.join(first, "results.json"));
    await symlink("/dev/zero", path.join(first, "results.json"));
    await rm(path.join(first, "compare-data.js"));
    execFileSync("mkfifo", [path.join(first, "compare-data.js")]);
    await rm(path.join(outDir, "compare"), { recursive: true });
    // Run 2 is rebuilt: its build compares it with run 1's data and refreshes the index.
    await writeRunDocument(path.join(runsDir, folderOf(2)), { ...wireRun(2), log: null });
    const result = await buildSite(runsDir, { outDir, stateDir });
    expect(result.reports.map((r) => r.folder)).toEqual([folderOf(2)]);
    expect(existsSync(path.join(outDir, "compare", `${folderOf(1)}--${folderOf(2)}`))).toBe(false);
  });
});

describe("huge names (23.8)", () => {
  it("a 2.6 MB metric name and a 5,000,000-character args key keep the run in the index", async () => {
    const { runsDir, outDir, stateDir } = await setup(0);
    const doc = wireRun(1);
    const name = "m".repeat(2_600_000);
    doc.schema_version = 2;
    doc.metrics = { [name]: 0.5 };
    doc.metric_goals = { [name]: "min" };
    doc.args = doc.args.map((a) => ({ ...a, values: { ...a.values, ["k".repeat(5_000_000)]: 1 } }));
    const dir = path.join(runsDir, doc.run_info.reference);
    await mkdir(path.join(dir, "reportables"), { recursive: true });
    await writeFile(path.join(dir, "reportables", "base_fit_plot.png"), Buffer.alloc(0));
    await writeFile(path.join(dir, "log.txt"), "");
    await writeRunDocument(dir, doc);
    await buildSite(runsDir, { outDir, stateDir });
    const folder = path.join(outDir, doc.run_info.reference);
    const runInfo = await readFile(path.join(folder, "run_info.json"), "utf8");
    const results = await readFile(path.join(folder, "results.json"), "utf8");
    expect(runInfo.length).toBeLessThan(100_000);
    expect(results.length).toBeLessThan(100_000);
    expect(readRunInfoText(runInfo, "run_info.json", "f").metric_goals).toMatchObject({
      [`${"m".repeat(1_000)}… [2,599,000 more characters]`]: "min",
    });
    expect(readResultsText(results, "results.json").reference).toBe(doc.run_info.reference);
    expect(await readFile(path.join(outDir, "index.html"), "utf8")).toContain(
      `href="${doc.run_info.reference}/index.html"`,
    );
    expect(JSON.parse(await readFile(path.join(outDir, "latest.json"), "utf8")).facts).not.toBeNull();
  });
});

describe("keys named __proto__ (23.9)", () => {
  it("keep their goal and their metrics through run_info.json and results.json", async () => {
    const { runsDir, outDir, stateDir } = await setup(0);
    const doc = JSON.parse(JSON.stringify(wireRun(1))) as ReturnType<typeof wireRun>;
    doc.schema_version = 2;
    doc.metrics = JSON.parse('{"__proto__": 3, "constructor": 4}') as Record<string, number>;
    doc.metric_goals = JSON.parse('{"__proto__": "min"}') as Record<string, "min">;
    doc.args = doc.args.map((a) => ({ ...a, name: "__proto__" }));
    doc.records = doc.records.map((r) => ({
      ...r,
      args_name: r.args_name === null ? null : "__proto__",
      metrics: { acc: 0.9 },
    }));
    const dir = path.join(runsDir, doc.run_info.reference);
    await mkdir(path.join(dir, "reportables"), { recursive: true });
    await writeFile(path.join(dir, "reportables", "base_fit_plot.png"), Buffer.alloc(0));
    await writeFile(path.join(dir, "log.txt"), "");
    await writeRunDocument(dir, doc);
    await buildSite(runsDir, { outDir, stateDir });
    const folder = path.join(outDir, doc.run_info.reference);
    const info = readRunInfoText(await readFile(path.join(folder, "run_info.json"), "utf8"), "run_info.json", "f");
    expect(Object.hasOwn(info.metric_goals, "__proto__") && info.metric_goals["__proto__"]).toBe("min");
    expect(Object.hasOwn(info.metrics, "__proto__") && info.metrics["__proto__"]).toBe(3);
    expect(Object.hasOwn(info.metrics, "constructor") && info.metrics["constructor"]).toBe(4);
    const facts = readResultsText(await readFile(path.join(folder, "results.json"), "utf8"), "results.json");
    expect(facts.judgements.get("__proto__")?.goal).toBe("min");
    expect(Object.hasOwn(facts.args, "__proto__")).toBe(true);
    expect(Object.hasOwn(facts.recordMetrics, "__proto__") && facts.recordMetrics["__proto__"]).toEqual({ acc: 0.9 });
  });
});

describe("check and data scripts (23.14)", () => {
  it("fails a compare-data.js that is code, not the JSON.parse('…') data the build writes", async () => {
    const { runsDir, outDir, stateDir } = await setup();
    await buildSite(runsDir, { outDir, stateDir });
    const file = path.join(outDir, folderOf(1), "compare-data.js");
    const data = await readFile(file, "utf8");
    expect((await checkSite(outDir)).filter((p) => p.severity === "error")).toEqual([]);
    for (const bad of [
      `${data}location.href = "https://evil.test/";\n`,
      data.replace("JSON.parse('", "JSON.parse('' + (location.href = 'https://evil.test/') + '"),
      data.replace('"facts_version":2', '"facts_version":2,"extra":1'),
    ]) {
      await writeFile(file, bad);
      const problems = (await checkSite(outDir)).filter((p) => p.kind === "invalid-data");
      expect(problems.map((p) => p.file)).toEqual([`${folderOf(1)}/compare-data.js`]);
    }
  });
});
