/**
 * The sweep analysis's figures for `npm run bench` (issue 19), at 1,000 and 10,000 records: the
 * analysis's CPU time (model, the run page's section, analysis.html's view with every chart, and
 * analysis.json) beside the build of a sweep of the same size (target: it adds ≤ 20%), the bytes of
 * analysis.html and of the run page that carries the section (≤ 1 MiB each), and their load time
 * in Chromium (≤ 1 s). The pages are the real ones, rendered from the report's stream of files.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { buildAnalysisSummaryView } from "../src/render/analysis/views.js";
import { RunContext } from "../src/render/context.js";
import { streamReport } from "../src/render/report.js";
import { REPORT_PATHS } from "../src/render/router.js";
import { ASSETS_DIR } from "../src/render/templates.js";
import { analysisSweep, measureAnalysis } from "./analysisBench.js";
import { progress } from "./common.js";
import { pageLoadMs } from "./measure.js";
import type { Figure } from "./results.js";
import type { SweepMeasure } from "./sweeps.js";

/** Sizes of the analysis figures. */
export const ANALYSIS_SIZES = [1000, 10_000] as const;
const TARGET_SHARE = 0.2;
const TARGET_PAGE_BYTES = 1024 * 1024;
const TARGET_LOAD_MS = 1000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The run page and analysis.html of an `n`-record sweep, written under `dir` with the assets they load. */
async function writePages(n: number, dir: string): Promise<Map<string, number>> {
  const stream = await streamReport(new RunContext(analysisSweep(n)), { version: "bench" });
  const wanted = new Set<string>([REPORT_PATHS.page, REPORT_PATHS.analysis]);
  const sizes = new Map<string, number>();
  for (const output of stream.outputs()) {
    if (!("content" in output) || !wanted.has(output.path)) continue;
    await writeFile(path.join(dir, output.path), output.content);
    sizes.set(output.path, Buffer.byteLength(output.content));
    if (sizes.size === wanted.size) break;
  }
  for (const asset of ["style.css", "report.js"]) await copyFile(path.join(ASSETS_DIR, asset), path.join(dir, asset));
  return sizes;
}

/** The figures of one size; `build` is the sweep build of the same size when the bench measured it. */
async function sizeFigures(n: number, work: string, browser: Browser | null, build?: SweepMeasure): Promise<Figure[]> {
  const label = `analysis N=${n.toLocaleString("en-US")}`;
  progress(`${label}: analysing and rendering`);
  const f = measureAnalysis(n);
  // The run page's section is drawn as well as the full page's view.
  const summaryCpu = (() => {
    const a = new RunContext(analysisSweep(n)).analysis;
    const start = process.cpuUsage();
    if (a !== null) buildAnalysisSummaryView(a, (i) => ({ href: `records/${i}.html`, label: String(i) }));
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  })();
  const cpuMs = f.analyseCpuMs + f.viewCpuMs + summaryCpu + f.jsonMs;
  const buildCpu = build?.build.cpuMs ?? null;
  const figures: Figure[] = [
    {
      name: `${label}: analysis CPU (model, section, full page, JSON)`,
      target: buildCpu === null ? "—" : `≤ 20% of the N=${n} sweep build`,
      measured:
        buildCpu === null
          ? `${Math.round(cpuMs)} ms`
          : `${Math.round(cpuMs)} ms, ${((100 * cpuMs) / buildCpu).toFixed(1)}% of ${Math.round(buildCpu)} ms`,
      pass: buildCpu === null ? null : cpuMs <= TARGET_SHARE * buildCpu,
    },
  ];
  const dir = await mkdtemp(path.join(work, `analysis-${n}-`));
  await mkdir(dir, { recursive: true });
  const sizes = await writePages(n, dir);
  for (const [page, bytes] of sizes) {
    figures.push({
      name: `${label}: ${page} size`,
      target: "≤ 1 MiB",
      measured: `${Math.round(bytes / 1024)} KiB`,
      pass: bytes <= TARGET_PAGE_BYTES,
    });
    const ms = browser === null ? null : await pageLoadMs(browser, path.join(dir, page));
    figures.push({
      name: `${label}: ${page} loaded in Chromium`,
      target: "≤ 1 s",
      measured: ms === null ? "not measured (no Chromium)" : `${Math.round(ms)} ms`,
      pass: ms === null ? null : ms <= TARGET_LOAD_MS,
    });
  }
  await rm(dir, { recursive: true, force: true });
  return figures;
}

/** The analysis figures at ANALYSIS_SIZES, beside the sweep builds the bench measured (if any). */
export async function analysisFigures(work: string, sweeps: readonly SweepMeasure[]): Promise<Figure[]> {
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
  } catch (error) {
    progress(`Chromium could not start (${String(error)}): analysis load times are left out`);
  }
  try {
    const figures: Figure[] = [];
    for (const n of ANALYSIS_SIZES)
      figures.push(
        ...(await sizeFigures(
          n,
          work,
          browser,
          sweeps.find((s) => s.n === n),
        )),
      );
    return figures;
  } finally {
    await browser?.close();
  }
}
