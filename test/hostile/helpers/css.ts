/**
 * What a piece of CSS in a built file could load or run, read with css-tree's tokenizer (the CSS
 * Syntax spec's tokens, as browsers read them): `url()` in any spelling (`\75 rl(` is `url(`), the
 * strings of functions that load (`image-set()`, `src()`), `@import`, and the old ways of running
 * script from CSS. The test keeps its own reading rather than the product's (cssRefs.ts), so a
 * mistake there cannot hide here.
 */
import { tokenize, tokenTypes } from "css-tree";

/** Functions whose string arguments are URLs that load. */
const LOADING_FUNCTIONS = new Set(["url", "src", "image-set", "-webkit-image-set"]);

/** CSS escapes decoded (`\75 ` → `u`, `\(` → `(`), as the tokenizer's names and values mean them. */
export function decodeCssEscapes(text: string): string {
  return text.replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\([^\n\r\f0-9a-fA-F])/g, (_, hex: string, char: string) =>
    hex === undefined ? char : String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff) || 0xfffd),
  );
}

/** The URL inside an unquoted `url(…)` token's text. */
function urlTokenValue(token: string): string {
  const inner = token.slice(token.indexOf("(") + 1, token.lastIndexOf(")"));
  return decodeCssEscapes(inner.trim());
}

/** A string token's value, without its quotes. */
function stringValue(token: string): string {
  const quote = token[0] ?? "";
  return decodeCssEscapes(token.slice(1, token.endsWith(quote) && token.length > 1 ? -1 : undefined));
}

/**
 * The problems of `css` found in `where` (`"<style>"`, `"<rect style>"`): every URL it would load
 * that `loads` does not allow, every `@import`, and `expression()`, `-moz-binding` and `behavior`.
 */
export function cssProblems(css: string, where: string, loads: (url: string) => boolean): string[] {
  const problems: string[] = [];
  const check = (url: string): void => {
    if (!loads(url)) problems.push(`${where} loads ${url}`);
  };
  // Open functions and parentheses, innermost last: a string inside image-set( loads, one inside
  // attr( does not. A url( spelled with escapes comes as a function; its raw content is its URL.
  const open: { name: string; start: number; strings: number }[] = [];
  tokenize(css, (type, start, end) => {
    const text = css.slice(start, end);
    if (type === tokenTypes.Url) check(urlTokenValue(text));
    else if (type === tokenTypes.Function || type === tokenTypes.LeftParenthesis) {
      const name = type === tokenTypes.Function ? decodeCssEscapes(text.slice(0, -1)).toLowerCase() : "(";
      open.push({ name, start: end, strings: 0 });
      if (name === "expression") problems.push(`${where} has a CSS expression()`);
    } else if (type === tokenTypes.RightParenthesis) {
      const fn = open.pop();
      if (fn?.name === "url" && fn.strings === 0) check(decodeCssEscapes(css.slice(fn.start, start).trim()));
    } else if (type === tokenTypes.String && open.some((f) => LOADING_FUNCTIONS.has(f.name))) {
      const innermost = open.at(-1);
      if (innermost !== undefined) innermost.strings++;
      check(stringValue(text));
    } else if (type === tokenTypes.AtKeyword && decodeCssEscapes(text).toLowerCase() === "@import") {
      problems.push(`${where} has an @import`);
    } else if (type === tokenTypes.Ident) {
      const name = decodeCssEscapes(text).toLowerCase();
      if (name === "-moz-binding" || name === "behavior") problems.push(`${where} has ${name}`);
    }
  });
  return problems;
}
