/**
 * What a piece of CSS can load, read with css-tree's tokenizer (the CSS Syntax spec's tokens)
 * rather than with patterns, so that escapes (`\75 rl(` is `url(`), quoted and unquoted `url()`,
 * `image-set()`, `@import` and comments are seen as a browser sees them. Shared by the SVG
 * sanitizer (which keeps only CSS that loads nothing) and `check` (which verifies every URL a
 * style sheet, `<style>` or `style=` names).
 */
import { createRequire } from "node:module";
import type * as CssTree from "css-tree";

/** css-tree, loaded at first use: most builds never read CSS. */
let loaded: typeof CssTree | undefined;
function cssTree(): typeof CssTree {
  loaded ??= createRequire(import.meta.url)("css-tree") as typeof CssTree;
  return loaded;
}

/** One thing a piece of CSS refers to or does. */
export interface CssRef {
  /**
   * `url`: a `url()` (any spelling) or an `@import` string, with its decoded URL;
   * `function`: a function that is not known to be inert (`image-set(`, `expression(`, `src(`…);
   * `at-rule`: an at-rule other than `@media`, `@supports`, `@keyframes`, `@font-face`.
   */
  readonly kind: "url" | "function" | "at-rule";
  /** The decoded URL (`url`), or the decoded, lower-cased name of the function or at-rule. */
  readonly value: string;
}

/** Functions that only compute values: they load and run nothing. */
const INERT_FUNCTIONS = new Set([
  "rgb",
  "rgba",
  "hsl",
  "hsla",
  "hwb",
  "lab",
  "lch",
  "oklab",
  "oklch",
  "color",
  "color-mix",
  "calc",
  "min",
  "max",
  "clamp",
  "var",
  "env",
  "translate",
  "translatex",
  "translatey",
  "translate3d",
  "rotate",
  "rotatex",
  "rotatey",
  "rotatez",
  "scale",
  "scalex",
  "scaley",
  "scale3d",
  "skew",
  "skewx",
  "skewy",
  "matrix",
  "matrix3d",
  "perspective",
  "linear-gradient",
  "radial-gradient",
  "conic-gradient",
  "repeating-linear-gradient",
  "repeating-radial-gradient",
  "steps",
  "cubic-bezier",
  "attr",
  "counter",
  "counters",
  "format",
  "local",
  "not",
  "is",
  "where",
  "nth-child",
  "nth-of-type",
]);

/** At-rules that load nothing themselves (their `url()`s are found as such). */
const INERT_AT_RULES = new Set([
  "media",
  "supports",
  "keyframes",
  "-webkit-keyframes",
  "font-face",
  "page",
  "layer",
  "container",
]);

/**
 * Every URL, non-inert function and non-inert at-rule in `css`, in source order. Escapes are
 * decoded, so `\75 rl(x)` gives the URL `x`, and `@\69mport "a.css"` gives the URL `a.css`.
 */
export function cssRefs(css: string): CssRef[] {
  const { tokenize, tokenTypes, ident, string, url } = cssTree();
  const tokens: { type: number; text: string }[] = [];
  tokenize(css, (type: number, start: number, end: number) => {
    if (type !== tokenTypes.Comment) tokens.push({ type, text: css.slice(start, end) });
  });
  const refs: CssRef[] = [];
  let afterImport = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as { type: number; text: string };
    if (token.type === tokenTypes.Url) refs.push({ kind: "url", value: url.decode(token.text) });
    else if (token.type === tokenTypes.BadUrl) refs.push({ kind: "url", value: token.text });
    else if (token.type === tokenTypes.AtKeyword) {
      const name = ident.decode(token.text.slice(1)).toLowerCase();
      afterImport = name === "import";
      if (!afterImport && !INERT_AT_RULES.has(name)) refs.push({ kind: "at-rule", value: name });
      continue;
    } else if (token.type === tokenTypes.String && afterImport)
      refs.push({ kind: "url", value: string.decode(token.text) });
    else if (token.type === tokenTypes.Function) {
      const name = ident.decode(token.text.slice(0, -1)).toLowerCase();
      if (name === "url" || name === "src")
        refs.push({
          kind: "url",
          value: functionUrl(tokens, i + 1, tokenTypes.String, tokenTypes.RightParenthesis, string.decode),
        });
      else if (!INERT_FUNCTIONS.has(name)) refs.push({ kind: "function", value: name });
    }
    if (token.type !== tokenTypes.WhiteSpace) afterImport = false;
  }
  return refs;
}

/** The URL inside `url(`…`)` whose argument starts at token `from`: a string's value, or the raw text up to `)`. */
function functionUrl(
  tokens: readonly { type: number; text: string }[],
  from: number,
  stringType: number,
  closeType: number,
  decode: (s: string) => string,
): string {
  const inside: { type: number; text: string }[] = [];
  for (let j = from; j < tokens.length && tokens[j]?.type !== closeType; j++)
    inside.push(tokens[j] as { type: number; text: string });
  const meaningful = inside.filter((t) => t.text.trim() !== "");
  const [only] = meaningful;
  if (meaningful.length === 1 && only?.type === stringType) return decode(only.text);
  // `\75 rl(x)` is an unquoted url token to a browser: its text, with CSS escapes decoded.
  return decodeCssEscapes(
    inside
      .map((t) => t.text)
      .join("")
      .trim(),
  );
}

