/**
 * The two tiers of the test suite. `npm run check` (the gate: static checks, every other test file,
 * pytest) must stay under 3 minutes on a 2-core machine. The files below cost the most for what
 * they add to a change's feedback, and run as `npm run test:e2e`, which CI (`.ci/run`) runs after
 * the gate and counts in its final line:
 * - whole worlds run one step after another: the GitHub Action in bash against a git remote, real
 *   curifactory projects in Python, builds killed or raced as processes;
 * - scale and whole-process runs: a 1,000-record sweep as one file, builds from cold, warm and
 *   damaged cache folders in separate processes, the fixture generator and the iris example run as
 *   scripts (test/record/fixtures);
 * - the hostile suite's own harness, proven in Chromium to see every payload it looks for
 *   (test/hostile/harness; the gate's hostile cases use it);
 * - a third-party renderer: Mermaid's own code, in Chromium, drawing what GitHub would draw;
 * - the pages' behaviour in Chromium: scripts driven by mouse and keyboard (brushing, the results
 *   and compare apps, sweep pages), phone and frame layouts, every fixture report opened, and the
 *   issues' scenarios run from the record API through the CLI into Chromium (test/e2e/results,
 *   unseen). The gate keeps the browser visits of the hostile cases, the report page, the site and
 *   the single file, and the verdict scenario without a browser (test/e2e/verdicts).
 * A new test file joins this list only when it is one of these.
 */
export const E2E_FILES = [
  "test/action/action.test.ts",
  "test/action/actionPython.test.ts",
  "test/python/curifactory.test.ts",
  "test/python/examples.test.ts",
  "test/python/sweep.test.ts",
  "test/hostile/kill.test.ts",
  "test/hostile/concurrent.test.ts",
  "test/site/singleFileBound.test.ts",
  "test/render/renderCaches.test.ts",
  "test/cli/startup.test.ts",
  "test/render/mermaid.test.ts",
  "test/render/analysis/brushing.test.ts",
  "test/e2e/resultsBrowser.test.ts",
  "test/site/compareApp.test.ts",
  "test/site/sweepBrowser.test.ts",
  "test/render/pages/phone.test.ts",
  "test/render/reportables/htmlFrame.test.ts",
  "test/browser/fixtures.test.ts",
  "test/e2e/results.test.ts",
  "test/e2e/unseen.test.ts",
  "test/record/fixtures.test.ts",
  "test/hostile/harness.test.ts",
] as const;
