/**
 * Digests of the image and figure files runs name, so a comparison counts an unchanged image as
 * the same (by a SHA-256 of its bytes), and each report's comparison data file built with them.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { compareDataOf, compareDataScript, SITE_LIMITS } from "../render/compareData.js";
import type { Run } from "../run/model.js";
import { InputNotFoundError } from "../util/errors.js";

/** SHA-256 of a reportable's file (reportable files are already confined to their run folder by the reader). */
export function fileDigest(r: { readonly file: { readonly absolute: string } }): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(r.file.absolute);
  } catch (error) {
    throw new InputNotFoundError(`${r.file.absolute} could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); restore the file the run names, or run the experiment again.`, { cause: error });
  }
  return createHash("sha256").update(bytes).digest("hex");
}

/** The text of a report's `compare-data.js` (bounded by SITE_LIMITS), which the site's `compare.html` loads. */
export function compareDataFileText(run: Run): string {
  return compareDataScript(compareDataOf(run, { fileDigest, limits: SITE_LIMITS }));
}
