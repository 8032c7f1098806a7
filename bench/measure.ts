/**
 * Measuring a whole process the way a user meets it: wall time from spawn to exit, CPU time
 * (user + system, which other load on the machine inflates far less than wall time) and peak
 * resident memory. GNU time (`/usr/bin/time -v`) reports CPU and peak RSS exactly when it is
 * installed; otherwise peak RSS is polled from `/proc/<pid>/status` (VmHWM) and CPU is unknown.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";

/** One measured process run. */
export interface ProcessMeasure {
  /** Wall-clock milliseconds from spawn to exit. */
  readonly wallMs: number;
  /** User + system CPU milliseconds, or null when unknown. */
  readonly cpuMs: number | null;
  /** Peak resident set size in MiB, or null when unknown. */
  readonly peakMiB: number | null;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const GNU_TIME = "/usr/bin/time";

/** True when GNU time with `-v` is available (Debian's `time` package). */
export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

/** Environment of a measured process: the bench's own, with `extra` over it. */
type ExtraEnv = Readonly<Record<string, string>>;

/** Runs `command args` in `cwd` (with `env` over the bench's environment), measuring it; never rejects on a non-zero exit (the caller checks). */
export function measureProcess(
  command: string,
  args: readonly string[],
  cwd: string,
  env: ExtraEnv = {},
): Promise<ProcessMeasure> {
  return hasGnuTime() ? measureWithTime(command, args, cwd, env) : measureByPolling(command, args, cwd, env);
}

let reportCounter = 0;

/** Spawns under `/usr/bin/time -v -o <file>` (its report goes to a file, so stderr stays the tool's own). */
async function measureWithTime(
  command: string,
  args: readonly string[],
  cwd: string,
  env: ExtraEnv,
): Promise<ProcessMeasure> {
  const reportFile = path.join(tmpdir(), `curi-report-bench-time-${process.pid}-${++reportCounter}.txt`);
  try {
    const run = await spawnMeasured(GNU_TIME, ["-v", "-o", reportFile, command, ...args], cwd, env);
    const text = await readFile(reportFile, "utf8").catch(() => "");
    const field = (name: string): number | null => {
      const match = new RegExp(`${name}: ([0-9.]+)`).exec(text);
      return match ? Number(match[1]) : null;
    };
    const user = field("User time \\(seconds\\)");
    const system = field("System time \\(seconds\\)");
    const rssKiB = field("Maximum resident set size \\(kbytes\\)");
    return {
      ...run,
      cpuMs: user === null || system === null ? null : (user + system) * 1000,
      peakMiB: rssKiB === null ? null : rssKiB / 1024,
    };
  } finally {
    await rm(reportFile, { force: true });
  }
}

/** Spawns a process, collecting its output and wall time. */
function spawnMeasured(command: string, args: readonly string[], cwd: string, env: ExtraEnv): Promise<ProcessMeasure> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, [...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({
        wallMs: performance.now() - start,
        cpuMs: null,
        peakMiB: null,
        exitCode: code ?? -1,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}

/** Spawns the process directly and polls its VmHWM every few milliseconds. */
function measureByPolling(
  command: string,
  args: readonly string[],
  cwd: string,
  env: ExtraEnv,
): Promise<ProcessMeasure> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, [...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let peakKiB = 0;
    const poll = setInterval(() => {
      peakKiB = Math.max(peakKiB, readHwmKiB(child.pid));
    }, 5);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (error) => {
      clearInterval(poll);
      reject(error);
    });
    child.on("close", (code) => {
      clearInterval(poll);
      resolve({
        wallMs: performance.now() - start,
        cpuMs: null,
        peakMiB: peakKiB === 0 ? null : peakKiB / 1024,
        exitCode: code ?? -1,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}

/** VmHWM of a live process in KiB (0 when it already exited or /proc is missing). */
function readHwmKiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    // The process exited between polls: its last reading stands.
    return 0;
  }
}

/** The median of `values` (the middle one, or the lower middle for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

/**
 * Measures `times` runs (running `prepare` before each, untimed) and keeps the one with the median
 * wall time, so one disturbed run on a shared machine does not decide the figure.
 */
export async function medianRun(
  times: number,
  prepare: () => Promise<void>,
  run: () => Promise<ProcessMeasure>,
): Promise<ProcessMeasure> {
  const runs: ProcessMeasure[] = [];
  for (let i = 0; i < times; i++) {
    await prepare();
    const measured = await run();
    if (measured.exitCode !== 0)
      throw new Error(`benchmark process failed (exit ${measured.exitCode}):\n${measured.stderr || measured.stdout}`);
    runs.push(measured);
  }
  const wall = median(runs.map((r) => r.wallMs));
  return runs.find((r) => r.wallMs === wall) ?? (runs[0] as ProcessMeasure);
}

/**
 * Milliseconds from navigation start to the end of the load event (the page's own Navigation
 * Timing) of `file`, median of three loads, each in a fresh browser context (nothing cached).
 */
export async function pageLoadMs(browser: Browser, file: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    times.push(
      await page.evaluate(
        () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
      ),
    );
    await context.close();
  }
  return median(times);
}
