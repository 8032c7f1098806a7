/**
 * Optional timing of the build's phases (read, layout, plots, write, index, incremental), for the
 * benchmark (`npm run bench`) and `--debug`-style diagnostics, and the named points at which the
 * kill tests stop a build (test/hostile/kill.test.ts). Off by default: with no sink installed,
 * `timed` just calls its function. Times are exclusive: a phase nested in another (plots, drawn
 * while pages are written) is taken out of the outer one, so the phases add up to the whole. The build runs its
 * phases one after another, so one stack of open phases is enough.
 */

/** The phases a build reports. */
export type PhaseName = "read" | "layout" | "plots" | "write" | "index" | "incremental";

/** Receives each finished stretch of a phase, in milliseconds. */
export type PhaseSink = (phase: PhaseName, ms: number) => void;

/** Is told when a phase starts, before any of its work. */
export type PhaseStartSink = (phase: PhaseName) => void;

interface OpenPhase {
  readonly name: PhaseName;
  /** When the phase last started or resumed (a nested phase pauses it). */
  resumedAt: number;
  /** Exclusive time so far. */
  spent: number;
}

let sink: PhaseSink | null = null;
let startSink: PhaseStartSink | null = null;
const open: OpenPhase[] = [];

/**
 * Runs `fn` with `onPhase` receiving phase times and `onStart` each phase's start (none when
 * both are undefined); restores the previous sinks after.
 */
export async function withPhaseSink<T>(
  onPhase: PhaseSink | undefined,
  fn: () => Promise<T>,
  onStart?: PhaseStartSink,
): Promise<T> {
  if (onPhase === undefined && onStart === undefined) return fn();
  const previous = [sink, startSink] as const;
  sink = onPhase ?? (() => undefined);
  startSink = onStart ?? null;
  try {
    return await fn();
  } finally {
    [sink, startSink] = previous;
  }
}

/** Times `fn` as `name` (exclusive of phases nested in it) when a sink is installed. */
export function timed<T>(name: PhaseName, fn: () => T): T {
  if (sink === null) return fn();
  enter(name);
  try {
    return fn();
  } finally {
    leave();
  }
}

/** `timed` for an async function; the build awaits its phases one at a time, so nesting stays exact. */
export async function timedAsync<T>(name: PhaseName, fn: () => Promise<T>): Promise<T> {
  if (sink === null) return fn();
  enter(name);
  try {
    return await fn();
  } finally {
    leave();
  }
}

function enter(name: PhaseName): void {
  startSink?.(name);
  const now = performance.now();
  const parent = open.at(-1);
  if (parent !== undefined) parent.spent += now - parent.resumedAt;
  open.push({ name, resumedAt: now, spent: 0 });
}

function leave(): void {
  const now = performance.now();
  const phase = open.pop();
  if (phase === undefined) return;
  phase.spent += now - phase.resumedAt;
  sink?.(phase.name, phase.spent);
  const parent = open.at(-1);
  if (parent !== undefined) parent.resumedAt = now;
}
