/**
 * A run's comparison data (compareData.ts) as the files of its report folder: `compare-data.js`,
 * and past the bound of one file, chunk files beside it (see compareChunks.ts), each a script
 * that files its part under the report folder's name, because a page opened from `file://` can
 * load a script but cannot fetch a file. Also reading them back, as a site build does to compare
 * a run with the previous one.
 */
import { createHash } from "node:crypto";
import { compareChunkFile, REPORT_PATHS } from "../router.js";
import { chunkCount, chunkProblem, mergeCompareData, type CompareDataChunk } from "./compareChunks.js";
import { readableCompareVersion, type RunCompareData } from "./compareCore.js";

/** One file of a report's comparison data: its name in the report folder and its text. */
export interface CompareDataFile {
  readonly name: string;
  readonly text: string;
}

/** What comes before the JSON in `compare-data.js`. */
function scriptHead(folder: string): string {
  return `(window.curiCompareData = window.curiCompareData || {})[${JSON.stringify(folder)}] = `;
}

/** What comes before the JSON in chunk file `k`: it files the chunk under the folder's name and its number. */
function chunkHead(folder: string, k: number): string {
  const f = JSON.stringify(folder);
  return `((window.curiCompareChunks = window.curiCompareChunks || {})[${f}] = window.curiCompareChunks[${f}] || {})[${k}] = `;
}

/**
 * JSON as the text of a single-quoted JavaScript string. The data goes through `JSON.parse`, not
 * in as an object literal: in a literal a key `__proto__` (an args set may be named so) would set
 * the object's prototype instead of being a key, and browsers parse big JSON strings faster.
 */
