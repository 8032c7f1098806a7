/**
 * Builds killed (SIGKILL: no cleanup runs) at every named point of a build must leave what was
 * published whole: every report folder is entirely the previous version or entirely the new one,
 * the index and latest.json are complete, and the next build clears whatever the killed one left
 * behind. The points are the starts and ends of the build's phases (src/util/phases.ts), chosen
 * from the phases a real build goes through, so every kill lands where it was meant to: between
 * two reports, after a report's temp folder is written but before it is swapped in, after the
 * swap, holding the site lock among the files of the site root, and before the manifest. States inside one file operation
 * (a half-written temp file, a report moved aside) are set up by hand in recover.test.ts.
 *
 * The kills between reports need a build that changes every report; the kills in the site-root
 * and manifest writes come after the reports, so there a build changes one report only: the same
 * points, reached with a fifth of the building (the suite's slowest file took 58 s, 270 s on a
 * machine at load 40, mostly in builds). The two tests share nothing and run at once.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { SITE_PATHS, siteRootFiles } from "../../src/render/router/sitePaths.js";
import { tempDir } from "./helpers/cases.js";
import { indexLineOf, leftovers, makeRuns, reportSnapshots, runBuilt, setVariant } from "./helpers/sites.js";

const KILLER = fileURLToPath(new URL("./helpers/killAtPhase.mjs", import.meta.url));

/** A named point of a build: the `n`-th start or end of `phase`. */
interface KillPoint {
  readonly phase: string;
  readonly n: number;
  readonly when: "start" | "end";
}

/** The part of run.json that names its report folder. */
interface RunRef {
  readonly run_info: { readonly reference: string };
}

/** What a build run through killAtPhase.mjs did. */
interface KilledRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `curi-report …args` as a process that kills itself at `point` (n = 0: never). */
function buildUntil(point: KillPoint, args: readonly string[], cwd: string): Promise<KilledRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [KILLER, point.phase, String(point.n), point.when, ...args],
      { cwd, env: { ...process.env, NO_COLOR: "1" } },
      (_error, stdout, stderr) => {
        resolve({ code: child.exitCode, signal: child.signalCode, stdout, stderr });
      },
    );
  });
}

/** How many times each phase starts in a build with `args` (into a scratch copy of nothing: counted on the real thing). */
async function phaseCounts(args: readonly string[], cwd: string): Promise<Record<string, number>> {
  const run = await buildUntil({ phase: "none", n: 0, when: "start" }, args, cwd);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
  return JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, number>;
}

let root: string;
let runs: string;
let references: string[];
/** The report folders of a complete build of each variant. */
const snapshots = new Map<string, Map<string, Record<string, string>>>();

/**
 * Builds `variant` of the runs into `out` to completion (in this process: the build, not the
 * process, is under test here), on dist/ as the killed builds are: the same build key, so the next
 * build after a kill must judge by the state and markers what the killed one left, not rebuild all.
 */
async function fullBuild(variant: string, out: string): Promise<void> {
  await setVariant(runs, variant);
  const result = await runBuilt([runs, "--out", out, "--quiet"], root);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
}

beforeAll(async () => {
  root = await tempDir("curi-hostile-kill-");
  runs = path.join(root, "runs");
  await mkdir(runs);
  // One copy of each fixture run: five reports, so a build has a first, a middle and a last report.
  references = await makeRuns(runs, 1);
  for (const variant of ["A", "B"]) {
    const scratch = path.join(root, `snapshot-${variant}`);
    await fullBuild(variant, scratch);
    snapshots.set(variant, await reportSnapshots(scratch));
  }
}, 300_000);

/** Which variant a report folder is, whole; "neither" for a mix or a damaged copy. */
function variantOf(folder: string, snapshot: Record<string, string>): string {
  for (const [variant, folders] of snapshots)
    if (JSON.stringify(folders.get(folder)) === JSON.stringify(snapshot)) return variant;
  return "neither";
}

/** Checks that the published site is whole: every report one variant or the other, index and latest.json complete. */
async function expectWholeSite(out: string, context: string): Promise<Map<string, string>> {
  const index = await readFile(path.join(out, "index.html"), "utf8");
  expect(index.endsWith("</html>\n"), `${context}: index.html is cut short`).toBe(true);
  for (const reference of references) expect(index, `${context}: index.html lacks ${reference}`).toContain(reference);
  const latest = JSON.parse(await readFile(path.join(out, "latest.json"), "utf8")) as { path: string | null };
  expect(latest.path, context).not.toBeNull();
  const reports = await reportSnapshots(out);
  const expectedFolders = [...(snapshots.get("A")?.keys() ?? [])].sort();
  expect([...reports.keys()].sort(), `${context}: report folders`).toEqual(expectedFolders);
  const variants = new Map<string, string>();
  for (const [folder, snapshot] of reports) {
    const variant = variantOf(folder, snapshot);
    expect(variant, `${context}: ${folder} is a mix of two builds, or damaged`).not.toBe("neither");
    variants.set(folder, variant);
  }
  return variants;
}

