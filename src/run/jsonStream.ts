/**
 * Reading a run.json too big for one JavaScript string (V8 stops near 512 MiB, a sweep of ~47,000
 * records): the file is read in 1 MiB chunks, tokenized by stream-json's parser and assembled by
 * its Assembler, so no string ever holds more than a chunk. The nesting depth is checked as tokens
 * arrive (a hostile file cannot make the assembled value overflow a later recursive walk), and a
 * problem is reported with its JSON pointer, or with line and column for a syntax error.
 *
 * The elements of the document's big arrays (records, artifacts, ...) can be handed to a callback
 * one by one as each is complete, and are then dropped from the document: the caller validates
 * and converts each, so the whole document is never held at once. Strings are copied out of the
 * text they were cut from: V8 keeps a cut string as a view of its source text, so the model
 * would otherwise keep every 1 MiB chunk of the file alive, i.e. the whole file.
 */
import { createReadStream } from "node:fs";
import { getManyValues, isMany, none } from "stream-chain/core";
import Assembler from "stream-json/assembler.js";
import { jsonParser } from "stream-json/core/parser.js";
import { InvalidRunError } from "../util/errors.js";
import { escapePointer } from "./checks.js";
import { MAX_JSON_DEPTH } from "./depth.js";

/** Bytes read at a time. */
const CHUNK = 1 << 20;
/**
 * Text handed to the parser at a time: the parser names no position, so a syntax error is located
 * by the value being assembled when it happens, which is at most this far back.
 */
const SLICE = 16 * 1024;

/** Token as stream-json's parser emits it. */
interface Token {
  readonly name: string;
  value?: unknown;
}

/**
 * Receives element `index` of the top-level array `list` once it is complete (the document then
 * holds 0 in its place). `array` tells apart two arrays of one name (the last one counts, as in
 * JSON.parse).
 */
export type ElementSink = (list: string, index: number, value: unknown, array: unknown[]) => void;

/** Options of `parseJsonFileStreaming`. */
export interface StreamOptions {
  /** Deepest nesting allowed (default MAX_JSON_DEPTH). */
  readonly maxDepth?: number;
  /** Top-level arrays whose elements go to `onElement` instead of staying in the document. */
  readonly elementLists?: ReadonlySet<string>;
  readonly onElement?: ElementSink;
}

/** Shortest string V8 makes as a view of its source (SlicedString::kMinLength); shorter ones are copies. */
const SLICED_MIN = 13;

/** Most strings a `StringPool` remembers before it starts again (bounds its memory). */
const POOL_SIZE = 65_536;
/** Longest string worth pooling: names, hashes, paths and times repeat; long text rarely does. */
const POOL_MAX_LENGTH = 256;

/**
 * Copies strings out of the text they were cut from, and hands out one copy of a string that
 * repeats (a run's metadata repeats its reference, commit, host and record names in every
 * artifact), so the model holds each once.
 */
class StringPool {
  private readonly seen = new Map<string, string>();

  take(text: string): string {
    if (text.length < SLICED_MIN) return text;
    if (text.length > POOL_MAX_LENGTH) return detached(text);
    const known = this.seen.get(text);
    if (known !== undefined) return known;
    const copy = detached(text);
    if (this.seen.size >= POOL_SIZE) this.seen.clear();
    this.seen.set(copy, copy);
    return copy;
  }
}

/** A copy of `text` that shares no memory with the string it was cut from. */
function detached(text: string): string {
  // Cutting a concatenation makes V8 flatten it into a new string first: the copy keeps that, not the source.
  const joined = `${text} `;
  return joined.substring(0, text.length);
}

/**
 * Parses the JSON file at `file` chunk by chunk. Throws `InvalidRunError` naming the line and
 * column of a syntax error, or the JSON pointer of a value nested deeper than MAX_JSON_DEPTH.
 */
