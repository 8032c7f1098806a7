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
 * Files known to take longest, slowest first: seconds in two clean-clone runs of this branch on
 * 2 cores (load 12–54, and load ~10 with `yes` on one core beside it). Keep the order when a
 * file's time changes by less than the next one's.
 */
const SLOWEST_FIRST = [
  "test/hostile/kill.test.ts", // 65 s, 109 s: builds killed as processes
  "test/hostile/cases.0.test.ts", // 66 s, 68 s
  "test/hostile/cases.1.test.ts", // 53 s, 99 s
  "test/python/curifactory.test.ts", // 39 s, 65 s: real curifactory runs in Python
  "test/hostile/concurrent.test.ts", // 54 s, 58 s
  "test/site/singleFile.test.ts", // 49 s, 57 s
  "test/render/pages/browser.test.ts", // 23 s, 27 s
  "test/render/mermaid.test.ts", // 23 s
  "test/cli/build.test.ts", // 20 s
  "test/e2e/results.test.ts", // 17 s
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
