/**
 * Parsing run.json with a useful error: `JSON.parse` on Node 20 often names no position, so on
 * failure a small scanner finds the first offending character and reports its line and column.
 */
import { InvalidRunError } from "../util/errors.js";

/** Where JSON text first breaks, and what was expected there. */
export interface JsonSyntaxProblem {
  /** Offset into the text (UTF-16 code units). */
  readonly offset: number;
  readonly message: string;
}

/**
 * Parses `text` as the JSON document of `file`. A leading byte-order mark is ignored.
 * Throws `InvalidRunError` with one diagnostic (pointer `""`) naming line and column.
 */
export function parseRunJson(text: string, file: string): unknown {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (body.trim() === "") {
    throw new InvalidRunError(file, [
      { file, pointer: "", message: "the file is empty; expected a run document (a JSON object)" },
    ]);
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const problem = findJsonSyntaxProblem(body) ?? { offset: 0, message: (error as Error).message };
    const { line, column } = lineColumn(body, problem.offset);
    const message = `not valid JSON at line ${line}, column ${column}: ${problem.message}`;
    throw new InvalidRunError(file, [{ file, pointer: "", message }], { cause: error });
  }
}

/** 1-based line and column of `offset`; `\r\n`, `\r` and `\n` each end a line. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

type Container = "{" | "[";

/**
 * Finds the first syntax error of JSON text (RFC 8259), or undefined when the text is valid.
 * Iterative (an explicit stack) so that deeply nested hostile input cannot overflow the call stack.
 */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.document();
    return undefined;
  } catch (problem) {
    if (problem instanceof SyntaxProblem) return { offset: problem.offset, message: problem.message };
    throw problem;
  }
}

class SyntaxProblem extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
// Sticky, so it matches exactly at the scanner's position.
const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

class Scanner {
  private i = 0;
  private readonly stack: Container[] = [];
  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    for (;;) {
      this.skipWhitespace();
      const top = this.stack[this.stack.length - 1];
      if (!top) break;
      const c = this.text[this.i];
      if (c === ",") {
        this.i++;
        if (top === "{") this.key();
        this.value();
      } else if ((c === "}" && top === "{") || (c === "]" && top === "[")) {
        this.i++;
        this.stack.pop();
      } else {
        this.fail(
          top === "{" ? "expected ',' or '}' after a property value" : "expected ',' or ']' after an array element",
        );
      }
    }
    if (this.i < this.text.length) this.fail("expected the end of the document after the top-level value");
  }

  /** Reads one value; an opened object or array is left on the stack with its first member read. */
  private value(): void {
    for (;;) {
      this.skipWhitespace();
      const c = this.text[this.i];
      if (c === "{" || c === "[") {
        this.i++;
        this.skipWhitespace();
        const close = c === "{" ? "}" : "]";
        if (this.text[this.i] === close) {
          this.i++;
          return;
        }
        this.stack.push(c);
        if (c === "{") this.key();
        continue;
      }
      if (c === '"') return this.string();
      if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
      for (const word of ["true", "false", "null"]) {
        if (this.text.startsWith(word, this.i)) {
          this.i += word.length;
          return;
        }
      }
      return this.fail("expected a value (object, array, string, number, true, false or null)");
    }
  }

  private key(): void {
    this.skipWhitespace();
    if (this.text[this.i] !== '"') this.fail("expected a property name in double quotes");
    this.string();
    this.skipWhitespace();
    if (this.text[this.i] !== ":") this.fail("expected ':' after a property name");
    this.i++;
  }

  private string(): void {
    this.i++;
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) this.fail("unterminated string");
      if (c === '"') {
        this.i++;
        return;
      }
      if (c < " ") this.fail("control character in a string; escape it (\\n, \\t, \\u0000)");
      if (c === "\\") {
        const e = this.text[this.i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6)))
            this.fail("expected four hex digits after \\u");
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail("invalid escape in a string");
        this.i += 2;
        continue;
      }
      this.i++;
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.i;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail("invalid number");
    this.i += match[0].length;
  }

  private skipWhitespace(): void {
    while (WHITESPACE.has(this.text[this.i] ?? "")) this.i++;
  }

  private fail(expected: string): never {
    const c = this.text[this.i];
    const found = c === undefined ? "the end of the file (is it truncated?)" : JSON.stringify(c);
    throw new SyntaxProblem(this.i, `${expected}, found ${found}`);
  }
}
