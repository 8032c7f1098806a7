/**
 * One test per hostile fixture, driven by its expected.json: build it with the CLI into a temp
 * folder, then check the outcome. A report must show every expected text intact, run nothing from
 * the input, fetch nothing from outside its folder, not navigate away, pass `checkSite`, and write
 * nothing outside the output folder; an error must name its problem with the documented exit code
 * and JSON pointers, and write no report.
 *
 * The CLI runs in this process (`main`, what bin/curi-report.js calls) for most cases, and as a
 * real process for one report case and one error case per exit code, which proves the process
 * gives the same code and messages.
 *
 * Every file of a report (run page, record and pipeline pages, SVG images) and its single-file
 * form are read with parsers (helpers/dom.ts): their texts must hold what the case expects, and
 * nothing in them may run, load from outside or navigate (helpers/inert.ts), which refuses a
 * payload for being there at all. Chromium then opens the run page of the cases where a reader's
 * view matters (seenInBrowser): it must show its heading, banners and images, and nothing may run,
 * leave or navigate when it is really opened, frames and lazy images included. The single files of the cases that attack an
 * HTML reportable's frame (what the single-file builder rewrites) are opened in Chromium too.
 *
 * The cases are dealt into shards (cases.0.test.ts, cases.1.test.ts), each a test file of its own,
 * so the slowest file of the suite runs on two workers instead of one.
 */
import { copyFile, mkdir, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorOutcome, ReportOutcome } from "../../scripts/hostile/expected.js";
import { buildSite } from "../../src/site/buildSite.js";
import { MemoryTarget } from "../../src/site/MemoryTarget.js";
import { checkSite } from "../../src/site/check.js";
import { CuriError, InvalidRunError, UnsafePathError } from "../../src/util/errors.js";
import { runCli, runMain, type CliResult } from "../cli/helpers.js";
import { launchChromium } from "../helpers/browser.js";
import { listCases, prepareCase, tempDir, treeStamps, type HostileFixture } from "./helpers/cases.js";
import { bodyText, graphTexts } from "./helpers/dom.js";
import { fileProblems, inertProblems, staticFile, staticFiles } from "./helpers/inert.js";
import { expectSafeVisit, hostileVisitor, pageFacts, pageTexts, type HostileVisitor } from "./helpers/page.js";

const cases = await listCases();
let browser: Browser;
let visitor: HostileVisitor;

/** The cases built by a real `curi-report` process: the first report case, and the first error case of each exit code. */
const SPAWNED = new Set(
  [
    ...cases.filter((c) => c.expected.outcome === "report").slice(0, 1),
    ...[
      ...new Map(
        cases.filter((c) => c.expected.outcome === "error").map((c) => [(c.expected as ErrorOutcome).exit, c] as const),
      ).values(),
    ],
  ].map((c) => c.name),
);

/** A warning of the single file's composition: a link it left out or pointed at the full report. */
const SINGLE_FILE_NOTE =
  /^curi-report: warning: [^:]+: .*(left out of the single file|leads to the full report: it is)/;

/**
 * Whether a case's run page is opened in Chromium too (~0.4 s of Chromium's CPU a visit). Every case's
 * files are read with parsers (nothing that could run, load or navigate; every text intact), which
 * is the whole question for the cases about names and text: they are not opened. The browser is for
 * what only a browser shows: HTML reportables in their frames, SVG and figure images (what loads,
 * what breaks), linked pages, rendered Markdown, LaTeX and plots, and the banners a reader must see.
 * The huge cases are never opened (issue 22: heavy browser cases become checks of the built files).
 */
function seenInBrowser(name: string, expected: ReportOutcome): boolean {
  if (name.startsWith("huge-")) return false;
  return (
    /^(html-reportable-|svg-|figure-|png-|linked-pages$|xss-(markdown|notes|latex|lineplot))/.test(name) ||
    expected.banner !== null ||
    (expected.broken_images ?? 0) > 0
  );
}

/** Registers the cases of shard `shard` of `shards` (every `shards`-th case of each outcome). */
export function hostileCases(shard: number, shards: number): void {
  const mine = (_: HostileFixture, i: number): boolean => i % shards === shard;
  beforeAll(async () => {
    browser = await launchChromium();
    visitor = await hostileVisitor(browser);
  });
  afterAll(async () => {
    await browser.close();
  });
  reportCases(cases.filter((c) => c.expected.outcome === "report").filter(mine));
  errorCases(cases.filter((c) => c.expected.outcome === "error").filter(mine));
  if (shard === 0) fixtureFacts();
}

