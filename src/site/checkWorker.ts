/**
 * A worker thread of `check` (checkPool.ts): it is given the site's files and folders once, then
 * checks the batches of files it is handed, each file as the serial check does (checkFile.ts),
 * and posts back each file's findings and digest, or that the batch failed (the main thread then
 * checks that batch itself, so an error reads as it does without workers).
 */
import { parentPort, workerData } from "node:worker_threads";
import { checkFileAndDigest, type FileResult } from "./checkFile.js";
import { SiteIndex, type SiteFile } from "./SiteIndex.js";

/** What a worker is started with. */
export interface CheckWorkerData {
  readonly root: string;
  /** Every file of the site in path order: path and size. */
  readonly files: readonly (readonly [string, number])[];
  readonly dirs: readonly string[];
  readonly maxBytes: number;
}

/** A batch handed to a worker: files `start` to `end` (exclusive) of the list. */
export interface CheckBatch {
  readonly start: number;
  readonly end: number;
}

/** A worker's answer for one batch: every file's result in order, or null when it failed. */
export interface CheckBatchResult {
  readonly start: number;
  readonly results: FileResult[] | null;
}

const data = workerData as CheckWorkerData;
const files: SiteFile[] = data.files.map(([rel, size]) => ({ rel, size }));
const site = new SiteIndex(data.root, new Map(files.map((f) => [f.rel, f])), new Set(data.dirs));

async function checkBatch(batch: CheckBatch): Promise<CheckBatchResult> {
  try {
    const results: FileResult[] = [];
    for (const file of files.slice(batch.start, batch.end))
      results.push(await checkFileAndDigest(site, file, data.maxBytes));
    return { start: batch.start, results };
  } catch {
    // The main thread checks this batch again itself and throws what the check throws there.
    return { start: batch.start, results: null };
  }
}

parentPort?.on("message", (batch: CheckBatch) => {
  void checkBatch(batch).then((answer) => parentPort?.postMessage(answer));
});
