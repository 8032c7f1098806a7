/**
 * The sweep figures of issue 11: a sweep run of N records (bench/sweepRun.ts) reported by the CLI
 * as a whole process, at N = 1,000, 10,000 and 50,000: build time, peak memory, the size of the
 * page that opens first and of the largest page, whether `curi-report check` passes, and how long
 * Debian's Chromium takes to load the run page and a record page from disk.
 */
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { progress } from "./common.js";
import { median, pageLoadMs, type ProcessMeasure } from "./measure.js";
import { seconds, type Figure } from "./results.js";
import { runCli } from "./sites.js";
import { sweepRun } from "./sweepRun.js";

/** Sizes of the sweep figures. */
export const SWEEP_SIZES = [1000, 10_000, 50_000] as const;
/**
 * Targets by size: issue 6's for 1,000 records; at 10,000 issue 22's build time (6 s) and issue
 * 11's memory; at 50,000 issue 11's build time (the 10,000 target grown linearly) and issue 22's
 * peak memory (1.5 GB) and `check` time (90 s).
 */
const BUILD_TARGETS: Readonly<
  Record<number, { readonly seconds: number; readonly peakMB: number; readonly checkS?: number }>
> = {
  1000: { seconds: 5, peakMB: 500 },
  10_000: { seconds: 6, peakMB: 1000 },
  50_000: { seconds: 75, peakMB: 1500, checkS: 90 },
};
const TARGET_PAGE_BYTES = 1024 * 1024;
const TARGET_LOAD_MS = 1000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** One sweep size, measured. */
export interface SweepMeasure {
  readonly n: number;
  readonly runJsonMiB: number;
  readonly build: ProcessMeasure;
  readonly firstPage: number;
  readonly largestPage: { readonly path: string; readonly bytes: number };
  readonly pages: number;
  readonly checkPassed: boolean;
  readonly checkOutput: string;
  /** The check as a whole process (time, memory). */
  readonly check: ProcessMeasure;
  readonly runPageLoadMs: number | null;
  readonly recordPageLoadMs: number | null;
}

/** Measures each size (one build each: a 50,000-record build takes minutes). */
export async function measureSweeps(
  sizes: readonly number[],
  work: string,
  schemaVersion: number,
): Promise<SweepMeasure[]> {
  const out: SweepMeasure[] = [];
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
  } catch (error) {
    progress(`Chromium could not start (${String(error)}): load times are left out`);
  }
  try {
    for (const n of sizes) {
      const measured = await measureSweep(n, work, schemaVersion, browser);
      out.push(measured);
      // Each size as soon as it is known: a 50,000-record size takes many minutes more.
      for (const f of sweepFigures([measured]))
        progress(`${f.name}: ${f.measured} (target ${f.target})${f.pass === false ? " MISSED" : ""}`);
    }
  } finally {
    await browser?.close();
  }
  return out;
}

async function measureSweep(
  n: number,
  work: string,
  schemaVersion: number,
  browser: Browser | null,
): Promise<SweepMeasure> {
  progress(`generating the sweep run with N=${n} records (cached after the first time)`);
  const run = await sweepRun(n, schemaVersion);
  const outDir = path.join(work, `sweep-${n}`);
  await rm(outDir, { recursive: true, force: true });
  progress(`reporting the sweep of N=${n}`);
  const build = await runCli([run, "--out", outDir, "--quiet"]);
  if (build.exitCode !== 0) throw new Error(`sweep build N=${n} failed:\n${build.stderr || build.stdout}`);
  const [folder] = (await readdir(outDir)).filter((f) => f.startsWith(`sweep${n}_`));
  if (folder === undefined) throw new Error(`no report folder for N=${n} in ${outDir}`);
  const reportDir = path.join(outDir, folder);
  const pages = await htmlSizes(reportDir);
  const largest = pages.reduce((a, b) => (b.bytes > a.bytes ? b : a), { path: "", bytes: 0 });
  progress(`checking the site of N=${n}`);
  const check = await runCli(["check", outDir]);
  const recordPage = path.join(reportDir, "records", `${Math.floor(n / 2)}.html`);
  const measure = {
    n,
    runJsonMiB: (await stat(path.join(run, "run.json"))).size / 2 ** 20,
    build,
    firstPage: (await stat(path.join(reportDir, "index.html"))).size,
    largestPage: { path: path.relative(reportDir, largest.path), bytes: largest.bytes },
    pages: pages.length,
    checkPassed: check.exitCode === 0,
    check,
    checkOutput: (check.stdout + check.stderr).trim().split("\n").slice(-3).join(" / "),
    runPageLoadMs: browser === null ? null : await pageLoadMs(browser, path.join(reportDir, "index.html")),
    recordPageLoadMs: browser === null ? null : await pageLoadMs(browser, recordPage),
  };
  await rm(outDir, { recursive: true, force: true });
  return measure;
}