/** Decodes CSS escapes (`\75 ` and `\)`) in raw text. */
function decodeCssEscapes(text: string): string {
  return text.replace(/\\([0-9a-fA-F]{1,6})[ \t\n]?|\\(.)/g, (_, hex: string | undefined, char: string | undefined) =>
    hex !== undefined ? String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff) || 0xfffd) : (char ?? ""),
  );
}

/** A URL in CSS with the source range that holds it: the whole `url(…)`, `@import …` or, in `image-set(…)`, the string. */
export interface CssUrlSpan {
  readonly url: string;
  readonly start: number;
  readonly end: number;
}

/** Functions whose string arguments are URLs that load (besides `url(` and `src(`). */
const IMAGE_FUNCTIONS = new Set(["image-set", "-webkit-image-set", "image", "cross-fade"]);

interface Token {
  readonly type: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Every URL in `css` with its source range, escapes decoded: `url()` in any spelling (its whole
 * range), `@import` (from `@` to the end of its URL), and the strings inside `image-set()`-like
 * functions. What `check` verifies and the single-file builder inlines.
 */
export function cssUrlSpans(css: string): CssUrlSpan[] {
  const { tokenize, tokenTypes, ident, string, url } = cssTree();
  const tokens: Token[] = [];
  tokenize(css, (type: number, start: number, end: number) => {
    if (type !== tokenTypes.Comment && type !== tokenTypes.WhiteSpace) tokens.push({ type, start, end });
  });
  const text = (t: Token): string => css.slice(t.start, t.end);
  const spans: CssUrlSpan[] = [];
  const imageDepth: number[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === tokenTypes.Url) spans.push({ url: url.decode(text(t)), start: t.start, end: t.end });
    else if (t.type === tokenTypes.AtKeyword && ident.decode(text(t).slice(1)).toLowerCase() === "import") {
      const next = tokens[i + 1];
      if (next?.type === tokenTypes.String)
        spans.push({ url: string.decode(text(next)), start: t.start, end: next.end });
      else if (next?.type === tokenTypes.Url)
        spans.push({ url: url.decode(text(next)), start: t.start, end: next.end });
      else if (next?.type === tokenTypes.Function) {
        const close = closing(tokens, i + 2, tokenTypes);
        spans.push({
          url: functionArgument(css, tokens.slice(i + 2, close), tokenTypes.String, string.decode),
          start: t.start,
          end: tokens[close]?.end ?? css.length,
        });
      }
    } else if (t.type === tokenTypes.Function) {
      const name = ident.decode(text(t).slice(0, -1)).toLowerCase();
      if (name === "url" || name === "src") {
        const close = closing(tokens, i + 1, tokenTypes);
        spans.push({
          url: functionArgument(css, tokens.slice(i + 1, close), tokenTypes.String, string.decode),
          start: t.start,
          end: tokens[close]?.end ?? css.length,
        });
        i = close;
        continue;
      }
      depth++;
      if (IMAGE_FUNCTIONS.has(name)) imageDepth.push(depth);
    } else if (t.type === tokenTypes.LeftParenthesis) depth++;
    else if (t.type === tokenTypes.RightParenthesis) {
      if (imageDepth[imageDepth.length - 1] === depth) imageDepth.pop();
      depth = Math.max(0, depth - 1);
    } else if (t.type === tokenTypes.String && imageDepth.length > 0)
      spans.push({ url: string.decode(text(t)), start: t.start, end: t.end });
  }
  return spans;
}

/** Index of the `)` closing a function whose arguments start at `from` (or the end). */
function closing(tokens: readonly Token[], from: number, types: typeof CssTree.tokenTypes): number {
  let depth = 0;
  for (let j = from; j < tokens.length; j++) {
    const type = tokens[j]?.type;
    if (type === types.Function || type === types.LeftParenthesis) depth++;
    else if (type === types.RightParenthesis) {
      if (depth === 0) return j;
      depth--;
    }
  }
  return tokens.length;
}

/** A `url(`…`)` argument: a lone string's value, else the raw text with escapes decoded (`\75 rl(x)` is an unquoted URL to a browser). */
function functionArgument(
  css: string,
  inside: readonly Token[],
  stringType: number,
  decode: (s: string) => string,
): string {
  const [only] = inside;
  if (inside.length === 1 && only?.type === stringType) return decode(css.slice(only.start, only.end));
  const first = inside[0];
  const last = inside[inside.length - 1];
  return first === undefined || last === undefined ? "" : decodeCssEscapes(css.slice(first.start, last.end).trim());
}

/** True when `css` can load nothing: every URL points at a fragment of the same document (`url(#id)`), no other function or at-rule does anything. */
export function isInertCss(css: string): boolean {
  return cssRefs(css).every((r) => r.kind === "url" && r.value.trim().startsWith("#"));
}
