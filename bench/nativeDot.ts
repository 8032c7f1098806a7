/**
 * Graphviz native (`dot`, Debian's package) against Graphviz in WebAssembly on the same `.gv`
 * files of a report, in the same bench run: native as curifactory ran it (one `dot -Tsvg`
 * process per graph), native in one process for all graphs, and WebAssembly in one process
 * (module load counted apart). Skipped when `dot` is not installed.
 */
import { spawnSync } from "node:child_process";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { measureProcess, median } from "./measure.js";

/** Timings of one set of graphs, in milliseconds. */
export interface DotComparison {
  /** What was laid out, e.g. `N=200: 201 record graphs`. */
  readonly label: string;
  readonly files: number;
  /** One `dot -Tsvg` process per file, summed (curifactory's way). */
  readonly nativePerFileMs: number;
  /** One `dot -Tsvg` process for all files. */
  readonly nativeOneProcessMs: number;
  /** WebAssembly: module load, then every layout in one instance. */
  readonly wasmLoadMs: number;
  readonly wasmLayoutMs: number;
}

/** The `dot` version line, or null when `dot` is not installed. */
export function nativeDotVersion(): string | null {
  const result = spawnSync("dot", ["-V"], { encoding: "utf8" });
  if (result.error !== undefined || result.status !== 0) return null;
  return (result.stderr || result.stdout).trim();
}

/** The record graphs and the full map of a built report folder. */
export async function reportGraphs(reportDir: string): Promise<{ full: string; records: string[] }> {
  const dir = path.join(reportDir, "graphs");
  const records = (await readdir(dir))
    .filter((f) => /^record_\d+\.gv$/.test(f))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
  return { full: path.join(dir, "full.gv"), records: records.map((f) => path.join(dir, f)) };
}

/** Compares native and WebAssembly layout on `files` (median of `repeats` for the one-process timings). */
export async function compareDot(
  label: string,
  files: readonly string[],
  benchDir: string,
  repeats: number,
): Promise<DotComparison> {
  let perFile = 0;
  for (const file of files) {
    const one = await measureProcess("dot", ["-Tsvg", "-o", "/dev/null", file], benchDir);
    if (one.exitCode !== 0) throw new Error(`dot failed on ${file}: ${one.stderr}`);
    perFile += one.wallMs;
  }
  const oneProcess: number[] = [];
  const wasm: { loadMs: number; layoutMs: number }[] = [];
  for (let i = 0; i < repeats; i++) {
    const native = await measureProcess("dot", ["-Tsvg", "-o", "/dev/null", ...files], benchDir);
    if (native.exitCode !== 0) throw new Error(`dot failed: ${native.stderr}`);
    oneProcess.push(native.wallMs);
    const run = await measureProcess(process.execPath, [path.join(benchDir, "wasmLayout.js"), ...files], benchDir);
    if (run.exitCode !== 0) throw new Error(`WebAssembly layout failed: ${run.stderr}`);
    wasm.push(JSON.parse(run.stdout) as { loadMs: number; layoutMs: number });
  }
  return {
    label,
    files: files.length,
    nativePerFileMs: perFile,
    nativeOneProcessMs: median(oneProcess),
    wasmLoadMs: median(wasm.map((w) => w.loadMs)),
    wasmLayoutMs: median(wasm.map((w) => w.layoutMs)),
  };
}