/** Builds a staged case with the CLI: a real process for the cases in SPAWNED, else `main` in this process. */
function buildCase(name: string, args: readonly string[], cwd: string): Promise<CliResult> {
  return SPAWNED.has(name) ? runCli(args, cwd) : runMain(args, cwd);
}

/** A case copied into `<tmp>/run`, to be built into `<tmp>/out` from the empty `<tmp>/cwd`. */
async function stage(
  c: HostileFixture,
): Promise<{ root: string; run: string; out: string; cwd: string; before: Record<string, string> }> {
  const root = await tempDir(`curi-hostile-${c.name.slice(0, 20)}-`);
  const run = path.join(root, "run");
  await prepareCase(c.name, run, c.expected.setup);
  const cwd = path.join(root, "cwd");
  await mkdir(cwd);
  return { root, run, out: path.join(root, "out"), cwd, before: await treeStamps(run) };
}

/** Nothing was written beside the output folder, into the run folder, or into the working folder. */
async function expectNothingOutside(s: Awaited<ReturnType<typeof stage>>, outExists: boolean): Promise<void> {
  expect((await readdir(s.root)).sort()).toEqual(outExists ? ["cwd", "out", "run"] : ["cwd", "run"]);
  expect(await readdir(s.cwd)).toEqual([]);
  expect(await treeStamps(s.run)).toEqual(s.before);
}

function reportCases(list: readonly HostileFixture[]): void {
  describe.concurrent.each(list)("hostile report $name", (c) => {
    const expected = c.expected as ReportOutcome;

    it(`builds and shows it safely: ${expected.description}`, async () => {
      const s = await stage(c);
      // The single file is made by the same build, from the same outputs, as `--single-file` makes it.
      const result = await buildCase(c.name, [s.run, "--out", s.out, "--single-file"], s.cwd);
      expect(result.code, result.stderr).toBe(0);
      // Nothing to say but what the single file left out (a link to a missing or too large file).
      expect(result.stderr.split("\n").filter((l) => l !== "" && !SINGLE_FILE_NOTE.test(l))).toEqual([]);
      await expectNothingOutside(s, true);
      const latest = JSON.parse(await readFile(path.join(s.out, "latest.json"), "utf8")) as { path: string };
      const page = path.join(s.out, latest.path);
      const folder = path.dirname(page);
      if (expected.max_page_bytes !== undefined)
        expect((await stat(page)).size).toBeLessThanOrEqual(expected.max_page_bytes);
      // Problems inside an HTML reportable's srcdoc are the user's HTML, kept as written but inert
      // (sandbox, CSP): the parsed check below requires both, and the browser visit proves them.
      expect(
        (await checkSite(s.out)).filter((p) => p.severity === "error" && !p.message.startsWith("srcdoc > ")),
      ).toEqual([]);
      await expectSafeFiles(folder, expected);
      if (seenInBrowser(c.name, expected)) await expectSafeRunPage(page, folder, expected);
      await expectSafeSingleFile(c.name, `${folder}.html`, folder, s.root, expected);
    });
  });
}

/**
 * Every page and image of the report, parsed: nothing that could run, load from outside or
 * navigate, and every expected text intact in some page's text (record names, stage graphs and
 * artifact representations live on the record pages) and every expected graph text in one graph.
 */
async function expectSafeFiles(folder: string, expected: ReportOutcome): Promise<void> {
  const files = await staticFiles(folder);
  expect(files.map((f) => f.name)).toContain("index.html");
  expect(inertProblems(folder, files)).toEqual([]);
  const pages = files.filter((f) => f.type === "text/html");
  const texts = pages.map((f) => bodyText(f.root));
  for (const t of expected.texts)
    expect(
      texts.some((text) => text.includes(t)),
      `no page text has ${JSON.stringify(t.slice(0, 300))}`,
    ).toBe(true);
  const graphs = pages.flatMap((f) => graphTexts(f.root));
  for (const t of expected.graph_texts ?? [])
    expect(
      graphs.some((g) => g.some((line) => line.includes(t))),
      `no graph shows ${JSON.stringify(t)}`,
    ).toBe(true);
}

