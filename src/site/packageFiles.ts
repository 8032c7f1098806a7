/**
 * Files that ship with curi-report itself: the static assets every report links (copied, never
 * fetched from a CDN, so reports work air-gapped) and the package version printed in pages.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { COMPARE_APP_SCRIPT } from "../render/compare/compareAppPage.js";
import { CuriError } from "../util/errors.js";
import { ASSETS_DIR, TEMPLATES_DIR } from "../render/templates.js";
import { INDEX_PATHS } from "../render/views/indexPage.js";
import { REPORT_PATHS } from "../render/router.js";

/** The assets each report folder holds (render links them as `style.css` and `report.js`). */
export const ASSET_FILES: readonly string[] = [REPORT_PATHS.style, REPORT_PATHS.script];

/**
 * The assets of the site's own `assets/` folder: the report assets and the bundled in-browser
 * comparison of `compare.html`. Keep in sync with COMPARE_APP_SCRIPT in src/render/compare/compareAppPage.ts.
 */
export const SITE_ASSET_FILES: readonly string[] = [...ASSET_FILES, path.posix.basename(COMPARE_APP_SCRIPT)];

/**
 * Absolute path of the bundled asset `name`, checked to exist: report.js and compare.js are
 * generated from src/browser/ by `npm run bundle` (part of `npm run build`), so a checkout that
 * only ran `tsc` lacks them.
 */
function bundledAsset(name: string): string {
  const file = path.join(ASSETS_DIR, name);
  if (!existsSync(file))
    throw new CuriError(
      `${file} is missing; run \`npm run build\` in curi-report's folder (it bundles the pages' scripts).`,
    );
  return file;
}

/** Absolute path of the bundled comparison script of `compare.html`, checked to exist. */
export function compareAppScript(): string {
  return bundledAsset(path.posix.basename(COMPARE_APP_SCRIPT));
}

/**
 * Folder of the index page's assets inside a site; the index links `assets/style.css`.
 * Keep in sync with `INDEX_PATHS.style`/`.script` in src/render/views/indexPage.ts.
 */
export const SITE_ASSETS_DIR = path.posix.dirname(INDEX_PATHS.style);

/** Name the user's stylesheet (`--css`) gets inside each report folder. */
export const CUSTOM_CSS = REPORT_PATHS.customStyle;

/** Absolute path of `templates/assets`, the source of every copied asset; fails clearly when the bundled report.js is missing. */
export function assetsDir(): string {
  bundledAsset(REPORT_PATHS.script);
  return ASSETS_DIR;
}

/** Absolute path of the curi-report package (the folder holding package.json and templates/). */
export function packageRoot(): string {
  return path.dirname(TEMPLATES_DIR);
}

/** The `version` field of curi-report's package.json (re-exported for the site layer and the library). */
export { packageVersion } from "../util/packageVersion.js";
