/**
 * How the benchmark shows its results: a table of figure / target / measured / pass on the
 * terminal, the phase timings per report size, the native-dot comparison, and the same as
 * Markdown for BENCHMARKS.md (between markers, so the hand-written notes around them stay).
 */
import { readFile, writeFile } from "node:fs/promises";
import type { Machine } from "./machine.js";
import type { DotComparison } from "./nativeDot.js";
import type { PhaseTimings } from "./phaseRun.js";

/** One line of the results table. */
export interface Figure {
  readonly name: string;
  /** The target, or `—` for a figure shown for reference. */
  readonly target: string;
  readonly measured: string;
  /** Whether the target holds; null when there is no target. */
  readonly pass: boolean | null;
}

/** Phase timings of one report size. */
export interface PhaseRow {
  readonly label: string;
  readonly timings: PhaseTimings;
}

/** Everything one bench run found. */
export interface BenchResults {
  readonly machine: Machine;
  readonly loadAtEnd: number;
  readonly quick: boolean;
  readonly figures: readonly Figure[];
  readonly phases: readonly PhaseRow[];
  readonly dot: readonly DotComparison[];
  readonly dotVersion: string | null;
  readonly elapsedS: number;
}

/** The phases in the order they happen. */
export const PHASE_ORDER = ["startup", "read", "incremental", "layout", "plots", "write", "index", "other"] as const;

/** `1.23 s` or `456 ms`. */
export function seconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** Each phase's milliseconds (startup and unaccounted time included), in PHASE_ORDER. */
export function phaseColumns(t: PhaseTimings): number[] {
  const named = Object.values(t.phases).reduce((a, b) => a + b, 0);
  const other = Math.max(0, t.total - t.startup - named);
  return PHASE_ORDER.map((p) => (p === "startup" ? t.startup : p === "other" ? other : (t.phases[p] ?? 0)));
}

/** Rows of cells as a padded plain-text table. */
function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** Rows of cells as a Markdown table. */
function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function passText(pass: boolean | null): string {
  return pass === null ? "" : pass ? "pass" : "FAIL";
}

/** The three tables (figures, phases, native dot) as header + rows. */
function tables(r: BenchResults): { title: string; header: string[]; rows: string[][] }[] {
  const out = [
    {
      title: "Figures (whole process: `node bin/curi-report.js`, median of the runs)",
      header: ["figure", "target", "measured", "pass"],
      rows: r.figures.map((f) => [f.name, f.target, f.measured, passText(f.pass)]),
    },
    {
      title: "Phases of one build (ms, in-process, same command; `startup` = loading the modules)",
      header: ["report", ...PHASE_ORDER, "total"],
      rows: r.phases.map((p) => [
        p.label,
        ...phaseColumns(p.timings).map((ms) => String(Math.round(ms))),
        String(Math.round(p.timings.total)),
      ]),
    },
  ];
  if (r.dot.length > 0) {
    out.push({
      title: `Graphviz native (${r.dotVersion ?? "dot"}) vs WebAssembly on the same .gv files`,
      header: [
        "graphs",
        "files",
        "native, a process per file",
        "native, one process",
        "WASM load",
        "WASM layout",
        "WASM (load+layout) / native one process",
      ],
      rows: r.dot.map((d) => [
        d.label,
        String(d.files),
        seconds(d.nativePerFileMs),
        seconds(d.nativeOneProcessMs),
        seconds(d.wasmLoadMs),
        seconds(d.wasmLayoutMs),
        `${((d.wasmLoadMs + d.wasmLayoutMs) / d.nativeOneProcessMs).toFixed(2)}×`,
      ]),
    });
  }
  return out;
}

/** The results for the terminal. */
export function formatText(r: BenchResults): string {
  const m = r.machine;
  const head = `curi-report bench${r.quick ? " (--quick: smaller sizes)" : ""} · ${m.date} · ${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB, ${m.cpu}, Node ${m.node} · load ${m.loadAtStart.toFixed(2)} → ${r.loadAtEnd.toFixed(2)}`;
  return [
    head,
    ...tables(r).map((t) => `\n${t.title}\n${textTable(t.header, t.rows)}`),
    `\nbench took ${r.elapsedS.toFixed(0)} s`,
  ].join("\n");
}

/** Start and end markers of the generated block in BENCHMARKS.md. */
export const MARKERS = {
  start: "<!-- bench:results:start (written by npm run bench; do not edit by hand) -->",
  end: "<!-- bench:results:end -->",
} as const;

/** The results as the Markdown block of BENCHMARKS.md. */
export function formatMarkdown(r: BenchResults): string {
  const m = r.machine;
  const machine = [
    `- Date: ${m.date} (UTC)`,
    `- Machine: ${m.cores} cores (nproc), ${m.memoryGiB.toFixed(1)} GiB memory, ${m.cpu}, ${m.os}`,
    `- Node ${m.node}; load average ${m.loadAtStart.toFixed(2)} at the start, ${r.loadAtEnd.toFixed(2)} at the end (other work on the machine slows every figure)`,
    `- Command: \`npm run bench\`${r.quick ? " -- --quick" : ""}; the bench took ${r.elapsedS.toFixed(0)} s`,
  ].join("\n");
  const body = tables(r).map((t) => `### ${t.title}\n\n${markdownTable(t.header, t.rows)}`);
  return [MARKERS.start, "", machine, "", ...body.flatMap((b) => [b, ""]), MARKERS.end].join("\n");
}

/** Replaces the generated block of `file` (or appends one), keeping everything around it. */
export async function writeBenchmarksFile(file: string, r: BenchResults): Promise<void> {
  const block = formatMarkdown(r);
  const current = await readFile(file, "utf8").catch(() => "# Benchmarks\n\n");
  const start = current.indexOf(MARKERS.start);
  const end = current.indexOf(MARKERS.end);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + block + current.slice(end + MARKERS.end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  await writeFile(file, next, "utf8");
}
