import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";
import { SlowestFirstSequencer } from "./test/sequencer.js";
import { E2E_FILES } from "./test/tiers.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The end-to-end tier runs apart: `npm run test:e2e` (vitest.e2e.config.ts; see test/tiers.ts).
    exclude: [...configDefaults.exclude, ...E2E_FILES],
    globalSetup: ["test/globalSetup.ts"],
    // Generous on purpose: a test ends on events and states (no fixed waits, no time limits on
    // browser waits), so a limit only stops a hung test, and must never be what fails on a busy
    // or twice-as-slow machine (the slowest hostile case took 37 s in a clean-clone run beside a
    // CPU-heavy process; the kill and race tests set their own, longer limits).
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // expect.poll waits on a state too: its default limit (1 s) failed a Chromium test at load 6.8
    // in a clean-clone CI run, so polls wait as long as a test may.
    expect: { poll: { timeout: 300_000 } },
    pool: "forks",
    // Workers reuse their loaded modules from one test file to the next: module loading took ~30 s
    // of the suite's time (108 files, each in a fresh fork) and takes ~8 s this way (vitest's
    // "import" time; the suite took 162 s on a clean clone before, 145 s after, here). No test file
    // mocks modules, stubs globals or changes the environment or working folder, and each works
    // in its own temp folders, so none depends on a fresh module state.
    isolate: false,
    // One worker per core (vitest's default leaves one core idle: a single worker on 2 cores).
    // A third worker on 2 cores used to help while every file paid its own module loading; with
    // modules kept (isolate: false) the suite is CPU-bound and two are a little faster (140 s
    // against 144 s, one after the other on this machine) and contend less with Chromium.
    maxWorkers: availableParallelism(),
    // The slowest files start first (see test/sequencer.ts: a clean clone has no durations cached).
    sequence: { sequencer: SlowestFirstSequencer },
    // The JSON report is what .ci/run reads to print "N passed, M failed".
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" },
  },
});
