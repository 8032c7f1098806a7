/**
 * Optional timing of the build's phases (read, layout, plots, templates, write, index), for the
 * benchmark (`npm run bench`) and `--debug`-style diagnostics. Off by default: with no sink
 * installed, `timed` just calls its function. Times are exclusive: a phase nested in another
 * (layout inside templates) is taken out of the outer one, so the phases add up to the whole.
 * The build runs its phases one after another, so one stack of open phases is enough.
 */

/** The phases a build reports. */
export type PhaseName = "read" | "layout" | "plots" | "templates" | "write" | "index" | "incremental";

/** Receives each finished stretch of a phase, in milliseconds. */
export type PhaseSink = (phase: PhaseName, ms: number) => void;

interface OpenPhase {
  readonly name: PhaseName;
  /** When the phase last started or resumed (a nested phase pauses it). */
  resumedAt: number;
  /** Exclusive time so far. */
  spent: number;
}

let sink: PhaseSink | null = null;
const open: OpenPhase[] = [];

/** Runs `fn` with `onPhase` receiving phase times (none when undefined); restores the previous sink after. */
export async function withPhaseSink<T>(onPhase: PhaseSink | undefined, fn: () => Promise<T>): Promise<T> {
  if (onPhase === undefined) return fn();
  const previous = sink;
  sink = onPhase;
  try {
    return await fn();
  } finally {
    sink = previous;
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
