import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/globalSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // The JSON report is what .ci/run reads to print "N passed, M failed".
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" },
  },
});
