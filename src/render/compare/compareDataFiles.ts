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
import { type RunCompareData } from "./compareCore.js";
import { COMPARE_DATA_VERSIONS, readableCompareVersion } from "../formats/compareDataVersion.js";
import { checkCompareChunk, checkCompareData } from "../formats/compareData.js";
import { jsonPieces } from "./jsonPieces.js";

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
  const whole = wholeScript({ ...data, chunks: 0 }, maxBytes);
  if (whole.text !== null) return [{ name: REPORT_PATHS.compareData, text: whole.text }];
  const dataDigest = whole.digest;
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
    // Each chunk's text is made when it is read (the writer reads one at a time), not all at once.
    ...chunks.map((json, i) => ({
      name: compareChunkFile(i + 1),
      get text(): string {
        return script(chunkHead(data.folder, i + 1), json(i + 1));
      },
    })),
  ];
}

/**
 * The script holding all of `data` (`compareDataScript`), made piece by piece: its digest (the
 * chunks name it), and its text only when it fits `maxBytes`. Past that bound the text was only
 * hashed, yet it was built whole: 74 MB, and 72 MB more quoted, at 50,000 records.
 */
function wholeScript(data: RunCompareData, maxBytes: number): { digest: string; text: string | null } {
  const hash = createHash("sha256");
  let kept: string[] | null = [];
  let size = 0;
  const add = (piece: string): void => {
    hash.update(piece);
    size += bytes(piece);
    if (size > maxBytes) kept = null;
    else kept?.push(piece);
  };
  add(scriptHead(data.folder));
  add("JSON.parse('");
  // Quoting is character by character, so the quoted pieces are the pieces of the quoted text.
  for (const piece of jsonPieces(data, 3)) add(quote(piece));
  add("');\n");
  return { digest: hash.digest("hex").slice(0, 32), text: kept === null ? null : (kept as string[]).join("") };
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
 * The JSON of a data script written after `head`: the exact `JSON.parse('…');\n` the writer makes
 * (re-quoting the string gives the same text, so nothing can leave the string), or with `legacy`
 * also a version 1 file (the JSON as a literal after `head`, then `;\n`); null for anything else.
 */
function scriptJson(text: string, head: string, legacy: boolean): string | null {
  const [open, close] = ["JSON.parse('", "');\n"];
  if (!text.startsWith(head)) return null;
  if (text.startsWith(open, head.length) && text.endsWith(close)) {
    const quoted = text.slice(head.length + open.length, -close.length);
    const json = unquote(quoted);
    return quote(json) === quoted ? json : null;
  }
  return legacy && text.endsWith(";\n") ? text.slice(head.length, -2) : null;
}

/** What is wrong with a data script's text (`file` names it), or its checked data; `check` judges the exact shape. */
function scriptData(
  text: string,
  head: string,
  file: string,
  check: (doc: unknown, file: string) => unknown,
  legacy: boolean,
): { data: unknown } | { problem: string } {
  const json = scriptJson(text, head, legacy);
  if (json === null)
    return { problem: `${file} is not a data script of this report (expected ${head}JSON.parse('…');)` };
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (error) {
    return { problem: `${file} holds no JSON data (${error instanceof Error ? error.message : String(error)})` };
  }
  try {
    return { data: check(doc, file) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** A data script read: its checked data, or what is wrong with it in words naming the file. */
type ScriptRead<T> = { readonly data: T } | { readonly problem: string };

/** The data of `folder`'s `compare-data.js` from its text, or what is wrong with it (see `parseCompareDataScript`). */
function readMainScript(text: string, folder: string): ScriptRead<RunCompareData> {
  const file = `${folder}/${REPORT_PATHS.compareData}`;
  const read = scriptData(text, scriptHead(folder), file, checkCompareData, true);
  if (!("data" in read)) return read;
  const data = read.data as RunCompareData;
  if (!readableCompareVersion(data.version))
    return {
      problem: `${file} holds comparison data of version ${String(data.version)}; this curi-report reads ${COMPARE_DATA_VERSIONS.join(", ")}`,
    };
  if (data.folder !== folder) return { problem: `${file} holds the comparison data of another report folder` };
  return chunkCount(data) === null ? { problem: `${file} names its chunk files wrongly (damaged)` } : { data };
}

/**
 * The data of a `compare-data.js` written for report folder `folder` (with `chunks` naming its
 * chunk files, if any), or null when the file is of another form or version, or fails its schema
 * (an older report, or a damaged file): a site build then leaves that comparison out rather than failing.
 */
export function parseCompareDataScript(text: string, folder: string): RunCompareData | null {
  const read = readMainScript(text, folder);
  return "data" in read ? read.data : null;
}

/** Chunk `k` of `main`'s data from its file's text, or what is wrong with it (see `parseCompareDataChunk`). */
function readChunkScript(text: string, main: RunCompareData, k: number): ScriptRead<CompareDataChunk> {
  const file = `${main.folder}/${compareChunkFile(k)}`;
  const read = scriptData(text, chunkHead(main.folder, k), file, checkCompareChunk, false);
  if (!("data" in read)) return read;
  const problem = chunkProblem(read.data, main, k);
  return problem === null ? { data: read.data as CompareDataChunk } : { problem: `${file} ${problem}` };
}

/** Chunk `k` of `main`'s data from its file's text, or null when it is not that chunk or damaged. */
export function parseCompareDataChunk(text: string, main: RunCompareData, k: number): CompareDataChunk | null {
  const read = readChunkScript(text, main, k);
  return "data" in read ? read.data : null;
}

/**
 * What is wrong with the data script `name` (`compare-data.js` or `compare-data-<k>.js`) of report
 * folder `folder`, or null when it is exactly a script this curi-report writes, holding data that
 * fits its schema. `check` uses it: any other script in a report folder could run as code.
 */
export function compareScriptProblem(text: string, folder: string, name: string): string | null {
  const file = `${folder}/${name}`;
  if (name === REPORT_PATHS.compareData) {
    const read = scriptData(text, scriptHead(folder), file, checkCompareData, false);
    return "problem" in read ? read.problem : null;
  }
  const k = Number(/^compare-data-([1-9][0-9]{0,5})\.js$/.exec(name)?.[1]);
  if (!Number.isInteger(k)) return `${file} is not a comparison data file name`;
  const read = scriptData(text, chunkHead(folder, k), file, checkCompareChunk, false);
  return "problem" in read ? read.problem : null;
}

/**
 * The whole comparison data of report folder `folder`, read through `read` (a file's text by its
 * name in the folder, null when it is missing): the main file, then its chunks. Null when any of
 * them is missing or damaged; `onProblem` hears why, naming the file, unless the folder has no
 * data at all (an older report) or `read` refused the file (it says why itself).
 */
export async function readCompareData(
  folder: string,
  read: (name: string) => Promise<string | null>,
  onProblem: (problem: string) => void = () => undefined,
): Promise<RunCompareData | null> {
  const text = await read(REPORT_PATHS.compareData);
  if (text === null) return null;
  const main = readMainScript(text, folder);
  if (!("data" in main)) {
    onProblem(main.problem);
    return null;
  }
  const chunks: CompareDataChunk[] = [];
  for (let k = 1; k <= (chunkCount(main.data) ?? 0); k++) {
    const chunkText = await read(compareChunkFile(k));
    const chunk: ScriptRead<CompareDataChunk> =
      chunkText === null
        ? { problem: `${folder}/${compareChunkFile(k)}, which ${REPORT_PATHS.compareData} names, could not be read` }
        : readChunkScript(chunkText, main.data, k);
    if (!("data" in chunk)) {
      onProblem(chunk.problem);
      return null;
    }
    chunks.push(chunk.data);
  }
  return mergeCompareData(main.data, chunks);
}
