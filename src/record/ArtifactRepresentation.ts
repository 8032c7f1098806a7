/**
 * `ArtifactRepresentation`: the short description of one artifact in a record's state (name,
 * preview, cache file) that stage maps show. The manager numbers every representation; those
 * numbers are what `stage_inputs`/`stage_outputs` refer to.
 */
import { escapeHtml } from "../util/escape.js";
import type { JsonObject } from "./Cacher.js";
import { Lazy } from "./Lazy.js";
import { previewObject } from "./preview.js";
import type { Record } from "./Record.js";

/** A shorthand representation of an artifact stored in a record, plus its cache facts. */
export class ArtifactRepresentation {
  /** The record whose state holds the artifact. */
  readonly record: Record;
  /** The artifact's name in the state. */
  readonly name: string;
  /** `(<TypeName>) <preview>` with ` shape: (…)` or ` len: n`; for an unloaded Lazy, from its cache metadata. */
  readonly string: string;
  /** The cache metadata when the artifact was cached, else null. */
  readonly metadata: JsonObject | null;
  /** The cache file (absolute), or null when the artifact has no cacher. */
  path: string | null = null;
  /** Position in the manager's `artifacts`, or null while not added (hidden records). */
  index: number | null = null;

  constructor(record: Record, name: string, artifact: unknown, metadata: JsonObject | null = null) {
    this.record = record;
    this.name = name;
    this.metadata = metadata;
    this.string = representationOf(name, artifact, metadata);
  }

  /** The string escaped for HTML text and attributes (`&` first, so nothing is double-escaped). */
  htmlSafe(): string {
    return escapeHtml(this.string);
  }
}

function representationOf(name: string, artifact: unknown, metadata: JsonObject | null): string {
  if (!(artifact instanceof Lazy)) return previewObject(artifact);
  if (artifact.isLoaded) return previewObject(artifact.value);
  const preview = metadata?.["preview"];
  return typeof preview === "string" ? preview : `(Lazy) ${name}`;
}
