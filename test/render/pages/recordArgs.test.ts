/**
 * A record page shows the args set its record ran with. Two param sets can share a hash (curifactory
 * hashes only some fields), and the page used to show the first set of the hash: "Args set act-relu"
 * above JSON saying `"name": "100"` (issue 20, point 6).
 */
import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/render/report.js";
import type { Run } from "../../../src/run/model.js";
import { RunBuilder } from "../helpers/runs.js";
import { decodeEntities, fileText } from "./pageCheck.js";

/** Two records whose args sets `100` and `act-relu` share one hash. */
function sharedHashRun(): Run {
  const b = new RunBuilder();
  for (const name of ["100", "act-relu"]) b.stage(b.record(name), "train", { outputs: ["model"] });
  const built = b.build();
  const hash = "samehash";
  return {
    ...built,
    records: built.records.map((r) => ({ ...r, argsHash: hash })),
    args: [
      { name: "100", hash, values: { name: "100", hidden: 100 }, ignored: [], reprs: {} },
      { name: "act-relu", hash, values: { name: "act-relu", hidden: 100 }, ignored: [], reprs: {} },
    ],
  };
}

describe("record page: the args set of its own record", () => {
  it("shows the set named by the record's args, not the first set with the same hash", async () => {
    const report = await renderReport(sharedHashRun(), { version: "test" });
    const page = decodeEntities(fileText(report, "records/1.html"));
    expect(page).toContain("act-relu");
    expect(page).toContain('"name": "act-relu"');
    expect(page).not.toContain('"name": "100"');
    expect(decodeEntities(fileText(report, "records/0.html"))).toContain('"name": "100"');
  });
});