/**
 * Files an index refresh writes, one "write" phase each: the router's list of site-root files
 * (index.html, latest/index.html, latest.json, compare.html, history.json, the assets, .nojekyll).
 */
const SITE_ROOT_FILES = siteRootFiles().length;

/**
 * The points to kill a build of every report at, from the phases it goes through (five reports:
 * each is read, laid out (layout, with plots inside), written to a temp folder with its pages
 * rendered as they are written (a write), flushed to disk by the writer thread (a write) and swapped
 * in (a write)): some reports swapped in and the rest not begun; the second report's pages handed to
 * the writer but not all on disk; its temp folder whole but not swapped in; then just swapped in.
 */
function reportKillPoints(counts: Record<string, number>): KillPoint[] {
  return [
    // The middle report laid out, nothing of it written.
    { phase: "layout", n: Math.ceil((counts["layout"] ?? 0) / 2), when: "end" },
    // The second report's pages handed to the writer, not yet all on disk (DiskTarget flushes next).
    { phase: "write", n: 4, when: "end" },
    { phase: "write", n: 5, when: "end" },
    { phase: "write", n: 6, when: "end" },
  ];
}

/**
 * The points after the reports, from a build that changes one report (a temp write, its flush and a swap,
 * then an index phase looks for comparisons to write (none: the runs are of different experiments),
 * another takes the site lock and writes the site-root files, and the incremental state is written
 * last): the report swapped in and the index not begun; holding the site lock before the first
 * site-root file, before history.json (the pages written, this build's history not), and before
 * the last file; everything published and the manifest not yet written.
 *
 * Not before every site-root file: a build writes them with the code `curi-report index` does
 * (writeIndexInto, then writeSiteRoot, one "write" phase a file), and the index test below kills
 * that between every two of them. What a build adds around them (a report swapped in, the lock,
 * its history, the manifest) is the same at every point in between; these five points reach each
 * part of it. Each point costs a killed build and a recovery build.
 */
function siteRootKillPoints(counts: Record<string, number>): KillPoint[] {
  const writes = counts["write"] ?? 0;
  const rootFiles = siteRootFiles();
  const before = (file: string): KillPoint => ({
    phase: "write",
    n: writes - SITE_ROOT_FILES + 1 + rootFiles.indexOf(file),
    when: "start",
  });
  return [
    { phase: "index", n: 1, when: "start" },
    before(SITE_PATHS.index),
    before(SITE_PATHS.history),
    before(SITE_PATHS.nojekyll),
    // The next build must not trust a stale manifest.
    { phase: "incremental", n: counts["incremental"] ?? 0, when: "start" },
  ];
}

/**
 * Kills a build of the runs as they are now into `out` at `point`, checks that the published site
 * is whole, then that the next full build publishes every report as `expected` (folder → variant)
 * whole, with an index that describes it, and leaves nothing behind.
 */
async function killThenRecover(point: KillPoint, out: string, expected: ReadonlyMap<string, string>): Promise<void> {
  const killed = await buildUntil(point, [runs, "--out", out, "--quiet"], root);
  const context = `killed at the ${point.when} of ${point.phase} ${point.n}`;
  expect(killed.signal, `${context}: the build was not killed (${killed.stderr})`).toBe("SIGKILL");
  await expectWholeSite(out, context);

  const result = await runBuilt([runs, "--out", out, "--quiet"], root);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
  const after = await expectWholeSite(out, `${context}, then a full build`);
  expect(Object.fromEntries(after), `${context}: the next build did not finish the job`).toEqual(
    Object.fromEntries(expected),
  );
  // Its index describes the reports now published, not those the killed build replaced.
  const index = await readFile(path.join(out, "index.html"), "utf8");
  for (const [folder, variant] of after)
    expect(indexLineOf(index, folder), `${context}: the index line of ${folder} after the next build`).toContain(
      `variant ${variant}`,
    );
  expect(await leftovers(out), `${context}: the next build left these behind`).toEqual([]);
}

