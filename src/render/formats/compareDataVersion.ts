/**
 * The comparison data's version numbers, apart from its reader (formats/compareData.ts) so that the
 * browser's comparison core (compare/compareCore.ts, bundled into compare.js) can check a version
 * without bundling the reader and its validators.
 */

/**
 * Version of the comparison data format written (3: facts version 2, with each metric's goal, its
 * source and tolerance, and line plots' data). Readers also take versions 2 (chunks) and 1 (one
 * file, no chunks, possibly `partial`), which older reports of a site still hold.
 */
export const COMPARE_DATA_VERSION = 3;

/** Every version of the comparison data this curi-report reads. */
export const COMPARE_DATA_VERSIONS: readonly number[] = [COMPARE_DATA_VERSION, 2, 1];

/** Whether data of `version` can be read by this curi-report. */
export function readableCompareVersion(version: unknown): boolean {
  return COMPARE_DATA_VERSIONS.includes(version as number);
}