/** The run page in Chromium, as a reader sees it: visible, with its banners and images, and nothing ran, left or navigated. */
async function expectSafeRunPage(page: string, folder: string, expected: ReportOutcome): Promise<void> {
  const visit = await visitor.visit(page, folder);
  try {
    expectSafeVisit(visit);
    const facts = await pageFacts(visit.page);
    expect(facts.bodyDisplay).not.toBe("none");
    expect(facts.headingVisible).toBe(true);
    expect(facts.errorBoxes).toBe(expected.error_boxes ?? 0);
    expect(facts.brokenImages).toHaveLength(expected.broken_images ?? 0);
    expect(facts.banners).toEqual(
      expected.banner === null ? [] : [expect.stringContaining(`banner-${expected.banner}`)],
    );
  } finally {
    await visit.close();
  }
}

/**
 * The report as one self-contained file (`single`, written by the build beside its folder),
 * parsed: its one script is the report's own report.js, inlined; it loads no file at all and
 * nothing else in it could run or navigate; the texts are intact. Opened in Chromium too for the
 * cases that attack an HTML reportable's frame, alone in a folder of its own.
 */
async function expectSafeSingleFile(
  name: string,
  single: string,
  folder: string,
  root: string,
  expected: ReportOutcome,
): Promise<void> {
  const file = path.join(root, "single", "report.html");
  await mkdir(path.dirname(file), { recursive: true });
  await copyFile(single, file);
  const parsed = await staticFile(file);
  const reportJs = await readFile(path.join(folder, "report.js"), "utf8");
  expect(fileProblems(parsed, { folderUrl: null, inlineScripts: [reportJs] })).toEqual([]);
  const text = bodyText(parsed.root);
  for (const t of expected.texts)
    expect(text.includes(t), `the single file lacks ${JSON.stringify(t.slice(0, 300))}`).toBe(true);
  if (!name.startsWith("html-reportable-")) return;
  // The file is alone in its folder: any request for another file fails (failedInside), any other leaves.
  const visit = await visitor.visit(file, path.dirname(file));
  try {
    expectSafeVisit(visit, "the single file");
    const [shown = ""] = await pageTexts(visit.page);
    for (const t of expected.texts)
      expect(shown.includes(t), `the single file shows no ${JSON.stringify(t.slice(0, 300))}`).toBe(true);
  } finally {
    await visit.close();
  }
}

function errorCases(list: readonly HostileFixture[]): void {
  describe.concurrent.each(list)("hostile error $name", (c) => {
    const expected = c.expected as ErrorOutcome;

    it(`is refused with ${expected.error} (exit ${expected.exit}): ${expected.description}`, async () => {
      const s = await stage(c);
      const result = await buildCase(c.name, [s.run, "--out", s.out], s.cwd);
      expect(result.code).toBe(expected.exit);
      expect(result.stderr.startsWith("curi-report: ")).toBe(true);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      for (const m of expected.message_includes) expect(result.stderr).toContain(m);
      for (const p of expected.pointers ?? []) expect(result.stderr).toContain(`#${p}:`);
      await expectNothingOutside(s, false);

      // The same failure through the library (in memory): its class and diagnostics.
      const built = await buildSite(s.run, { outDir: s.out, target: new MemoryTarget(s.out) });
      expect(built.reports).toEqual([]);
      const error = built.failures[0]?.error;
      expect(error).toBeInstanceOf(CuriError);
      expect((error as CuriError).name).toBe(expected.error);
      expect((error as CuriError).exitCode).toBe(expected.exit);
      if (error instanceof InvalidRunError) {
        expect(error.diagnostics.map((d) => d.pointer)).toEqual(expect.arrayContaining([...(expected.pointers ?? [])]));
      } else if (error instanceof UnsafePathError) {
        for (const p of expected.pointers ?? []) expect(error.message).toContain(`#${p}:`);
      }
    });
  });
}

function fixtureFacts(): void {
  describe("the hostile fixtures", () => {
    it("are built by a real process for one report case and one error case of each exit code", () => {
      expect(SPAWNED.size).toBeGreaterThanOrEqual(3);
    });

    it("hold at least 30 cases, of both outcomes", () => {
      expect(cases.length).toBeGreaterThanOrEqual(30);
      expect(cases.filter((c) => c.expected.outcome === "report").length).toBeGreaterThanOrEqual(15);
      expect(cases.filter((c) => c.expected.outcome === "error").length).toBeGreaterThanOrEqual(10);
    });
  });
}
