/**
 * Issue 12, point 17: Record methods do what the seed (curifactory's record module) says, checked
 * method by method for the slip of taking the manager's state where the record's own is meant.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ArtifactManager, JsonReportable, Record, stage } from "../../src/record/index.js";
import { stableOptions, tempRoot } from "./helpers.js";

async function aManager(): Promise<ArtifactManager> {
  return new ArtifactManager("exp", { ...stableOptions(await tempRoot()) });
}

const makeScores = stage({ name: "make_scores", outputs: ["scores"] }, () => ({ scores: [1, 2] }));
const combineScores = stage({ name: "combine_scores", outputs: ["combined"] }, () => ({ combined: 3 }));

describe("Record, against the seed", () => {
  it("report() outside a stage names the reportable after the record's own last stage (stages[-1])", async () => {
    const manager = await aManager();
    const base = await makeScores(new Record(manager, { name: "base" }));
    await combineScores(new Record(manager, { name: "other" }));
    const late = new JsonReportable({ ok: true });
    base.report(late);
    expect(late.stage).toBe("make_scores");
    expect(late.qualifiedName).toBe("base_make_scores_0");
  });

  it("report() inside a stage names it after that stage", async () => {
    const manager = await aManager();
    const reportable = new JsonReportable({ ok: true }, { name: "inside" });
    const reporting = stage({ name: "train", outputs: [] }, (record) => {
      record.report(reportable);
      return {};
    });
    await reporting(new Record(manager, { name: "a" }));
    expect(reportable.qualifiedName).toBe("a_train_inside");
  });

  it("getPath() outside a stage uses whatever stage the manager ran last, as the seed documents", async () => {
    const manager = await aManager();
    const base = await makeScores(new Record(manager, { name: "base" }));
    await combineScores(new Record(manager, { name: "other" }));
    expect(path.basename(base.getPath("x.json"))).toBe(`exp_${base.getHash() ?? ""}_combine_scores_x.json`);
  });

  it("makeCopy(null) keeps the record's args, as the seed's args=None does", async () => {
    const manager = await aManager();
    const source = new Record(manager, { name: "base", seed: 3 });
    const copy = source.makeCopy(null);
    expect(copy.args).toEqual({ name: "base", seed: 3 });
    expect(copy.getHash()).toBe(source.getHash());
    expect(copy.stages).toEqual([]);
    expect(copy.inputRecords).toEqual([source]);
  });
});
