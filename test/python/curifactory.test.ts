/**
 * Real curifactory 0.20.2 runs (Python) through the exporter and the real CLI: the projects in
 * python/tests/projects/tour (every reportable kind, an aggregate, make_copy with and without
 * add_to_manager, a failing stage, a cached re-run with --store-full, a live manager in a script,
 * params of every awkward type) and examples/curifactory (an experiment written without these
 * tests in mind). Each run is exported, read, built with the CLI and checked; the exported run is
 * compared against curifactory's own report of the same run; the reports open in Chromium.
 * The experiments run once, in beforeAll (about 15 s of CPU), in two folders side by side.
 */
import { execFile } from "node:child_process";
import { readFile, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRun } from "../../src/run/read.js";
import type { Run } from "../../src/run/model.js";
import { launchChromium, openFile } from "../helpers/browser.js";
import { copyProject, curifactoryPath, python, readCurifactoryReport } from "./curifactory.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = path.join(root, "bin/curi-report.js");
const exec = promisify(execFile);

interface Ran {
  readonly project: string;
  readonly reference: string;
  readonly code: number;
  readonly stderr: string;
  /** Run folders the command created (a `--parallel` run must create one, not one per process). */
  readonly created: number;
}

/** Runs a list of commands in one project folder, one after the other; returns each run's reference. */
async function runAll(project: string, commands: string[][], pythonPath: string): Promise<Ran[]> {
  const done: Ran[] = [];
  for (const args of commands) {
    const before = new Set(await runFolders(project));
    const { code, stderr } = await python(project, args, pythonPath);
    const created = (await runFolders(project)).filter((f) => !before.has(f));
    done.push({ project, reference: created[0] ?? "", code, stderr, created: created.length });
  }
  return done;
}

/**
 * The pages of one built run that show images: its own page and, past the reportables one page
 * holds, the reportables pages it links. (Record pages show their records' first few again.)
 */
async function imagePages(runSite: string): Promise<string[]> {
  const pages = (await readdir(runSite)).filter((f) => f === "index.html" || /^reportables-\d+\.html$/.test(f));
  return pages.sort().map((f) => path.join(runSite, f));
}

async function runFolders(project: string): Promise<string[]> {
  return (await readdir(path.join(project, "runs")).catch(() => [])).filter(
    (f) => f !== "latest" && !f.startsWith("."),
  );
}

