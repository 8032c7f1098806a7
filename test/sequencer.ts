/**
 * Test file order: the slowest files first, so the workers never end with one long file running
 * alone. vitest orders by last run's durations when its cache has them, but a clean clone (CI) has
 * none and falls back to "largest file first", which put the two hostile-case shards (tiny files,
 * ~50 s each) last: the suite took ~158 s where ~110 s of work fits. These files lead, in this
 * order, whatever the cache holds; the rest keep vitest's own order.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Files known to take longest (seconds measured on a clean clone, 2 cores, three workers). */
const SLOWEST_FIRST = [
  "test/hostile/cases.0.test.ts", // ~54 s
  "test/hostile/cases.1.test.ts", // ~52 s
  "test/hostile/kill.test.ts", // ~40 s
  "test/hostile/concurrent.test.ts", // ~17 s
  "test/site/singleFile.test.ts", // ~16 s
  "test/python/curifactory.test.ts", // ~15 s
  "test/render/pages/browser.test.ts", // ~11 s
  "test/cli/build.test.ts", // ~7 s
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
