/**
 * The site figures of the benchmark: rebuilding the index of a big site (`curi-report index`),
 * adding one run to a site built from a runs folder (the new run folder appears in the runs folder
 * and `curi-report runs --out site` runs again), in place and on a copied site with no incremental
 * state (as after `cp -r`, a CI cache or a gh-pages checkout), and rebuilding with nothing changed.
 * Each is a whole process, on a copy of the cached, fully built site.
 */
import { cp, rm } from "node:fs/promises";
import path from "node:path";
import { progress, type Sizes } from "./common.js";
import { medianRun, type ProcessMeasure } from "./measure.js";
import { seconds, type Figure } from "./results.js";
import { builtSite, checked, copySite, indexSite, runCli, runsFolder } from "./sites.js";

/** Whole-process targets of issue 6 (for the full sizes). */
const TARGETS = { indexS: 2, addOneS: 0.3, unchangedS: 0.3 } as const;

/** The site figures, measured. */
export interface SiteMeasures {
  readonly index: ProcessMeasure;
  /** Adding one run to a site this machine built (its state in the user cache vouches for the rest). */
  readonly addOne: ProcessMeasure;
  /** Adding one run to a copy of the site with no state (a CI cache or gh-pages checkout): every report is verified by content. */
  readonly addOneCopied: ProcessMeasure;
  readonly unchanged: ProcessMeasure;
  /** The full build of the runs folder, when it was made in this bench run (else from the cache). */
  readonly fullBuild: ProcessMeasure | null;
}

/**
 * Points the CLI processes the bench starts at a cache folder of their own (incremental state
 * lives in `$XDG_CACHE_HOME/curi-report`): the machine's cache neither helps nor grows.
 */
async function freshStateDir(work: string, name: string): Promise<void> {
  const dir = path.join(work, "state", name);
  await rm(dir, { recursive: true, force: true });
  process.env["XDG_CACHE_HOME"] = dir;
}

/** Measures the index, add-one (in place and on a copied site) and nothing-changed figures. */
export async function measureSites(sizes: Sizes, work: string): Promise<SiteMeasures> {
  progress(`preparing a site of ${sizes.indexRuns.toLocaleString("en")} report folders (cached after the first time)`);
  const bigSite = await indexSite(sizes.indexRuns);
  progress(`indexing ${sizes.indexRuns.toLocaleString("en")} runs`);
  const index = await medianRun(
    sizes.repeats,
    async () => undefined,
    async () => checked(await runCli(["index", "--out", bigSite, "--quiet"]), "index"),
  );

  progress(
    `preparing a runs folder of ${sizes.siteRuns.toLocaleString("en")} runs and its full build (cached per code version)`,
  );
  const runs = await runsFolder(sizes.siteRuns);
  // The bench's own cache folder (bench.ts), put back when the site figures are done.
  const benchCache = process.env["XDG_CACHE_HOME"];
  const { site, fullBuild } = await builtSite(runs, sizes.siteRuns);
  const copy = path.join(work, "site");
  const added = path.join(runs.runsDir, path.basename(runs.extraRun));
  const build = async (what: string): Promise<ProcessMeasure> =>
    checked(await runCli([runs.runsDir, "--out", copy, "--quiet"]), what);
  try {
    progress("rebuilding the site with nothing changed (after one build that verifies the copy and records it)");
    await copySite(site, copy);
    await freshStateDir(work, "in-place");
    await build("first rebuild of the copy");
    const unchanged = await medianRun(
      sizes.repeats,
      async () => undefined,
      () => build("unchanged rebuild"),
    );

    progress("adding one run to the site, in place");
    await cp(runs.extraRun, added, { recursive: true });
    await build("adding the run once, so its report folder exists");
    const addedFolder = path.join(copy, path.basename(runs.extraRun));
    const addOne = await medianRun(
      sizes.repeats,
      () => rm(addedFolder, { recursive: true, force: true }),
      () => build("adding one run"),
    );

    progress("adding one run to a copied site with no state (verified by content)");
    const addOneCopied = await medianRun(
      sizes.repeats,
      async () => {
        await rm(added, { recursive: true, force: true });
        await copySite(site, copy);
        await cp(runs.extraRun, added, { recursive: true });
        await freshStateDir(work, "copied");
      },
      () => build("adding one run to a copied site"),
    );
    return { index, addOne, addOneCopied, unchanged, fullBuild };
  } finally {
    // The runs folder is cached: leave it as it was.
    await rm(added, { recursive: true, force: true });
    if (benchCache === undefined) delete process.env["XDG_CACHE_HOME"];
    else process.env["XDG_CACHE_HOME"] = benchCache;
  }
}

/** `0.21 s (CPU 0.19 s, peak 80 MiB)`. */
function processText(m: ProcessMeasure): string {
  const cpu = m.cpuMs === null ? "" : `CPU ${seconds(m.cpuMs)}, `;
  return `${seconds(m.wallMs)} (${cpu}peak ${m.peakMiB === null ? "?" : Math.round(m.peakMiB)} MiB)`;
}

/** The site figures beside their targets (targets apply to the full sizes only). */
export function siteFigures(s: SiteMeasures, sizes: Sizes, quick: boolean): Figure[] {
  const runs = sizes.siteRuns.toLocaleString("en");
  const target = (limit: number) => (quick ? `— (full bench: ≤ ${limit} s)` : `≤ ${limit} s`);
  const pass = (m: ProcessMeasure, limit: number) => (quick ? null : m.wallMs <= limit * 1000);
  const figures: Figure[] = [
    {
      name: `index of ${sizes.indexRuns.toLocaleString("en")} runs (curi-report index)`,
      target: target(TARGETS.indexS),
      measured: processText(s.index),
      pass: pass(s.index, TARGETS.indexS),
    },
    {
      name: `add one run to a ${runs}-run site (curi-report runs --out site)`,
      target: target(TARGETS.addOneS),
      measured: processText(s.addOne),
      pass: pass(s.addOne, TARGETS.addOneS),
    },
    {
      name: `add one run to a copied ${runs}-run site with no state (every report verified by content)`,
      target: "—",
      measured: processText(s.addOneCopied),
      pass: null,
    },
    {
      name: `rebuild a ${runs}-run site, nothing changed`,
      target: target(TARGETS.unchangedS),
      measured: processText(s.unchanged),
      pass: pass(s.unchanged, TARGETS.unchangedS),
    },
  ];
  if (s.fullBuild !== null)
    figures.push({
      name: `full build of the ${runs}-run site (first build, no state)`,
      target: "—",
      measured: processText(s.fullBuild),
      pass: null,
    });
  return figures;
}