/** Every .html file under `dir` with its size. */
async function htmlSizes(dir: string): Promise<{ path: string; bytes: number }[]> {
  const out: { path: string; bytes: number }[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.push({ path: file, bytes: (await stat(file)).size });
  }
  return out;
}

/** Peak memory of a process in MB (10^6 bytes, as the targets are stated), or null when unknown. */
function megabytes(measure: ProcessMeasure): number | null {
  return measure.peakMiB === null ? null : Math.round((measure.peakMiB * 2 ** 20) / 1e6);
}

function kib(bytes: number): string {
  return `${Math.round(bytes / 1024)} KiB`;
}

/** The sweep figures, each beside its target. */
export function sweepFigures(sweeps: readonly SweepMeasure[]): Figure[] {
  const figures: Figure[] = [];
  for (const s of sweeps) {
    const label = `sweep N=${s.n.toLocaleString("en-US")} (run.json ${Math.round(s.runJsonMiB)} MiB)`;
    const cpu = s.build.cpuMs === null ? "" : `, CPU ${seconds(s.build.cpuMs)}`;
    const target = BUILD_TARGETS[s.n];
    figures.push({
      name: `${label}: build, whole process`,
      target: target === undefined ? "—" : `≤ ${target.seconds} s`,
      measured: `${seconds(s.build.wallMs)}${cpu}`,
      pass: target === undefined ? null : s.build.wallMs <= target.seconds * 1000,
    });
    const mb = megabytes(s.build);
    figures.push({
      name: `${label}: peak memory`,
      target: target === undefined ? "—" : `≤ ${target.peakMB} MB`,
      measured: mb === null ? "unknown" : `${mb} MB`,
      pass: target !== undefined && mb !== null ? mb <= target.peakMB : null,
    });
    figures.push({
      name: `${label}: first page (index.html)`,
      target: "≤ 1 MiB",
      measured: kib(s.firstPage),
      pass: s.firstPage <= TARGET_PAGE_BYTES,
    });
    figures.push({
      name: `${label}: largest of ${s.pages.toLocaleString("en-US")} pages`,
      target: "≤ 1 MiB",
      measured: `${kib(s.largestPage.bytes)} (${s.largestPage.path})`,
      pass: s.largestPage.bytes <= TARGET_PAGE_BYTES,
    });
    for (const [what, ms] of [
      ["run page", s.runPageLoadMs],
      ["record page", s.recordPageLoadMs],
    ] as const) {
      figures.push({
        name: `${label}: ${what} loaded in Chromium`,
        target: "≤ 1 s",
        measured: ms === null ? "not measured (no Chromium)" : `${Math.round(ms)} ms`,
        pass: ms === null ? null : ms <= TARGET_LOAD_MS,
      });
    }
    const checkCpu = s.check.cpuMs === null ? "" : `, CPU ${seconds(s.check.cpuMs)}`;
    const checkCost = `${seconds(s.check.wallMs)}${checkCpu}, peak ${megabytes(s.check) ?? "unknown"} MB`;
    const checkS = target?.checkS;
    figures.push({
      name: `${label}: curi-report check`,
      target: checkS === undefined ? "passes" : `passes, ≤ ${checkS} s`,
      measured: s.checkPassed ? `passes (${checkCost})` : `fails (${checkCost}): ${s.checkOutput}`,
      pass: s.checkPassed && (checkS === undefined || s.check.wallMs <= checkS * 1000),
    });
  }
  return figures;
}

/** Median of a list (re-exported for callers that combine sweep figures). */
export { median };
