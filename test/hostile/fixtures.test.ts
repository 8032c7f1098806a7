/**
 * The committed hostile fixtures are exactly what the generator writes, so a case edited in
 * scripts/hostile/ cannot silently differ from the files the other tests read.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeHostileFixtures } from "../../scripts/make-hostile-fixtures.js";
import { HOSTILE_DIR, tempDir, treeSnapshot } from "./helpers/cases.js";

describe("fixtures/hostile", () => {
  it("matches the generator's output byte for byte (regenerate: npm run make-hostile-fixtures)", async () => {
    const fresh = path.join(await tempDir(), "hostile");
    const names = await makeHostileFixtures(fresh);
    expect(names.length).toBeGreaterThanOrEqual(30);
    expect(await treeSnapshot(HOSTILE_DIR)).toEqual(await treeSnapshot(fresh));
  });
});
