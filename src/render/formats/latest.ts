/**
 * The `latest.json` format (schema/latest.schema.json), at a site's root: which run is newest, where
 * its report is, and its facts, the base `summary --base` compares a pull request's run with.
 */
import { SITE_PATHS } from "../router/sitePaths.js";
import type { RunFacts } from "../facts/factsWire.js";
import { checkFormatDocument, readFormatText, type FormatSpec } from "./format.js";
import { latest as validateLatest } from "./formatValidators.generated.js";
import { resultsFromDocument } from "./results.js";

/**
 * Version of the latest.json format written (2: its facts are of facts version 2). Versions 1
 * and 2 are read; files written before formats had versions are read as version 1.
 */
export const LATEST_VERSION = 2;

/** Largest latest.json read: its facts are at most a results.json. */
export const MAX_LATEST_BYTES = 16 * 1024 * 1024;

/** What `latest.json` says: the newest run, or nulls when there is none. Paths are relative to the site root. */
export interface LatestJson {
  readonly reference: string | null;
  readonly path: string | null;
  readonly timestamp: string | null;
  /** The newest run's facts (its report's results.json as written), or null when unknown. */
  readonly facts: unknown;
}

/** The latest.json format, for `readFormatText`. */
export const LATEST_FORMAT: FormatSpec = {
  name: SITE_PATHS.latestJson,
  schema: "latest.schema.json",
  versionField: "latest_version",
  versions: [LATEST_VERSION, 1],
  unversioned: 1,
  maxBytes: MAX_LATEST_BYTES,
  remedy: "download the site's latest.json again, or pass a run folder",
  validate: validateLatest,
};

/** The text of `latest.json`: its fields, then the version. 2-space indent, ends with a newline. */
export function latestJsonText(latest: LatestJson): string {
  return `${JSON.stringify({ ...latest, latest_version: LATEST_VERSION }, null, 2)}\n`;
}

/** A latest.json read back: where the newest run is, and its facts (null when the site had none). */
export interface LatestRun {
  readonly reference: string | null;
  readonly path: string | null;
  readonly timestamp: string | null;
  readonly facts: RunFacts | null;
}

/** The newest run in `text` (the contents of `file`); throws when the file is refused (see format.ts). */
export function readLatestText(text: string, file: string): LatestRun {
  return latestFromDocument(readFormatText(LATEST_FORMAT, text, file), file);
}

/** A latest.json already parsed, checked and converted (throws as `readLatestText`). */
export function latestFromDocument(parsed: unknown, file: string): LatestRun {
  const doc = checkFormatDocument(LATEST_FORMAT, parsed, file);
  return {
    reference: doc["reference"] as string | null,
    path: doc["path"] as string | null,
    timestamp: doc["timestamp"] as string | null,
    facts: doc["facts"] === null ? null : resultsFromDocument(doc["facts"], `${file}#/facts`),
  };
}
