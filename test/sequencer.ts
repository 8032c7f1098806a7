/**
 * Test file order: the slowest files first, so the workers never end with one long file running
 * alone. vitest orders by last run's durations when its cache has them, but a clean clone (CI) has
 * none and falls back to "largest file first", which put the two hostile-case shards (tiny files,
 * ~50 s each) last: the suite took ~158 s where ~110 s of work fits. These files lead, in this
 * order, whatever the cache holds; the rest keep vitest's own order (on a clean clone, largest
 * first, which puts the many small files last, where they fill both workers to the end).
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files known to take longest, slowest first: seconds of a clean-clone run on main (2 cores, load
 * ~9), the hostile ones as they were before their browser work became parsed checks (each shard
 * then took a fifth of the suite's 724 s of test time; now about half as much CPU). Keep the
 * order when a file's time changes by less than the next one's.
 */
const SLOWEST_FIRST = [
  "test/python/curifactory.test.ts", // 64 s: real curifactory runs in Python
  "test/hostile/cases.0.test.ts", // 174 s before
  "test/hostile/cases.1.test.ts", // 173 s before
  "test/hostile/kill.test.ts", // 58 s before
  "test/site/singleFile.test.ts", // 32 s
  "test/render/pages/browser.test.ts", // 21 s
  "test/hostile/concurrent.test.ts", // 18 s
  "test/site/sweepBrowser.test.ts", // 14 s
  "test/e2e/results.test.ts", // 13 s
  "test/site/compareApp.test.ts", // 11 s
];

/** vitest's sequencer with SLOWEST_FIRST in front. */
export class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification): number => {
      const at = SLOWEST_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return at === -1 ? SLOWEST_FIRST.length : at;
    };
    // Array.prototype.sort is stable: files outside the list keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