describe.concurrent("a build killed at each named phase", () => {
  // About 10 s on a quiet machine; the limit is for a machine shared with other work.
  it(
    "leaves the published reports and index whole, and the next build finishes the job",
    { timeout: 600_000 },
    async () => {
      const out = path.join(root, "site");
      await fullBuild("A", out);
      // Counted on a build that changes every report, as each kill between reports is.
      await setVariant(runs, "B");
      const counts = await phaseCounts([runs, "--out", path.join(root, "count-site"), "--quiet"], root);
      expect(Object.keys(counts).sort()).toEqual(["incremental", "index", "layout", "plots", "read", "write"]);
      // One layout per report: the middle kill point lands between reports.
      expect(counts["layout"]).toBe(references.length);
      // Five reports: a temp write, its flush and a swap each, then the site-root files.
      expect(counts["write"]).toBe(references.length * 3 + SITE_ROOT_FILES);
      const folders = [...(snapshots.get("A")?.keys() ?? [])].sort();
      let current = "A";
      for (const point of reportKillPoints(counts)) {
        const next = current === "A" ? "B" : "A";
        await setVariant(runs, next);
        await killThenRecover(point, out, new Map(folders.map((f) => [f, next])));
        current = next;
      }

      // From here on one run changes: the middle one, whose report folder is named by its reference.
      const [one = ""] = (await readdir(runs)).sort().slice(2, 3);
      const oneFolder = (JSON.parse(await readFile(path.join(runs, one, "run.json"), "utf8")) as RunRef).run_info
        .reference;
      const state = new Map(folders.map((f) => [f, current]));
      let oneVariant = current;
      const flipOne = async (): Promise<void> => {
        oneVariant = oneVariant === "A" ? "B" : "A";
        await setVariant(runs, oneVariant, [one]);
        state.set(oneFolder, oneVariant);
      };
      // Counted on a copy of the site as it is, so the count build changes that one report only.
      const countSite = path.join(root, "count-one-site");
      await cp(out, countSite, { recursive: true });
      await flipOne();
      const oneCounts = await phaseCounts([runs, "--out", countSite, "--quiet"], root);
      // One report: its temp write, flush and swap, then the site-root files.
      expect(oneCounts["write"]).toBe(3 + SITE_ROOT_FILES);
      for (const [i, point] of siteRootKillPoints(oneCounts).entries()) {
        if (i > 0) await flipOne();
        await killThenRecover(point, out, state);
      }
      expect((await readdir(out)).filter((n) => n.startsWith(".tmp-") || n.startsWith(".old-"))).toEqual([]);
    },
  );

  it(
    "leaves the index whole when an index rebuild is killed between any two files, and the next one clears its leftovers",
    { timeout: 300_000 },
    async () => {
      // A copy of the complete build of A: this test leaves the runs to the other one.
      const out = path.join(root, "index-site");
      await cp(path.join(root, "snapshot-A"), out, { recursive: true });
      const counts = await phaseCounts(["index", "--out", out, "--quiet"], root);
      expect(counts).toEqual({ index: 1, write: SITE_ROOT_FILES });
      const points: KillPoint[] = [
        { phase: "index", n: 1, when: "start" },
        ...Array.from({ length: SITE_ROOT_FILES }, (_, i) => ({ phase: "write", n: i + 1, when: "start" as const })),
        { phase: "write", n: SITE_ROOT_FILES, when: "end" },
      ];
      for (const [i, point] of points.entries()) {
        // A new report folder each time, so each rebuild writes a different index.
        await cp(path.join(out, [...(snapshots.get("A")?.keys() ?? [])][0] ?? ""), path.join(out, `extra-${i}`), {
          recursive: true,
        });
        const killed = await buildUntil(point, ["index", "--out", out, "--quiet"], root);
        const context = `index killed at the ${point.when} of ${point.phase} ${point.n}`;
        expect(killed.signal, `${context}: the build was not killed (${killed.stderr})`).toBe("SIGKILL");
        const index = await readFile(path.join(out, "index.html"), "utf8");
        expect(index.endsWith("</html>\n"), `${context}: index.html is cut short`).toBe(true);
        if (i > 0) expect(index, context).toContain(`extra-${i - 1}`);
        // index.html is the first file written: a kill before it keeps the old index, one after it shows the new folder.
        const written = point.phase === "write" && (point.n > 1 || point.when === "end");
        expect(index.includes(`extra-${i}`), `${context}: index.html shows extra-${i}`).toBe(written);
        JSON.parse(await readFile(path.join(out, "latest.json"), "utf8"));
        expect((await readFile(path.join(out, "latest", "index.html"), "utf8")).endsWith("</html>\n"), context).toBe(
          true,
        );
        expect((await runBuilt(["index", "--out", out, "--quiet"], root)).code, context).toBe(0);
        expect(await readFile(path.join(out, "index.html"), "utf8"), context).toContain(`extra-${i}`);
        expect(await leftovers(out), `${context}: the next index left these behind`).toEqual([]);
      }
    },
  );
});