export async function parseJsonFileStreaming(file: string, options: StreamOptions = {}): Promise<unknown> {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const parse = jsonParser({ streamValues: false });
  const assembler = new Assembler();
  const position = new Position();
  const handOver = elementHandOver(assembler, options);
  const strings = new StringPool();
  const feed = (out: unknown): void => {
    if (out === none) return;
    const tokens = isMany(out) ? (getManyValues(out) as Token[]) : [out as Token];
    for (const token of tokens) {
      if (token.name === "stringValue") token.value = strings.take(token.value as string);
      assembler.consume(token as never);
      // The stack holds parent and key per level: its half is the depth of the value being built.
      if (assembler.stack.length / 2 >= maxDepth) throw tooDeep(file, assembler, maxDepth);
      handOver?.();
    }
  };
  let first = true;
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: CHUNK })) {
    let text = chunk as string;
    if (first && text.startsWith("\uFEFF")) text = text.slice(1);
    first = false;
    for (let at = 0; at < text.length; at += SLICE) {
      const slice = text.slice(at, at + SLICE);
      let tokens: unknown;
      try {
        tokens = parse(slice);
      } catch (error) {
        throw syntaxError(file, position, slice, assembler, error);
      }
      feed(tokens);
      position.advance(slice);
    }
  }
  let last: unknown;
  try {
    // stream-chain's end-of-input marker flushes the parser (its typings only admit text).
    last = (parse as unknown as (input: unknown) => unknown)(none);
  } catch (error) {
    throw syntaxError(file, position, "", assembler, error);
  }
  feed(last);
  if (first)
    throw new InvalidRunError(file, [
      { file, pointer: "", message: "the file is empty; expected a run document (a JSON object)" },
    ]);
  if (!assembler.done)
    throw new InvalidRunError(file, [
      { file, pointer: "", message: `not valid JSON: the document ends early, at line ${position.line}` },
    ]);
  return assembler.current;
}

/**
 * A function to call after each token: when an element of one of `elementLists` has just been
 * completed (the assembler is back in that top-level array, which grew), it goes to `onElement`
 * and its slot is set to 0, so pointers (which count the array's length) stay right.
 */
function elementHandOver(assembler: Assembler, options: StreamOptions): (() => void) | null {
  const { elementLists, onElement } = options;
  if (elementLists === undefined || onElement === undefined) return null;
  // The array being handed over and how many of its elements have been (each is handed as soon as it is complete).
  let current: unknown[] | null = null;
  let handed = 0;
  return () => {
    // One level below the root: the stack holds [root, key] and the current value is the array.
    if (assembler.stack.length !== 2 || !Array.isArray(assembler.current)) return;
    const list = assembler.stack[1] as unknown;
    const array = assembler.current as unknown[];
    if (typeof list !== "string" || !elementLists.has(list)) return;
    if (array !== current) [current, handed] = [array, 0];
    if (array.length === handed) return;
    const index = handed++;
    const value = array[index];
    array[index] = 0;
    onElement(list, index, value, array);
  };
}

/** Line and column of the start of the current chunk, as the chunks pass. */
class Position {
  line = 1;
  column = 1;

  advance(text: string): void {
    const lastBreak = text.lastIndexOf("\n");
    if (lastBreak < 0) {
      this.column += text.length;
      return;
    }
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.line++;
    this.column = text.length - lastBreak;
  }
}

/**
 * The parser failed somewhere in `chunk` (it does not say where): the diagnostic points at the
 * value being assembled (its JSON pointer) and names the lines of the chunk.
 */
function syntaxError(
  file: string,
  position: Position,
  chunk: string,
  assembler: Assembler,
  error: unknown,
): InvalidRunError {
  let breaks = 0;
  for (let i = chunk.indexOf("\n"); i >= 0; i = chunk.indexOf("\n", i + 1)) breaks++;
  const where =
    breaks === 0 ? `at line ${position.line}` : `between lines ${position.line} and ${position.line + breaks}`;
  const reason = error instanceof Error ? error.message.replace(/^Parser cannot parse input: /, "") : String(error);
  return new InvalidRunError(
    file,
    [{ file, pointer: pointerOf(assembler), message: `not valid JSON ${where}: ${reason}` }],
    { cause: error },
  );
}

/** JSON pointer of the container the assembler is filling. */
function pointerOf(assembler: Assembler): string {
  return assembler.path.map((k) => `/${escapePointer(String(k))}`).join("");
}

/** The pointer of the container being built when the depth limit is crossed. */
function tooDeep(file: string, assembler: Assembler, maxDepth: number): InvalidRunError {
  const pointer = pointerOf(assembler);
  const message = `nested more than ${maxDepth} levels deep; flatten the value (no report needs such depth, and it would overflow the stack)`;
  return new InvalidRunError(file, [{ file, pointer, message }]);
}
