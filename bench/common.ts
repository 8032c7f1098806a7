/** What every part of the benchmark shares: the sizes of a run, and progress messages. */

/** The sizes a bench run uses. */
export interface Sizes {
  readonly reports: readonly number[];
  readonly indexRuns: number;
  readonly siteRuns: number;
  /** Whole-process runs per figure (the median is kept). */
  readonly repeats: number;
  /** Report sizes whose graphs go through native dot and WebAssembly. */
  readonly dot: readonly number[];
}

/** Progress on stderr, so stdout holds only the results. */
export function progress(message: string): void {
  process.stderr.write(`· ${message}\n`);
}
