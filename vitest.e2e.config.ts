import { configDefaults, defineConfig } from "vitest/config";
import base from "./vitest.config.js";
import { E2E_FILES } from "./test/tiers.js";

// The end-to-end tier (test/tiers.ts): the gate's setup with only its files (replaced, not merged:
// vitest's mergeConfig would concatenate the include and exclude lists), and its own JSON report
// for .ci/run's count.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [...E2E_FILES],
    exclude: [...configDefaults.exclude],
    outputFile: { json: ".vitest-e2e-results.json" },
  },
});