function quote(json: string): string {
  return json.replace(/[\\'\u2028\u2029]/g, (c) =>
    c === "\\" || c === "'" ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16)}`,
  );
}

/** The JSON of a string `quote` made. */
function unquote(text: string): string {
  return text.replace(/\\(\\|'|u2028|u2029)/g, (_, c: string) =>
    c.length === 1 ? c : String.fromCharCode(parseInt(c.slice(1), 16)),
  );
}

/** A data file's text: `head`, then the JSON (already quoted) parsed. */
const script = (head: string, quoted: string): string => `${head}JSON.parse('${quoted}');\n`;

/** The data as the text of one `compare-data.js` holding all of it (whatever its size). */
export function compareDataScript(data: RunCompareData): string {
  return script(scriptHead(data.folder), quote(JSON.stringify(data)));
}

const bytes = (text: string): number => Buffer.byteLength(text, "utf8");

/**
 * The files of `data`: one `compare-data.js` when its script fits `maxBytes` (UTF-8), else a main
 * file naming its chunks and the chunks, each within `maxBytes` (but for a single record, args
 * set or reportable bigger than that on its own, which gets a chunk of its own). The main file
 * keeps only the run info, the other facts (run metrics, goals) and what was cut: a few KiB.
 */
export function compareDataFiles(data: RunCompareData, maxBytes: number): CompareDataFile[] {
  const whole = compareDataScript({ ...data, chunks: 0 });
  if (bytes(whole) <= maxBytes) return [{ name: REPORT_PATHS.compareData, text: whole }];
  const dataDigest = createHash("sha256").update(whole).digest("hex").slice(0, 32);
  const chunks = packChunks(data, dataDigest, maxBytes - bytes(script(chunkHead(data.folder, MAX_CHUNK_NUMBER), "")));
  const facts = data.facts as Record<string, unknown>;
  const main: RunCompareData = {
    ...data,
    facts: { ...facts, args: {}, record_metrics: {} },
    records: [],
    reportables: [],
    chunks: chunks.length,
    dataDigest,
  };
  return [
    { name: REPORT_PATHS.compareData, text: compareDataScript(main) },
    ...chunks.map((json, i) => ({
      name: compareChunkFile(i + 1),
      text: script(chunkHead(data.folder, i + 1), json(i + 1)),
    })),
  ];
}

/** A chunk number at least as long as any written, to bound the head's size. */
const MAX_CHUNK_NUMBER = 999_999;

/** The parts of a chunk, in the order they are written; each item is already quoted JSON text. */
type Parts = Record<"records" | "args" | "record_metrics" | "reportables", string[]>;

/**
 * The data's lists cut into chunks of at most `budget` bytes of quoted JSON, each list in its
 * order; each chunk as a function of its number to its quoted JSON. Items are stringified and
 * quoted once and joined (quoting is per character), so a 50,000-record run is not stringified
 * again per chunk.
 */
function packChunks(data: RunCompareData, dataDigest: string, budget: number): ((k: number) => string)[] {
  const facts = data.facts as Record<string, Record<string, unknown> | undefined>;
  const entry = ([k, v]: [string, unknown]): string => quote(`${JSON.stringify(k)}:${JSON.stringify(v)}`);
  const item = (v: unknown): string => quote(JSON.stringify(v));
  const streams: [keyof Parts, string[]][] = [
    ["records", data.records.map(item)],
    ["args", Object.entries(facts["args"] ?? {}).map(entry)],
    ["record_metrics", Object.entries(facts["record_metrics"] ?? {}).map(entry)],
    ["reportables", data.reportables.map(item)],
  ];
  const empty = (): Parts => ({ records: [], args: [], record_metrics: [], reportables: [] });
  const head = (k: number): string =>
    quote(
      `{"version":${data.version},"folder":${JSON.stringify(data.folder)},"chunk":${k},"dataDigest":"${dataDigest}"`,
    );
  const fixed = bytes(`${head(MAX_CHUNK_NUMBER)},"records":[],"args":{},"record_metrics":{},"reportables":[]}`);
  const chunks: Parts[] = [];
  let current = empty();
  let size = fixed;
  let count = 0;
  for (const [part, items] of streams) {
    for (const item of items) {
      const cost = bytes(item) + 1; // and its comma
      if (count > 0 && size + cost > budget) {
        chunks.push(current);
        [current, size, count] = [empty(), fixed, 0];
      }
      current[part].push(item);
      size += cost;
      count++;
    }
  }
  if (count > 0) chunks.push(current);
  return chunks.map(
    (p) => (k: number) =>
      `${head(k)},"records":[${p.records.join(",")}],"args":{${p.args.join(",")}},"record_metrics":{${p.record_metrics.join(",")}},"reportables":[${p.reportables.join(",")}]}`,
  );
}

/**
 * The data of a script `script` wrote after `head`, or of a version 1 file (the JSON as a literal
 * after `head`, then `;\n`), parsed; null when the text is of neither form.
 */
function parseScript(text: string, head: string): unknown {
  if (!text.startsWith(head) || !text.endsWith(";\n")) return null;
  const [open, close] = ["JSON.parse('", "');\n"];
  const quoted = text.startsWith(open, head.length) && text.endsWith(close);
  try {
    return JSON.parse(
      quoted ? unquote(text.slice(head.length + open.length, -close.length)) : text.slice(head.length, -2),
    ) as unknown;
  } catch {
    return null; // not JSON after all: a damaged file
  }
}

/**
 * The data of a `compare-data.js` written for report folder `folder` (with `chunks` naming its
 * chunk files, if any), or null when the file is of another form or version (an older report, or
 * a damaged file): a site build then leaves that comparison out rather than failing.
 */
export function parseCompareDataScript(text: string, folder: string): RunCompareData | null {
  const data = parseScript(text, scriptHead(folder)) as RunCompareData | null;
  if (typeof data !== "object" || data === null || !readableCompareVersion(data.version) || data.folder !== folder)
    return null;
  return chunkCount(data) === null ? null : data;
}

/** Chunk `k` of `main`'s data from its file's text, or null when it is not that chunk or damaged. */
export function parseCompareDataChunk(text: string, main: RunCompareData, k: number): CompareDataChunk | null {
  const chunk = parseScript(text, chunkHead(main.folder, k));
  return chunkProblem(chunk, main, k) === null ? (chunk as CompareDataChunk) : null;
}

/**
 * The whole comparison data of report folder `folder`, read through `read` (a file's text by its
 * name in the folder, null when it is missing): the main file, then its chunks. Null when any of
 * them is missing or damaged.
 */
export async function readCompareData(
  folder: string,
  read: (name: string) => Promise<string | null>,
): Promise<RunCompareData | null> {
  const text = await read(REPORT_PATHS.compareData);
  const main = text === null ? null : parseCompareDataScript(text, folder);
  if (main === null) return null;
  const chunks: CompareDataChunk[] = [];
  for (let k = 1; k <= (chunkCount(main) ?? 0); k++) {
    const chunkText = await read(compareChunkFile(k));
    const chunk = chunkText === null ? null : parseCompareDataChunk(chunkText, main, k);
    if (chunk === null) return null;
    chunks.push(chunk);
  }
  return mergeCompareData(main, chunks);
}
