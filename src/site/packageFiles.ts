/**
 * Files that ship with curi-report itself: the static assets every report links (copied, never
 * fetched from a CDN, so reports work air-gapped) and the package version printed in pages.
 */
import path from "node:path";
import { ASSETS_DIR, TEMPLATES_DIR } from "../render/templates.js";
import { INDEX_PATHS } from "../render/indexPage.js";
import { REPORT_PATHS } from "../render/router.js";

/** The assets each report folder holds (render links them as `style.css` and `report.js`). */
export const ASSET_FILES: readonly string[] = [REPORT_PATHS.style, REPORT_PATHS.script];

/**
 * Folder of the index page's assets inside a site; the index links `assets/style.css`.
 * Keep in sync with `INDEX_PATHS.style`/`.script` in src/render/indexPage.ts.
 */
export const SITE_ASSETS_DIR = path.posix.dirname(INDEX_PATHS.style);

/** Name the user's stylesheet (`--css`) gets inside each report folder. */
export const CUSTOM_CSS = REPORT_PATHS.customStyle;

/** Absolute path of `templates/assets`, the source of every copied asset. */
export function assetsDir(): string {
  return ASSETS_DIR;
}

/** Absolute path of the curi-report package (the folder holding package.json and templates/). */
export function packageRoot(): string {
  return path.dirname(TEMPLATES_DIR);
}

/** The `version` field of curi-report's package.json (re-exported for the site layer and the library). */
export { packageVersion } from "../util/packageVersion.js";
