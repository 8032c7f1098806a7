/**
 * `check` and the results data pages (`results/<p>.js`): the run page loads them with script
 * elements, so a page that is code, not the `JSON.parse('…')` data the build writes, or data that
 * breaks its schema, fails `check` (as compare-data.js does, issue 23 point 14).
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { mkdtemp } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/buildSite.js";
import { checkSite } from "../../src/site/check.js";
import { readRun } from "../../src/run/read.js";
import { runFailingSweep } from "../e2e/failingSweep.js";

let tmp: string;
let outDir: string;
let folder: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "curi-check-results-"));
  const runDir = await runFailingSweep(tmp, 4);
  folder = (await readRun(runDir)).info.reference;
  outDir = path.join(tmp, "site");
  await buildSite(path.dirname(runDir), { outDir, stateDir: path.join(tmp, "cache") });
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

describe("check and the results data pages", () => {
  it("passes the pages the build wrote and fails one that is code or breaks its schema", async () => {
    const file = path.join(outDir, folder, "results", "1.js");
    const data = await readFile(file, "utf8");
    expect((await checkSite(outDir)).filter((p) => p.severity === "error")).toEqual([]);
    for (const bad of [
      `${data}location.href = "https://evil.test/";\n`,
      data.replace("JSON.parse('", "JSON.parse('' + (location.href = 'https://evil.test/') + '"),
      data.replace('"failed":false', '"failed":"no"'),
    ]) {
      await writeFile(file, bad);
      const problems = (await checkSite(outDir)).filter((p) => p.kind === "invalid-data");
      expect(problems.map((p) => p.file)).toEqual([`${folder}/results/1.js`]);
    }
  });
});
