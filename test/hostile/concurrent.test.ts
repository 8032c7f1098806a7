/**
 * Two real builds writing the same site at the same moment: both finish without error, every
 * report folder ends whole (one build's version or the other's, never a mix), the index agrees
 * with the folders it lists, nothing is left behind, and a later incremental build is not fooled
 * by what the race recorded. Start offsets come from a seeded generator (HOSTILE_RACE_SEED), one
 * in each quarter of a 30 ms window: six offsets drawn from the whole window (seed 4242) came out
 * 16, 8, 28, 15, 20 and 9 ms, two pairs a millisecond apart, below the jitter of starting a node
 * process, so two of those six rounds (three builds each) raced as their twins did.
 */
import { cp, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "./helpers/cases.js";
import {
  indexLineOf,
  leftovers,
  makeRuns,
  reportSnapshots,
  seededRandom,
  setVariant,
  startBuild,
} from "./helpers/sites.js";

const SEED = Number(process.env.HOSTILE_RACE_SEED ?? 4242);
const ROUNDS = 4;
/** The window B starts in after A, in ms: two processes starting within it overlap for their whole build. */
const WINDOW_MS = 30;

let root: string;
const runsOf = new Map<string, string>();
const snapshots = new Map<string, Map<string, Record<string, string>>>();

beforeAll(async () => {
  root = await tempDir("curi-hostile-race-");
  // The two builds read two copies of the runs that differ only in their notes. Five runs each:
  // two processes starting within 30 ms of each other overlap for their whole build.
  await makeRuns(path.join(root, "runs-A"), 1);
  await mkdir(path.join(root, "runs-B"));
  await cp(path.join(root, "runs-A"), path.join(root, "runs-B"), { recursive: true });
  for (const variant of ["A", "B"]) {
    const runs = path.join(root, `runs-${variant}`);
    await setVariant(runs, variant);
    runsOf.set(variant, runs);
    const scratch = path.join(root, `snapshot-${variant}`);
    // The reference builds run the racing builds' own CLI (bin/, which runs the bundled CLI when it
    // is built), so their report markers carry the same build key: a build key is a digest of the
    // running code, and the bundle's differs from dist/'s modules'.
    const result = await startBuild([runs, "--out", scratch, "--quiet"], root).exit;
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    snapshots.set(variant, await reportSnapshots(scratch));
  }
}, 300_000);

/** The variant a report folder is, whole, or "neither". */
function variantOf(folder: string, snapshot: Record<string, string>): string {
  for (const [variant, folders] of snapshots)
    if (JSON.stringify(folders.get(folder)) === JSON.stringify(snapshot)) return variant;
  return "neither";
}

describe("two builds into the same site at once", () => {
  it(`both finish, and leave every report whole and the index in agreement (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    for (let round = 0; round < ROUNDS; round++) {
      const out = path.join(root, `site-${round}`);
      // Round r starts B in the r-th quarter of the window, somewhere in it.
      const offset = Math.round(((round + random()) * WINDOW_MS) / ROUNDS);
      const a = startBuild([runsOf.get("A") ?? "", "--out", out, "--quiet"], root);
      await new Promise((resolve) => setTimeout(resolve, offset));
      const b = startBuild([runsOf.get("B") ?? "", "--out", out, "--quiet"], root);
      const [ra, rb] = await Promise.all([a.exit, b.exit]);
      const context = `round ${round} (seed ${SEED}, B started ${offset} ms after A)`;
      expect({ a: ra.code, b: rb.code, stderr: ra.stderr + rb.stderr }, context).toEqual({ a: 0, b: 0, stderr: "" });

      const reports = await reportSnapshots(out);
      expect([...reports.keys()].sort(), context).toEqual([...(snapshots.get("A")?.keys() ?? [])].sort());
      const index = await readFile(path.join(out, "index.html"), "utf8");
      expect(index.endsWith("</html>\n"), context).toBe(true);
      for (const [folder, snapshot] of reports) {
        const variant = variantOf(folder, snapshot);
        expect(variant, `${context}: ${folder} is a mix of both builds`).not.toBe("neither");
        // The index line of this report shows the notes of the version that is really there.
        const line = indexLineOf(index, folder);
        expect(line, `${context}: the index has no line for ${folder}`).not.toBe("");
        expect(line, `${context}: the index shows another version of ${folder} than the folder holds`).toContain(
          `variant ${variant}`,
        );
      }
      expect(await leftovers(out), context).toEqual([]);

      // An incremental build of A afterwards must bring every report to A: the race must not
      // have recorded a folder as up to date with A while it holds B. On the racing builds' CLI:
      // a build of other code would trust nothing the race recorded and rebuild every report.
      const again = await startBuild([runsOf.get("A") ?? "", "--out", out, "--quiet"], root).exit;
      expect(again.code, context).toBe(0);
      const after = await reportSnapshots(out);
      for (const [folder, snapshot] of after)
        expect(variantOf(folder, snapshot), `${context}: ${folder} after an incremental build of A`).toBe("A");
    }
  }, 600_000);
});
