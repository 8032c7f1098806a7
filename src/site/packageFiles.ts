/**
 * Files that ship with curi-report itself: the static assets every report links (copied, never
 * fetched from a CDN, so reports work air-gapped) and the package version printed in pages.
 * Which asset goes where is the router's to say (REPORT_ASSET_FILES, SITE_ASSET_FILES).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { CuriError } from "../util/errors.js";
import { ASSETS_DIR, TEMPLATES_DIR } from "../render/templates.js";
import { REPORT_ASSET_FILES, REPORT_PATHS, SITE_PATHS } from "../render/router.js";

export { SITE_ASSET_FILES, SITE_ASSETS_DIR } from "../render/router.js";

/** The assets each report folder holds, under the same names (the router's REPORT_ASSET_FILES). */
export const ASSET_FILES: readonly string[] = REPORT_ASSET_FILES;

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
  return bundledAsset(path.posix.basename(SITE_PATHS.compareAppScript));
}

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
