/**
 * What `summary --base` compares with: a run folder (or runs/latest), a site's `latest.json` (the
 * newest run's facts embedded by the index), or a report folder's `results.json`. A JSON base is
 * read through its format (bounded, versioned, validated): an unusable one is an input error
 * (exit 4) that says what to pass, never a crash.
 */
import { readFile, stat } from "node:fs/promises";
import { runFacts, type RunFacts } from "../render/facts/runFacts.js";
import { latestFromDocument, MAX_LATEST_BYTES } from "../render/formats/latest.js";
import { resultsFromDocument } from "../render/formats/results.js";
import { readRun } from "../run/read.js";
import { InputNotFoundError, InvalidFormatError } from "../util/errors.js";

/** What to pass instead, said in every refusal. */
const PASS = "pass a run folder, runs/latest, or the latest.json of the published site";

/** Reads the base facts from `file` (absolute); `shown` names it in errors. */
export async function loadBaseFacts(file: string, shown: string): Promise<RunFacts> {
  const info = await stat(file).catch(() => null);
  if (info === null) throw new InputNotFoundError(`--base ${shown} does not exist; ${PASS}.`);
  if (info.isDirectory()) return runFacts(await readRun(file));
  if (!info.isFile()) throw new InvalidFormatError(`--base ${shown} is not a regular file; ${PASS}.`);
  if (info.size > MAX_LATEST_BYTES)
    throw new InvalidFormatError(`--base ${shown} is ${info.size} bytes, too big for a latest.json; ${PASS}.`);
  const text = await readFile(file, "utf8");
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new InvalidFormatError(
      `--base ${shown} is not valid JSON (${error instanceof Error ? error.message : String(error)}); download the site's latest.json again, or ${PASS.slice(5)}.`,
      { cause: error },
    );
  }
  // latest.json holds `facts`; a report folder's results.json is the facts themselves.
  if (typeof doc === "object" && doc !== null && !Object.hasOwn(doc, "facts")) return resultsFromDocument(doc, shown);
  const latest = latestFromDocument(doc, shown);
  if (latest.facts === null)
    throw new InvalidFormatError(
      `${shown}#/facts: the site's latest.json has no run facts (no reports yet, or the newest report was built by a curi-report before 0.2); rebuild the site with this version, or pass a run folder.`,
    );
  return latest.facts;
}
