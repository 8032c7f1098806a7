/**
 * Builds killed at random moments (SIGKILL: no cleanup runs) must leave what was published whole:
 * every report folder is entirely the previous version or entirely the new one, the index and
 * latest.json are complete, and the next build clears whatever the killed one left behind.
 * The moments come from a seeded generator (set HOSTILE_KILL_SEED to replay a failure).
 */
import { cp, mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "./helpers/cases.js";
import { leftovers, makeRuns, reportSnapshots, seededRandom, setVariant, startBuild } from "./helpers/sites.js";

const SEED = Number(process.env.HOSTILE_KILL_SEED ?? 20261127);
const ITERATIONS = 12;

let root: string;
let runs: string;
let references: string[];
/** The report folders of a complete build of each variant. */
const snapshots = new Map<string, Map<string, Record<string, string>>>();

/** Builds `variant` of the runs into `out` to completion; returns how long it took. */
async function fullBuild(variant: string, out: string): Promise<number> {
  await setVariant(runs, variant);
  const started = performance.now();
  const { exit } = startBuild([runs, "--out", out, "--quiet"], root);
  const result = await exit;
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
  return performance.now() - started;
}

beforeAll(async () => {
  root = await tempDir("curi-hostile-kill-");
  runs = path.join(root, "runs");
  await mkdir(runs);
  // Thirty runs, so a build takes long enough for kills to land in every phase.
  references = await makeRuns(runs, 6);
  for (const variant of ["A", "B"]) {
    const scratch = path.join(root, `snapshot-${variant}`);
    await fullBuild(variant, scratch);
    snapshots.set(variant, await reportSnapshots(scratch));
  }
}, 300_000);

/** Which variant a report folder is, whole; "neither" for a mix or a damaged copy. */
function variantOf(folder: string, snapshot: Record<string, string>): string {
  for (const [variant, folders] of snapshots) if (JSON.stringify(folders.get(folder)) === JSON.stringify(snapshot)) return variant;
  return "neither";
}

/** Checks that the published site is whole: every report one variant or the other, index and latest.json complete. */
async function expectWholeSite(out: string, context: string): Promise<Map<string, string>> {
  const index = await readFile(path.join(out, "index.html"), "utf8");
  expect(index.endsWith("</html>\n"), `${context}: index.html is cut short`).toBe(true);
  for (const reference of references) expect(index, `${context}: index.html lacks ${reference}`).toContain(reference);
  const latest = JSON.parse(await readFile(path.join(out, "latest.json"), "utf8")) as { path: string | null };
  expect(latest.path, context).not.toBeNull();
  const reports = await reportSnapshots(out);
  const expectedFolders = [...(snapshots.get("A")?.keys() ?? [])].sort();
  expect([...reports.keys()].sort(), `${context}: report folders`).toEqual(expectedFolders);
  const variants = new Map<string, string>();
  for (const [folder, snapshot] of reports) {
    const variant = variantOf(folder, snapshot);
    expect(variant, `${context}: ${folder} is a mix of two builds, or damaged`).not.toBe("neither");
    variants.set(folder, variant);
  }
  return variants;
}

describe("a build killed at a random moment", () => {
  it(`leaves the published reports and index whole, every time (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const out = path.join(root, "site");
    let duration = await fullBuild("A", out);
    let current = "A";
    const log: string[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const next = current === "A" ? "B" : "A";
      await setVariant(runs, next);
      const delay = Math.round(duration * (0.15 + 0.95 * random()));
      const build = startBuild([runs, "--out", out, "--quiet"], root);
      const timer = setTimeout(() => build.child.kill("SIGKILL"), delay);
      const result = await build.exit;
      clearTimeout(timer);
      const context = `iteration ${i} (seed ${SEED}, killed after ${delay} ms of ${Math.round(duration)}, ${result.signal ?? `exit ${result.code}`})`;
      log.push(context);
      const variants = await expectWholeSite(out, context);
      log.push(`  ${[...variants.values()].filter((v) => v === next).length} of ${variants.size} reports already ${next}; left over: ${(await leftovers(out)).length}`);

      // The next build completes, repairs and clears what the killed one left, and publishes `next` whole.
      // (Kill times scale with the longest build seen: a build with nothing left to do is quick.)
      duration = Math.max(duration, await fullBuild(next, out));
      const after = await expectWholeSite(out, `${context}, then a full build`);
      expect([...after.values()].every((v) => v === next), `${context}: the next build did not finish the job`).toBe(true);
      expect(await leftovers(out), `${context}: the next build left these behind`).toEqual([]);
      current = next;
    }
    if (process.env.HOSTILE_KILL_LOG) console.log(log.join("\n"));
    // At least some kills must have hit a build before it finished, or the test proved nothing.
    expect(log.filter((l) => l.includes("SIGKILL")).length, log.join("\n")).toBeGreaterThanOrEqual(ITERATIONS / 2);
    expect((await readdir(out)).filter((n) => n.startsWith(".tmp-") || n.startsWith(".old-"))).toEqual([]);
  }, 600_000);

  it(`leaves the index whole when an index rebuild is killed, and the next one clears its leftovers (seed ${SEED})`, async () => {
    const random = seededRandom(SEED + 1);
    const out = path.join(root, "index-site");
    await fullBuild("A", out);
    const started = performance.now();
    const timed = await startBuild(["index", "--out", out, "--quiet"], root).exit;
    expect(timed.code).toBe(0);
    const duration = performance.now() - started;
    let kills = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      // A new report folder each time, so each rebuild writes a different index.
      await cp(path.join(out, [...(snapshots.get("A")?.keys() ?? [])][0] ?? ""), path.join(out, `extra-${i}`), { recursive: true });
      const delay = Math.round(duration * (0.2 + 0.9 * random()));
      const build = startBuild(["index", "--out", out, "--quiet"], root);
      const timer = setTimeout(() => build.child.kill("SIGKILL"), delay);
      const result = await build.exit;
      clearTimeout(timer);
      if (result.signal === "SIGKILL") kills++;
      const context = `index iteration ${i} (seed ${SEED + 1}, killed after ${delay} ms of ${Math.round(duration)})`;
      const index = await readFile(path.join(out, "index.html"), "utf8");
      expect(index.endsWith("</html>\n"), `${context}: index.html is cut short`).toBe(true);
      expect(index, context).toContain(`extra-${Math.max(0, i - 1)}`);
      JSON.parse(await readFile(path.join(out, "latest.json"), "utf8"));
      expect((await readFile(path.join(out, "latest", "index.html"), "utf8")).endsWith("</html>\n"), context).toBe(true);
      expect((await startBuild(["index", "--out", out, "--quiet"], root).exit).code, context).toBe(0);
      expect(await leftovers(out), `${context}: the next index left these behind`).toEqual([]);
    }
    expect(kills).toBeGreaterThanOrEqual(ITERATIONS / 3);
  }, 600_000);
});
