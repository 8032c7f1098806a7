/**
 * Runs whose size is the attack: args sets with 100,000 keys each, all differing. The report must
 * show them shortened, say their full size, and keep the page under its size limit.
 */
import { reportCase, type HostileCase } from "./case.js";

/** Every resource case. */
export function resourceCases(): HostileCase[] {
  return [
    reportCase(
      "huge-args-sets",
      {
        description:
          "two args sets of 100,000 keys each, every key differing: the diff table and each set's values are shown shortened with their full size, the page stays small",
        texts: ["Showing the first 50 of 100,000 keys that differ", "more characters]"],
        max_page_bytes: 1_048_576,
        bug: "the args diff table had a column for every differing key (100,000 of them), making a page of tens of megabytes; fixed in src/render/views/args.ts (MAX_DIFF_KEYS, MAX_DIFF_ROWS, a shared budget for the sets' JSON)",
        setup: {
          expand: [
            { pointer: "/args/0/values", keys: 100_000 },
            { pointer: "/args/1/values", keys: 100_000 },
          ],
        },
      },
      (run) => {
        run.args = [
          { name: "base", hash: "9f1c2e", values: { seed: 1, name: "base" } },
          { name: "other", hash: "0a1b2c", values: { seed: 2, name: "other" } },
        ];
        run.run_info.params = {
          params: [
            ["base", "9f1c2e"],
            ["other", "0a1b2c"],
          ],
        };
      },
    ),
  ];
}
