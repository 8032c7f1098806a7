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
  "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "color-mix", "calc", "min", "max", "clamp", "var", "env",
  "translate", "translatex", "translatey", "translate3d", "rotate", "rotatex", "rotatey", "rotatez", "scale", "scalex", "scaley", "scale3d",
  "skew", "skewx", "skewy", "matrix", "matrix3d", "perspective", "linear-gradient", "radial-gradient", "conic-gradient",
  "repeating-linear-gradient", "repeating-radial-gradient", "steps", "cubic-bezier", "attr", "counter", "counters", "format", "local", "not", "is", "where", "nth-child", "nth-of-type",
]);

/** At-rules that load nothing themselves (their `url()`s are found as such). */
const INERT_AT_RULES = new Set(["media", "supports", "keyframes", "-webkit-keyframes", "font-face", "page", "layer", "container"]);

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
    } else if (token.type === tokenTypes.String && afterImport) refs.push({ kind: "url", value: string.decode(token.text) });
    else if (token.type === tokenTypes.Function) {
      const name = ident.decode(token.text.slice(0, -1)).toLowerCase();
      if (name === "url" || name === "src") refs.push({ kind: "url", value: functionUrl(tokens, i + 1, tokenTypes.String, tokenTypes.RightParenthesis, string.decode) });
      else if (!INERT_FUNCTIONS.has(name)) refs.push({ kind: "function", value: name });
    }
    if (token.type !== tokenTypes.WhiteSpace) afterImport = false;
  }
  return refs;
}

/** The URL inside `url(`…`)` whose argument starts at token `from`: a string's value, or the raw text up to `)`. */
function functionUrl(tokens: readonly { type: number; text: string }[], from: number, stringType: number, closeType: number, decode: (s: string) => string): string {
  const inside: { type: number; text: string }[] = [];
  for (let j = from; j < tokens.length && tokens[j]?.type !== closeType; j++) inside.push(tokens[j] as { type: number; text: string });
  const meaningful = inside.filter((t) => t.text.trim() !== "");
  const [only] = meaningful;
  if (meaningful.length === 1 && only?.type === stringType) return decode(only.text);
  // `\75 rl(x)` is an unquoted url token to a browser: its text, with CSS escapes decoded.
  return decodeCssEscapes(inside.map((t) => t.text).join("").trim());
}

/** Decodes CSS escapes (`\75 ` and `\)`) in raw text. */
function decodeCssEscapes(text: string): string {
  return text.replace(/\\([0-9a-fA-F]{1,6})[ \t\n]?|\\(.)/g, (_, hex: string | undefined, char: string | undefined) => (hex !== undefined ? String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff) || 0xfffd) : (char ?? "")));
}

/** True when `css` can load nothing: every URL points at a fragment of the same document (`url(#id)`), no other function or at-rule does anything. */
export function isInertCss(css: string): boolean {
  return cssRefs(css).every((r) => r.kind === "url" && r.value.trim().startsWith("#"));
}