describe("curifactory (Python) runs exported for curi-report", () => {
  const runs = new Map<string, Ran>();
  const sites: string[] = [];
  const projects: string[] = [];
  let browser: Browser;

  beforeAll(async () => {
    const pythonPath = [path.join(root, "python"), await curifactoryPath(root)].join(path.delimiter);
    const tour = await copyProject(path.join(root, "python/tests/projects/tour"));
    const small = await copyProject(path.join(root, "python/tests/projects/tour"));
    const example = await copyProject(path.join(root, "examples/curifactory"));
    const parallel = await copyProject(path.join(root, "examples/curifactory"));
    projects.push(tour, small, example, parallel);
    const cli = ["-m", "curi_report", "experiment"];
    const [a, b] = await Promise.all([
      (async () => [
        ...(await runAll(tour, [[...cli, "tour", "-p", "tour", "--plain"]], pythonPath)),
        ...(await runAll(example, [[...cli, "sine", "-p", "sine", "--plain"]], pythonPath)),
        ...(await runAll(parallel, [[...cli, "sine", "-p", "sine", "--plain", "--parallel", "2"]], pythonPath)),
      ])(),
      runAll(
        small,
        [
          [...cli, "failing", "-p", "small", "--plain", "--overwrite"],
          [...cli, "cached", "-p", "small", "--plain"],
          [...cli, "cached", "-p", "small", "--plain", "--store-full", "--notes", "second run\nwith notes"],
          ["live.py"],
        ],
        pythonPath,
      ),
    ]);
    const names = ["tour", "sine", "parallel", "failing", "cached", "cached_again", "live"];
    [...a, ...b].forEach((ran, i) => runs.set(names[i] ?? String(i), ran));
    for (const project of [tour, small, example, parallel]) {
      const out = path.join(project, "site");
      await exec(process.execPath, [bin, path.join(project, "runs"), "--out", out, "--quiet"]);
      sites.push(out);
    }
    browser = await launchChromium();
    // A bound for a hang only: seven curifactory runs and four builds take minutes on a loaded machine.
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  const read = async (name: string): Promise<Run> => {
    const ran = runs.get(name);
    if (!ran) throw new Error(`no run ${name}`);
    return readRun(path.join(ran.project, "runs", ran.reference));
  };

  it("exports every run, with curifactory's exit status", () => {
    for (const [name, ran] of runs) {
      expect(ran.reference, `${name}: ${ran.stderr.slice(-2000)}`).not.toBe("");
      expect(ran.code, `${name} exit status`).toBe(0);
      expect(ran.created, `${name}: run folders created`).toBe(1);
    }
  });

  it("exports a --parallel run once, from the main process, with the stages its processes cached", async () => {
    const [parallel, sine] = [await read("parallel"), await read("sine")];
    expect(parallel.info.cli).toMatch(/--parallel 2/);
    expect(parallel.records.map((r) => r.name)).toEqual(sine.records.map((r) => r.name));
    const perRecord = parallel.records.filter((r) => !r.isAggregate);
    expect(perRecord.length).toBeGreaterThan(1);
    expect(perRecord.every((r) => r.stageInfo?.every((s) => s.cached))).toBe(true);
  });

  it("passes curi-report check for every built site", async () => {
    for (const site of sites) {
      const { stdout } = await exec(process.execPath, [bin, "check", site]);
      expect(stdout).not.toMatch(/problem/i);
    }
  });

  it("holds every record, stage, artifact and reportable of curifactory's own report", async () => {
    for (const [name, ran] of runs) {
      const run = await read(name);
      const theirs = await readCurifactoryReport(ran.project, ran.reference);
      // What curifactory showed must have been found at all, or the comparison below proves nothing.
      expect(
        [theirs.stages.length, theirs.artifacts.size, theirs.edges.length, theirs.reportables.length].every(
          (n) => n > 0,
        ),
        name,
      ).toBe(true);
      const inManager = run.records.filter((r) => r.inManager);
      expect(
        inManager.map((r) => [...r.stages]),
        name,
      ).toEqual(theirs.stages.map((s) => s ?? []));
      for (const [index, artifact] of theirs.artifacts) {
        const ours = run.artifacts[index];
        expect(ours, `${name} a${index}`).toBeDefined();
        expect(
          { record: ours?.record, name: ours?.name, preview: ours?.string, file: ours?.path ?? "no file" },
          `${name} a${index}`,
        ).toEqual({
          record: artifact.record,
          name: artifact.name,
          preview: artifact.preview,
          file: artifact.file,
        });
      }
      const ourEdges = inManager.flatMap((r) => [
        ...r.stageInputs.flatMap((inputs, s) =>
          inputs.filter((i) => i >= 0).map((i) => `a${i}->${r.index}_${r.stages[s]}`),
        ),
        ...r.stageOutputs.flatMap((outputs, s) => outputs.map((o) => `${r.index}_${r.stages[s]}->a${o}`)),
      ]);
      expect([...ourEdges].sort(), name).toEqual([...theirs.edges].sort());
      expect(run.reportables.map((r) => r.qualifiedName).sort(), name).toEqual([...theirs.reportables].sort());
      const managerArgs = new Set(inManager.map((r) => r.argsHash));
      expect(
        run.args.filter((a) => managerArgs.has(a.hash)).map((a) => `${a.name} - ${a.hash}`),
        name,
      ).toEqual(theirs.paramSets);
      for (const field of ["reference", "status", "cli", "notes", "error", "reproduce", "full_store", "param_files"]) {
        const ourInfo: Record<string, unknown> = {
          ...run.info,
          full_store: run.info.fullStore,
          param_files: run.info.paramFiles,
        };
        expect(ourInfo[field] ?? null, `${name} run_info.${field}`).toEqual(theirs.runInfo[field] ?? null);
      }
    }
  });

  it("keeps what curifactory's report loses: hidden records, timings, cached stages, errors, metrics, awkward params", async () => {
    const tour = await read("tour");
    const hidden = tour.records.filter((r) => !r.inManager);
    expect(hidden.map((r) => r.name)).toEqual(["Record 4 (wide)"]);
    expect(tour.artifacts.some((a) => a.record === hidden[0]?.index)).toBe(true);
    const baseline = tour.args.find((a) => a.name === "baseline");
    expect(baseline?.ignored).toEqual(["gpus"]);
    expect(baseline?.reprs).toMatchObject({ shape: "(3, 4)", fn: "square", weights: "array([0.25, 0.5 , 0.25])" });
    expect(baseline?.values.not_a_number).toEqual({ $float: "NaN" });
    expect(tour.records[0]?.metrics.loss).toHaveLength(8);
    expect(tour.metrics.best).toBeCloseTo(0.8);

    const failing = await read("failing");
    // --overwrite is how the run was started (its command line), not a parameter (issue 20 point 3).
    expect(failing.info.cli).toMatch(/ --overwrite$/);
    expect(failing.args.every((a) => !("overwrite" in a.values))).toBe(true);
    expect(failing.info.status).toBe("error");
    expect(failing.info.traceback).toMatch(/ValueError: deliberate failure/);
    const failed = failing.records[1]?.stageInfo?.[1];
    expect(failed?.error).toBe("ValueError - deliberate failure for <status=error> probe");
    expect(failed?.traceback).toMatch(/in explode/);

    const again = await read("cached_again");
    expect(again.records.every((r) => r.stageInfo?.every((s) => s.cached))).toBe(true);
    expect(again.info.fullStore).toBe(true);
    expect(
      (await read("cached")).records.every((r) =>
        r.stageInfo?.every((s) => !s.cached && typeof s.durationMs === "number"),
      ),
    ).toBe(true);
    expect((await read("live")).info.status).toBe("LIVE");
  });

  it("marks the record whose stage raised in the results table, the map and its record page", async () => {
    const ran = runs.get("failing");
    if (!ran) throw new Error("no failing run");
    const dir = path.join(ran.project, "site", ran.reference);
    const html = await readFile(path.join(dir, "index.html"), "utf8");
    // Record 1 ("two") logged the better accuracy before `explode` raised: marked, last, no star.
    const rows = [...html.matchAll(/<tr data-record="(\d+)"( class="failed")?>(.*?)<\/tr>/g)];
    expect(rows.map((m) => [m[1], m[2] !== undefined])).toEqual([
      ["0", false],
      ["1", true],
    ]);
    expect(rows[1]?.[3]).toContain("✗</span> <strong>failed in explode</strong>");
    expect(rows[1]?.[3]).not.toContain("best-mark");
    expect(rows[0]?.[3]).toContain(">ok<");
    // The map styles the failed stage's box.
    expect(html).toMatch(/class="[^"]*dag-failed[^"]*"/);
    const page = await readFile(path.join(dir, "records", "1.html"), "utf8");
    expect(page).toContain("ValueError - deliberate failure for &lt;status=error&gt; probe");
    expect(page).toMatch(/<pre class="traceback"><code>[^<]*in explode/);
  });

  it("opens every report and its reportables pages in Chromium with no console error, every image loaded and no script run", async () => {
    for (const [name, ran] of runs) {
      let images = 0;
      const site = path.join(ran.project, "site");
      const [first, ...rest] = await imagePages(path.join(site, ran.reference));
      if (first === undefined) throw new Error(`${name}: no index.html in ${path.join(site, ran.reference)}`);
      const { page, log } = await openFile(browser, first, { allowedRoot: site, offline: true });
      for (const file of [first, ...rest]) {
        if (file !== first) await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
        // Reportable images load lazily: make each load now, and wait for it to load or fail.
        const shown = await page.$$eval("img", (imgs) =>
          Promise.all(
            imgs.map(async (img) => {
              img.loading = "eager";
              if (!img.complete)
                await new Promise((done) =>
                  ["load", "error"].forEach((e) => img.addEventListener(e, done, { once: true })),
                );
              return { src: img.getAttribute("src"), ok: img.naturalWidth > 0 };
            }),
          ),
        );
        images += shown.length;
        await page.waitForLoadState("load");
        const where = `${name} ${path.relative(site, file)}`;
        const broken = shown.filter((i) => !i.ok).map((i) => i.src);
        // The tour's HTML reportable carries a <script> on purpose: the sandbox refusing it is the only console error allowed.
        const consoleErrors = log.consoleErrors.filter(
          (m) => !m.includes("Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed"),
        );
        expect({ where, broken, ...log, consoleErrors }).toEqual({
          where,
          broken: [],
          consoleErrors: [],
          pageErrors: [],
          failedRequests: [],
          outsideRequests: [],
          dialogs: [],
        });
        expect(await page.title()).not.toBe("pwned");
      }
      await page.context().close();
      // Every figure and image reportable was on one of these pages, as an image that loaded.
      const shownAsImages = (await read(name)).reportables.filter((r) => r.kind === "figure" || r.kind === "image");
      expect({ name, images }).toEqual({ name, images: shownAsImages.length });
    }
  });

  it("shows params left out of the hash apart and curifactory's string forms (issue 20 point 1)", async () => {
    const ran = runs.get("tour");
    if (!ran) throw new Error("no tour run");
    const html = await readFile(path.join(ran.project, "site", ran.reference, "index.html"), "utf8");
    const args = /<section class="args" id="args">[\s\S]*?<p class="back">/.exec(html)?.[0] ?? "";
    // The tuple reads as Python wrote it, not as its JSON stand-in [3, 4].
    expect(args).toContain("&quot;shape&quot;: (3, 4)");
    // gpus (hash_representations gpus=None) differs between baseline and wide, but is no changed arg.
    const diff = /<section class="args-diff"[\s\S]*?<\/section>/.exec(args)?.[0] ?? "";
    expect(diff).not.toMatch(/<th scope="col">gpus<\/th>/);
    expect(diff).toContain("Not in the hash, so not compared: gpus");
    expect(args).toMatch(/<pre class="json args-ignored"><code>\{\n {2}&quot;gpus&quot;: 1\n\}<\/code><\/pre>/);
  });

  it("shows NaN and ±Infinity as such and loads the files a custom reportable wrote", async () => {
    const ran = runs.get("tour");
    if (!ran) throw new Error("no tour run");
    const html = await readFile(path.join(ran.project, "site", ran.reference, "index.html"), "utf8");
    expect(html).toContain("NaN");
    expect(html).toContain("-Infinity");
    const site = path.join(ran.project, "site");
    const { page } = await openFile(browser, path.join(site, ran.reference, "index.html"), {
      allowedRoot: site,
      offline: true,
    });
    // Too many reportables for the run page: its reportables index links the pages that hold them.
    const pages = [
      ...new Set(
        await page
          .locator("#reportables-toc a")
          .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href)),
      ),
    ];
    expect(pages.length).toBeGreaterThan(1);
    const holding: string[] = [];
    for (const url of pages) {
      await page.goto(url);
      if ((await page.locator('iframe[title="baseline_fit_gallery"]').count()) > 0) holding.push(url);
    }
    expect(holding).toHaveLength(1);
    // The record's own page links the same reportable, to the same place.
    await page.goto(new URL("records/0.html", pathToFileURL(path.join(site, ran.reference, "index.html"))).href);
    await page.getByRole("link", { name: "baseline_fit_gallery", exact: true }).click();
    expect(page.url()).toBe(`${holding[0]}#r-baseline_fit_gallery`);
    await page.locator('iframe[title="baseline_fit_gallery"]').scrollIntoViewIfNeeded();
    const frame = page.frameLocator('iframe[title="baseline_fit_gallery"]');
    await expect
      .poll(() => frame.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    // The user guide's reportable writes its image beside reportables/ (issue 20 point 2): it shows.
    let guides = 0;
    for (const url of pages) {
      await page.goto(url);
      if ((await page.locator('iframe[title="(Aggregate)_compare_guide"]').count()) === 0) continue;
      guides += 1;
      await page.locator('iframe[title="(Aggregate)_compare_guide"]').scrollIntoViewIfNeeded();
      const guide = page.frameLocator('iframe[title="(Aggregate)_compare_guide"]');
      await expect
        .poll(() => guide.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth))
        .toBeGreaterThan(0);
    }
    expect(guides).toBe(1);
    expect(await readFile(path.join(site, ran.reference, "reportablesguide.png"))).toEqual(
      await readFile(path.join(ran.project, "runs", ran.reference, "reportablesguide.png")),
    );
    // The aggregate's three score lines in matplotlib's colours, the third green (issue 20 point 7).
    const all = await Promise.all(pages.map((url) => readFile(fileURLToPath(url), "utf8")));
    expect(all.join("")).toMatch(/stroke="#1f77b4"[\s\S]*stroke="#ff7f0e"[\s\S]*stroke="#2ca02c"/);
    await page.context().close();
  });
});
