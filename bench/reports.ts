/**
 * The report figures of the benchmark: one scale run of N records reported by the CLI as a whole
 * process (median of the runs, each into a fresh folder, so no incremental skip), the size of the
 * page that opens first and of the whole report, and the phase timings of the same build.
 */
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { progress, type Sizes } from "./common.js";
import { scaleRun } from "./generate.js";
import { measureProcess, median, medianRun, type ProcessMeasure } from "./measure.js";
import type { PhaseTimings } from "./phaseRun.js";
import { seconds, type Figure, type PhaseRow } from "./results.js";
import { runCli } from "./sites.js";
import { packageRoot } from "./snapshot.js";

/** What curifactory took for the same experiment (anatomy §8): report generation and the whole process. */
const CURIFACTORY: {
  readonly [n: number]: { readonly reportS: number; readonly processS: number; readonly pageKiB: number };
} = {
  10: { reportS: 0.72, processS: 1.46, pageKiB: 218 },
  200: { reportS: 10.5, processS: 15.49, pageKiB: 4344 },
};

/** Whole-process targets of issue 6, by N. */
const TARGET_S: { readonly [n: number]: number } = { 200: 1.0, 1000: 5 };
const TARGET_PEAK_MB = 500;
const TARGET_PAGE_KIB = 4344 / 2;

/** One report size, measured. */
export interface ReportMeasure {
  readonly n: number;
  readonly run: ProcessMeasure;
  /** The report folder of the last run (for the native dot comparison). */
  readonly reportDir: string;
  readonly firstPageKiB: number;
  readonly reportKiB: number;
  readonly files: number;
  readonly phases: PhaseTimings;
}

/** Measures every report size of `sizes`. */
export async function measureReports(sizes: Sizes, work: string): Promise<ReportMeasure[]> {
  const out: ReportMeasure[] = [];
  for (const n of sizes.reports) {
    progress(`generating the scale run with N=${n} records (cached after the first time)`);
    const run = await scaleRun(n);
    const outDir = path.join(work, `report-${n}`);
    progress(`reporting N=${n}: ${sizes.repeats} whole-process run${sizes.repeats === 1 ? "" : "s"}, then the phases`);
    const measured = await medianRun(
      sizes.repeats,
      () => rm(outDir, { recursive: true, force: true }),
      () => runCli([run, "--out", outDir, "--quiet"]),
    );
    const [folder] = (await readdir(outDir)).filter((f) => f.startsWith(`scale${n}_`));
    if (folder === undefined) throw new Error(`no report folder for N=${n} in ${outDir}`);
    const reportDir = path.join(outDir, folder);
    const { bytes, files } = await folderSize(reportDir);
    out.push({
      n,
      run: measured,
      reportDir,
      firstPageKiB: (await stat(path.join(reportDir, "index.html"))).size / 1024,
      reportKiB: bytes / 1024,
      files,
      phases: await phases(run, work, n, sizes.repeats),
    });
  }
  return out;
}

/** Phase timings of `repeats` builds in a child process; the build with the median total is kept. */
async function phases(run: string, work: string, n: number, repeats: number): Promise<PhaseTimings> {
  const all: PhaseTimings[] = [];
  for (let i = 0; i < repeats; i++) {
    const outDir = path.join(work, `phases-${n}`);
    await rm(outDir, { recursive: true, force: true });
    const child = await measureProcess(
      process.execPath,
      [path.join(packageRoot(), "dist/bench/phaseRun.js"), run, outDir],
      packageRoot(),
    );
    if (child.exitCode !== 0) throw new Error(`phase run failed for N=${n}:\n${child.stderr}`);
    all.push(JSON.parse(child.stdout) as PhaseTimings);
  }
  const total = median(all.map((t) => t.total));
  return all.find((t) => t.total === total) ?? (all[0] as PhaseTimings);
}

/** Bytes and files under `dir`. */
async function folderSize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
    files++;
  }
  return { bytes, files };
}

/** `0.84 s (CPU 1.02 s, peak 131 MiB)`. */
function processText(m: ProcessMeasure): string {
  const cpu = m.cpuMs === null ? "" : `CPU ${seconds(m.cpuMs)}, `;
  const peak = m.peakMiB === null ? "peak unknown" : `peak ${Math.round(m.peakMiB)} MiB`;
  return `${seconds(m.wallMs)} (${cpu}${peak})`;
}

/** The report figures, each beside its target (or curifactory's figure, for reference). */
export function reportFigures(reports: readonly ReportMeasure[], quick: boolean): Figure[] {
  const figures: Figure[] = [];
  for (const r of reports) {
    const target = TARGET_S[r.n];
    const cf = CURIFACTORY[r.n];
    const reference = cf === undefined ? "—" : `— (curifactory: report ${cf.reportS} s, process ${cf.processS} s)`;
    figures.push({
      name: `report of N=${r.n} records (${r.n + 1} records, ${2 * r.n} reportables), whole process`,
      target: target === undefined ? reference : `≤ ${target} s`,
      measured: processText(r.run),
      pass: target === undefined ? null : r.run.wallMs <= target * 1000,
    });
    if (r.n === 1000) {
      const mb = r.run.peakMiB === null ? null : (r.run.peakMiB * 1024 * 1024) / 1e6;
      figures.push({
        name: "peak memory of the N=1000 report",
        target: `≤ ${TARGET_PEAK_MB} MB`,
        measured: mb === null ? "unknown" : `${Math.round(mb)} MB`,
        pass: mb === null ? null : mb <= TARGET_PEAK_MB,
      });
    }
    const pageTarget =
      r.n === 200
        ? `≤ ${Math.round(TARGET_PAGE_KIB)} KiB (half of curifactory's ${cf?.pageKiB ?? 4344} KiB)`
        : cf === undefined
          ? "—"
          : `— (curifactory: ${cf.pageKiB} KiB)`;
    figures.push({
      name: `page that opens first (index.html) at N=${r.n}`,
      target: pageTarget,
      measured: `${Math.round(r.firstPageKiB)} KiB (whole report: ${Math.round(r.reportKiB)} KiB in ${r.files} files)`,
      pass: r.n === 200 ? r.firstPageKiB <= TARGET_PAGE_KIB : null,
    });
  }
  const small = reports.find((r) => r.n === 10);
  const big = reports.find((r) => r.n === 200);
  if (small !== undefined && big !== undefined) {
    figures.push({
      name: "growth of the first page per record (N=10 → 200)",
      target: "— (curifactory: 21 KiB a record)",
      measured: `${((big.firstPageKiB - small.firstPageKiB) / 190).toFixed(1)} KiB a record`,
      pass: null,
    });
  }
  if (quick) return figures.map((f) => (f.name.includes("N=1000") ? { ...f, pass: null } : f));
  return figures;
}

/** One phase row per report size. */
export function phaseRows(reports: readonly ReportMeasure[]): PhaseRow[] {
  return reports.map((r) => ({ label: `N=${r.n}`, timings: r.phases }));
}
