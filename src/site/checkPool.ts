/**
 * Checks every file of a site (checkFile.ts), in this thread or in worker threads (checkWorker.ts):
 * parsing pages is most of a check's time, and each file's findings depend only on the site's
 * file list and the file's contents, so files are handed out in batches to one worker a core and
 * their findings put back in path order: the same findings, in the same order, either way.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { SiteProblem } from "./check.js";
import { checkFileAndDigest, type FileResult } from "./checkFile.js";
import type { SiteFile, SiteIndex } from "./SiteIndex.js";
import type { CheckBatch, CheckBatchResult, CheckWorkerData } from "./checkWorker.js";

/**
 * Sites with fewer files are checked in this thread: a worker takes ~0.1-0.2 s of CPU to start
 * (loading parse5 and the formats' validators), more than checking a small site takes.
 */
const MIN_PARALLEL_FILES = 200;

/** Files handed to a worker at a time: few messages, and batches small enough that the workers finish together. */
const BATCH_FILES = 64;

/** The findings of each file of a site, in path order, and how many files worker threads checked. */
export interface CheckedFiles {
  readonly problems: SiteProblem[][];
  /** Files checked in worker threads (the others in this thread). */
  readonly byWorkers: number;
}

/** The findings of each file of `site`, in path order; records in `site` the digests taken on the way. */
export async function checkFiles(site: SiteIndex, maxBytes: number, threads?: number): Promise<CheckedFiles> {
  const files = [...site.files.values()];
  const count = Math.max(1, threads ?? (files.length < MIN_PARALLEL_FILES ? 1 : availableParallelism()));
  const results: (FileResult | undefined)[] =
    count === 1 || files.length === 0 ? [] : await inWorkers(site, files, maxBytes, count);
  const byWorkers = results.filter((r) => r !== undefined).length;
  // Whatever no worker answered for (all of it without workers) is checked here: an error reads the same.
  for (const [i, file] of files.entries()) results[i] ??= await checkFileAndDigest(site, file, maxBytes);
  const problems = files.map((file, i) => {
    const result = results[i] as FileResult;
    if (result.digest !== undefined) site.knowDigest(file.rel, result.digest);
    return result.problems;
  });
  return { problems, byWorkers };
}

/** The worker's script: beside this module (compiled or bundled), or the compiled one when run from the sources (tests). */
function workerScript(): URL {
  const beside = new URL("./checkWorker.js", import.meta.url);
  return existsSync(beside) ? beside : new URL("../../dist/src/site/checkWorker.js", import.meta.url);
}

/** Checks `files` in `count` workers; a batch whose worker failed or died is left undefined. */
async function inWorkers(
  site: SiteIndex,
  files: readonly SiteFile[],
  maxBytes: number,
  count: number,
): Promise<(FileResult | undefined)[]> {
  const results: (FileResult | undefined)[] = new Array<FileResult | undefined>(files.length);
  const workerData: CheckWorkerData = {
    root: site.root,
    files: files.map((f) => [f.rel, f.size] as const),
    dirs: [...site.dirs],
    maxBytes,
  };
  let next = 0;
  const take = (): CheckBatch | undefined => {
    if (next >= files.length) return undefined;
    const start = next;
    next = Math.min(files.length, start + BATCH_FILES);
    return { start, end: next };
  };
  const script = workerScript();
  const drive = (worker: Worker): Promise<void> =>
    new Promise<void>((resolve) => {
      const give = (): void => {
        const batch = take();
        if (batch === undefined) resolve();
        else worker.postMessage(batch);
      };
      worker.on("message", (answer: CheckBatchResult) => {
        answer.results?.forEach((result, i) => (results[answer.start + i] = result));
        give();
      });
      // A worker that cannot start or dies leaves its batch to the main thread; the others go on.
      worker.on("error", () => resolve());
      worker.on("exit", () => resolve());
      give();
    });
  const workers = Array.from({ length: Math.min(count, Math.ceil(files.length / BATCH_FILES)) }, () => {
    return new Worker(script, { workerData });
  });
  try {
    await Promise.all(workers.map(drive));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
