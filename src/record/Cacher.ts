/**
 * `Cacher`: saves one stage output to `[cache]/[subdir/][prefix]_[hash]_[stage]_[name][ext]` with
 * a `…_metadata.json` beside it, and loads it back, so a re-run with the same args skips the stage.
 * Subclass it for a new format: pass a default `extension` and implement `write` and `read`.
 */
import { access, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { JsonValue } from "../run/wire.js";
import { CacheReadError } from "./errors.js";
import { previewObject } from "./preview.js";
import type { Record } from "./Record.js";
import { makeDirectory } from "../util/makeDirectory.js";

/** Which artifact a cacher is handling: the record, the stage and the output name. */
export interface CacheTarget {
  readonly record: Record;
  readonly stage: string;
  readonly name: string;
}

/** Options every cacher takes. */
export interface CacherOptions {
  /** File extension with its dot, e.g. `.json`; each cacher has its own default. */
  readonly extension?: string;
  /** Sub-folder(s) of the cache folder to put the file in. */
  readonly subdir?: string;
  /** A prefix other than the manager's (shares a cache across experiments; mind provenance). */
  readonly prefix?: string;
  /** Extra facts to store in the metadata's `extra` field. */
  readonly extra?: { readonly [key: string]: JsonValue };
}

/** A JSON object, as written in metadata files. */
export type JsonObject = { [key: string]: JsonValue };

/** Base class of cachers: paths, existence checks and metadata here; the file format in subclasses. */
export abstract class Cacher<T = unknown> {
  /** File extension with its dot (may be empty). */
  readonly extension: string;
  /** Sub-folder of the cache folder, if any. */
  readonly subdir: string | undefined;
  /** Prefix replacing the manager's, if any. */
  readonly prefix: string | undefined;
  /** Facts stored in the metadata's `extra`. */
  readonly extra: JsonObject;

  constructor(options: CacherOptions = {}) {
    this.extension = options.extension ?? "";
    this.subdir = options.subdir;
    this.prefix = options.prefix;
    this.extra = { ...(options.extra ?? {}) };
  }

  /** Writes `value` to `file` (the folder exists). */
  protected abstract write(file: string, value: T): Promise<void>;

  /** Reads the value back from `file`. */
  protected abstract read(file: string): Promise<T>;

  /** Absolute path of the artifact's cache file. */
  getPath(target: CacheTarget, track = false): string {
    return target.record.getPath(`${target.name}${this.extension}`, this.pathOptions(target, track));
  }

  /** Absolute path of the artifact's metadata file (`…_<name>_metadata.json`). */
  getMetadataPath(target: CacheTarget, track = false): string {
    return target.record.getPath(`${target.name}_metadata.json`, this.pathOptions(target, track));
  }

  private pathOptions(
    target: CacheTarget,
    track: boolean,
  ): { stageName: string; subdir?: string; prefix?: string; track: boolean } {
    return {
      stageName: target.stage,
      track,
      ...(this.subdir === undefined ? {} : { subdir: this.subdir }),
      ...(this.prefix === undefined ? {} : { prefix: this.prefix }),
    };
  }

  /** True when the artifact's cache file exists. */
  async check(target: CacheTarget): Promise<boolean> {
    return exists(this.getPath(target));
  }

  /**
   * Writes the value and its metadata (skipped when the manager is dry or dry-cache) and returns
   * the metadata. Both files are tracked for a full store.
   */
  async save(target: CacheTarget, value: T): Promise<JsonObject> {
    const metadata = this.buildMetadata(target, value);
    const manager = target.record.manager;
    if (manager.dry || manager.dryCache) return metadata;
    const file = this.getPath(target, true);
    await makeDirectory(path.dirname(file));
    await this.write(file, value);
    await writeFile(this.getMetadataPath(target, true), `${JSON.stringify(metadata, null, 2)}\n`, "utf8");
    return metadata;
  }

  /** Loads the cached value; a file that cannot be read becomes a `CacheReadError` naming it. */
  async load(target: CacheTarget): Promise<T> {
    const file = this.getPath(target);
    try {
      return await this.read(file);
    } catch (error) {
      throw new CacheReadError(
        `Cannot read cached artifact ${file} with ${this.constructor.name}; delete it (or run with overwrite) to recompute it.`,
        { cause: error },
      );
    }
  }

  /** Loads the metadata written beside the cache file, or null when it is missing or unreadable. */
  async loadMetadata(target: CacheTarget): Promise<JsonObject | null> {
    try {
      const parsed = JSON.parse(await readFile(this.getMetadataPath(target), "utf8")) as unknown;
      return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as JsonObject) : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      target.record.manager.log.warn(
        `ignoring unreadable cache metadata ${this.getMetadataPath(target)}: ${String(error)}`,
      );
      return null;
    }
  }

  /** Marks the cache and metadata files for copying into a full store (used on a cache hit). */
  track(target: CacheTarget): void {
    this.getPath(target, true);
    this.getMetadataPath(target, true);
  }

  /** Facts to store in the metadata's `extra`; override to add format details. */
  protected extraMetadata(_value: T): JsonObject {
    return this.extra;
  }

  /** The metadata of one artifact (curifactory's fields, with args for params). */
  buildMetadata(target: CacheTarget, value: T): JsonObject {
    const { record, stage, name } = target;
    const info = record.manager.runInfo();
    // The run that generated the artifact, without status, params and notes (which can be long
    // and are repeated for every artifact); the reference leads to the rest.
    const runInfo: JsonObject = {
      reference: info.reference,
      experiment_name: info.experiment_name,
      run_number: info.run_number,
      timestamp: info.timestamp,
      commit: info.commit,
      workdir_dirty: info.workdir_dirty,
      hostname: info.hostname,
    };
    const prior = record.stages.at(-1) === stage ? record.stages.slice(0, -1) : [...record.stages];
    return {
      artifact_generated: record.manager.timestampOf(record.manager.now()),
      args_hash: record.getHash(),
      args_name: record.args?.name ?? null,
      record_name: record.getReferenceName(),
      stage,
      artifact_name: name,
      cacher_type: this.constructor.name,
      record_prior_stages: prior,
      prior_records: record.inputRecords.map((input) => input.getReferenceName()),
      extra: this.extraMetadata(value),
      manager_run_info: runInfo,
      preview: previewObject(value),
    };
  }
}

/** True when `file` exists. */
export async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
