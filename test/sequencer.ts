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
 * Files known to take longest, slowest first: seconds in the clean-clone CI run of 47e9663 (2 cores,
 * static checks beside the tests). The Action tests used to start at 142 s and 218 s (outside this
 * list, so in vitest's order) and the Python one ran alone for its last 40 s. Keep the order when a
 * file's time changes by less than the next one's.
 */
const SLOWEST_FIRST = [
  "test/hostile/cases.0.test.ts", // 50 s
  "test/action/actionPython.test.ts", // 46 s: five curifactory runs and six Action runs, one test
  "test/hostile/cases.1.test.ts", // 33 s
  "test/action/action.test.ts", // 30 s
  "test/python/curifactory.test.ts", // 29 s: real curifactory runs in Python
  "test/hostile/kill.test.ts", // 26 s: builds killed as processes
  "test/render/mermaid.test.ts", // 11 s
  "test/site/singleFile.test.ts", // 10 s
  "test/site/check.test.ts", // 9 s
  "test/site/compareApp.test.ts", // 9 s
  "test/browser/fixtures.test.ts", // 9 s
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
