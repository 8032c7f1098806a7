/**
 * View data every page's layout needs: title, stylesheets, script, the Content-Security-Policy
 * and the generator version. Links here are relative URLs from the page itself.
 */
import { CSP } from "../templates.js";

/** What `layouts/page.eta` reads from `it.page`. */
export interface PageMeta {
  readonly title: string;
  readonly version: string;
  readonly csp: string;
  /** Relative URLs of stylesheets, in cascade order. */
  readonly styles: readonly string[];
  /** Relative URL of the page's script, or null for none. */
  readonly script: string | null;
  /** Relative URLs of further scripts, run after it in order (deferred); `[]` for most pages. */
  readonly moreScripts: readonly string[];
  /** `content` of a meta refresh (e.g. `0; url=../x/index.html`), or null. */
  readonly refresh: string | null;
  readonly bodyClass: string;
}

/** Builds page metadata with the shared CSP; `refresh` and `script` default to none. */
export function pageMeta(input: {
  title: string;
  version: string;
  styles: readonly string[];
  script?: string | null;
  moreScripts?: readonly string[];
  refresh?: string | null;
  bodyClass: string;
}): PageMeta {
  return { csp: CSP, script: null, moreScripts: [], refresh: null, ...input };
}
