/**
 * `check` in worker threads finds exactly what it finds in one thread: on a built site with a
 * few hundred planted pages (more than one batch for each of two workers), each with its own
 * defect, the findings are equal, in the same order, every planted defect is among them, and
 * every file was checked by a worker (none left to the main thread's fallback).
 */
import { statSync } from "node:fs";
import { readdir, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/buildSite.js";
import { checkSite, type SiteProblem } from "../../src/site/check.js";
import { checkFiles } from "../../src/site/checkPool.js";
import { SiteIndex, type SiteFile } from "../../src/site/SiteIndex.js";
import { wireRun, writeRunFolder } from "../fixtures-publish/runs.js";

const REPORT = "par_1_2026-11-26-T233803";
/** Planted pages: with the built site's files, several batches of 64 for each of two workers. */
const PLANTED = 300;
let tmp: string;
let site: string;

/** A planted page, its defect chosen by `i`; each links a page far from it (another batch) by an id that exists. */
function plantedPage(i: number): string {
  const far = (i + PLANTED / 2) % PLANTED;
  const defects = [
    `<a href="nope-${i}.html">gone</a>`,
    `<a href="p${far}.html#missing-${i}">no such id</a>`,
    `<img src="https://elsewhere.test/${i}.png" alt="">`,
    "",
    `<script>console.log(${i})</script>`,
    `<a href="javascript:alert(${i})">run</a>`,
  ];
  const head = i % defects.length === 3 ? "<!DOCTYPE html><title>t</title>" : '<!DOCTYPE html><meta charset="utf-8">';
  return `${head}<p id="ok-${i}"><a href="p${far}.html#ok-${far}">fine</a>${defects[i % defects.length] ?? ""}</p>\n`;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "curi-check-par-"));
  const runs = path.join(tmp, "runs");
  await writeRunFolder(runs, wireRun({ records: 3, aggregate: true, rich: true, reference: REPORT }));
  site = path.join(tmp, "site");
  expect((await buildSite(runs, { outDir: site, version: "0.0.0-test" })).failures).toEqual([]);
  await mkdir(path.join(site, "planted"));
  for (let i = 0; i < PLANTED; i++) await writeFile(path.join(site, "planted", `p${i}.html`), plantedPage(i));
  // Edited after the build: a report page (its digest is taken by whichever thread reads it) and a published format.
  const page = path.join(site, REPORT, "index.html");
  await writeFile(page, (await readFile(page, "utf8")).replace("</main>", '<a href="nowhere.html">x</a></main>'));
  await writeFile(path.join(site, REPORT, "results.json"), "{}\n");
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** The files of the site in the order `check` walks them (names sorted by code unit, depth first). */
async function siteIndex(root: string): Promise<SiteIndex> {
  const files = new Map<string, SiteFile>();
  const dirs = new Set<string>(["."]);
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = rel === "." ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        dirs.add(child);
        await walk(child);
      } else {
        files.set(child, { rel: child, size: statSync(path.join(root, child)).size });
      }
    }
  };
  await walk(".");
  return new SiteIndex(root, files, dirs);
}

describe("check in worker threads", () => {
  it("finds what the check in one thread finds, in the same order, every planted defect among them", async () => {
    const serial = await checkSite(site, { threads: 1 });
    const parallel = await checkSite(site, { threads: 2 });
    expect(parallel).toEqual(serial);
    const errorsIn = (file: string): SiteProblem[] => serial.filter((p) => p.file === file && p.severity === "error");
    for (let i = 0; i < PLANTED; i++) {
      const kinds = errorsIn(`planted/p${i}.html`).map((p) => p.kind);
      expect(kinds, `planted/p${i}.html`).toEqual(
        [
          ["broken-link"],
          ["broken-anchor"],
          ["outside-host"],
          ["missing-charset"],
          ["active-content"],
          ["script-url", "active-content"],
        ][i % 6],
      );
    }
    expect(errorsIn(`${REPORT}/index.html`).map((p) => p.kind)).toEqual(["broken-link", "edited-report"]);
    expect(errorsIn(`${REPORT}/results.json`).map((p) => p.kind)).toEqual(["invalid-data", "edited-report"]);
  });

  it("has every file checked by a worker, each file's findings as one thread finds them", async () => {
    const serial = await checkFiles(await siteIndex(site), 5 * 1024 * 1024, 1);
    const parallel = await checkFiles(await siteIndex(site), 5 * 1024 * 1024, 2);
    expect(serial.byWorkers).toBe(0);
    expect(parallel.byWorkers).toBe(serial.problems.length);
    expect(serial.problems.length).toBeGreaterThan(PLANTED);
    expect(parallel.problems).toEqual(serial.problems);
  });
});
