/**
 * The machine a benchmark ran on, as BENCHMARKS.md records it: cores, memory, CPU model, Node,
 * load (other work on a shared machine slows every figure), and the date.
 */
import { readFileSync } from "node:fs";
import os from "node:os";

/** What the bench reports about the machine. */
export interface Machine {
  readonly cores: number;
  readonly memoryGiB: number;
  readonly cpu: string;
  readonly node: string;
  readonly os: string;
  /** 1-minute load average when the bench started. */
  readonly loadAtStart: number;
  /** ISO date and time, UTC. */
  readonly date: string;
}

/** The CPU model from /proc/cpuinfo (or Node's view of it). */
function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match?.[1] !== undefined) return match[1].trim();
  } catch {
    // No /proc (not Linux): fall back to what Node reports.
    return os.cpus()[0]?.model ?? "unknown";
  }
  return os.cpus()[0]?.model ?? "unknown";
}

/** Describes this machine now. */
export function describeMachine(): Machine {
  return {
    cores: os.availableParallelism(),
    memoryGiB: os.totalmem() / 1024 ** 3,
    cpu: cpuModel(),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAtStart: os.loadavg()[0] ?? 0,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
}

/** The 1-minute load average now. */
export function loadNow(): number {
  return os.loadavg()[0] ?? 0;
}
