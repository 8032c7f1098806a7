/**
 * A report's comparison data in several files. A site keeps each run's data (compareData.ts) as
 * `compare-data.js`; past the bound of one file (a sweep of 10,000 records and more) the main file
 * keeps the run's info and other facts and names how many chunk files (`compare-data-1.js`, …)
 * hold the rest: records, args sets, record metrics and reportables, each part in the run's
 * order, so putting the chunks back together in order gives the data exactly. Every record is
 * kept. Shared by the site's compare.html (bundled into the browser) and the build's comparison
 * pages, so it imports nothing that needs Node.
 */
import { compareChunkFile } from "../router/reportPaths.js";
import type { CompareRecord, CompareReportable, RunCompareData } from "./compareCore.js";

/** Most chunks a main file may name: a damaged count must not make a page load thousands of scripts. */
export const MAX_CHUNKS = 10_000;

/** One chunk file's part of a run's comparison data: a slice of each of the run's lists. */
export interface CompareDataChunk {
  readonly version: number;
  /** The report folder whose data it is. */
  readonly folder: string;
  /** Its number, from 1. */
  readonly chunk: number;
  /** The main file's `dataDigest`. */
  readonly dataDigest: string;
  readonly records: readonly CompareRecord[];
  /** Args sets by name, as the facts' `args` holds them. */
  readonly args: Readonly<Record<string, unknown>>;
  /** Metrics by record key, as the facts' `record_metrics` holds them. */
  readonly record_metrics: Readonly<Record<string, unknown>>;
  readonly reportables: readonly CompareReportable[];
}

/**
 * The number of chunks `data` names, or null when it is not a whole number from 0 to MAX_CHUNKS,
 * or chunks come without a (hex) `dataDigest` to tell them by.
 */
export function chunkCount(data: RunCompareData): number | null {
  const n = data.chunks ?? 0;
  if (!Number.isInteger(n) || n < 0 || n > MAX_CHUNKS) return null;
  return n === 0 || /^[0-9a-f]{16,64}$/.test(String(data.dataDigest)) ? n : null;
}

/**
 * The address of chunk `k` of `main`'s data from its report folder: the data's digest as the
 * query, so a browser that cached the chunk of an earlier build of the report fetches this one.
 */
export function chunkHref(main: RunCompareData, k: number): string {
  return `${compareChunkFile(k)}?${main.dataDigest ?? ""}`;
}

const isMap = (v: unknown): boolean => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * What is wrong with `value` as chunk `k` of `main` (the data of report folder `main.folder`), in
 * words for the reader, or null when it is that chunk.
 */
export function chunkProblem(value: unknown, main: RunCompareData, k: number): string | null {
  if (!isMap(value)) return "holds no comparison data";
  const c = value as Partial<CompareDataChunk>;
  if (c.version !== main.version || c.folder !== main.folder || c.chunk !== k || c.dataDigest !== main.dataDigest)
    return `is not chunk ${k} of this report's comparison data (of another report or build)`;
  if (!Array.isArray(c.records) || !Array.isArray(c.reportables) || !isMap(c.args) || !isMap(c.record_metrics))
    return "is damaged";
  return null;
}

/** The whole data of a run from its main file's data and its chunks, in order (each checked with `chunkProblem`). */
export function mergeCompareData(main: RunCompareData, chunks: readonly CompareDataChunk[]): RunCompareData {
  if (chunks.length === 0) return main;
  const facts = main.facts as Record<string, unknown>;
  // fromEntries, not assignment: an args set named `__proto__` stays a plain entry.
  const union = (part: (c: CompareDataChunk) => Readonly<Record<string, unknown>>) =>
    Object.fromEntries(chunks.flatMap((c) => Object.entries(part(c))));
  const { dataDigest: _digest, ...whole } = main;
  return {
    ...whole,
    facts: { ...facts, args: union((c) => c.args), record_metrics: union((c) => c.record_metrics) },
    records: chunks.flatMap((c) => c.records),
    reportables: chunks.flatMap((c) => c.reportables),
    chunks: 0,
  };
}
