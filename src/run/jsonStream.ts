/**
 * Reading a run.json too big for one JavaScript string (V8 stops near 512 MiB, a sweep of ~47,000
 * records): the file is read in 1 MiB chunks, tokenized by stream-json's parser and assembled by
 * its Assembler, so no string ever holds more than a chunk. The nesting depth is checked as tokens
 * arrive (a hostile file cannot make the assembled value overflow a later recursive walk), and a
 * problem is reported with its JSON pointer, or with line and column for a syntax error.
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

/** Token as stream-json's parser emits it (only the name matters here). */
interface Token {
  readonly name: string;
}

/**
 * Parses the JSON file at `file` chunk by chunk. Throws `InvalidRunError` naming the line and
 * column of a syntax error, or the JSON pointer of a value nested deeper than MAX_JSON_DEPTH.
 */
export async function parseJsonFileStreaming(file: string, maxDepth = MAX_JSON_DEPTH): Promise<unknown> {
  const parse = jsonParser({ streamValues: false });
  const assembler = new Assembler();
  const position = new Position();
  const feed = (out: unknown): void => {
    if (out === none) return;
    const tokens = isMany(out) ? (getManyValues(out) as Token[]) : [out as Token];
    for (const token of tokens) {
      assembler.consume(token as never);
      // The stack holds parent and key per level: its half is the depth of the value being built.
      if (assembler.stack.length / 2 >= maxDepth) throw tooDeep(file, assembler, maxDepth);
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
  if (first) throw new InvalidRunError(file, [{ file, pointer: "", message: "the file is empty; expected a run document (a JSON object)" }]);
  if (!assembler.done) throw new InvalidRunError(file, [{ file, pointer: "", message: `not valid JSON: the document ends early, at line ${position.line}` }]);
  return assembler.current;
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
function syntaxError(file: string, position: Position, chunk: string, assembler: Assembler, error: unknown): InvalidRunError {
  let breaks = 0;
  for (let i = chunk.indexOf("\n"); i >= 0; i = chunk.indexOf("\n", i + 1)) breaks++;
  const where = breaks === 0 ? `at line ${position.line}` : `between lines ${position.line} and ${position.line + breaks}`;
  const reason = error instanceof Error ? error.message.replace(/^Parser cannot parse input: /, "") : String(error);
  return new InvalidRunError(file, [{ file, pointer: pointerOf(assembler), message: `not valid JSON ${where}: ${reason}` }], { cause: error });
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
