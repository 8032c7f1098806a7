/**
 * What `summary --base` compares with: a run folder (or runs/latest), a site's `latest.json` (the
 * newest run's facts embedded by the index), or a report folder's `results.json`.
 */
import { readFile, stat } from "node:fs/promises";
import { factsFromJson, runFacts, type RunFacts } from "../render/facts/runFacts.js";
import { readRun } from "../run/read.js";
import { CuriError, InputNotFoundError } from "../util/errors.js";

/** Largest base JSON file read (latest.json of a 10,000-record run is a few MiB). */
const MAX_BASE_BYTES = 64 * 1024 * 1024;

/** Reads the base facts from `file` (absolute); `shown` names it in errors. */
export async function loadBaseFacts(file: string, shown: string): Promise<RunFacts> {
  const info = await stat(file).catch(() => null);
  if (info === null)
    throw new InputNotFoundError(
      `--base ${shown} does not exist; pass a run folder, runs/latest, or the latest.json of the published site.`,
    );
  if (info.isDirectory()) return runFacts(await readRun(file));
  if (info.size > MAX_BASE_BYTES)
    throw new CuriError(
      `--base ${shown} is ${info.size} bytes, too big for a latest.json; pass the site's latest.json or a run folder.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new CuriError(
      `--base ${shown} is not valid JSON (${error instanceof Error ? error.message : String(error)}); download the site's latest.json again.`,
      { cause: error },
    );
  }
  const obj =
    typeof json === "object" && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  if (!Object.hasOwn(obj, "facts")) return factsFromJson(json, shown);
  if (obj.facts === null || obj.facts === undefined) {
    throw new CuriError(
      `${shown}/facts: the site's latest.json has no run facts (no reports yet, or the newest report was built by a curi-report before 0.2); rebuild the site with this version, or pass a run folder.`,
    );
  }
  return factsFromJson(obj.facts, `${shown}#/facts`);
}
