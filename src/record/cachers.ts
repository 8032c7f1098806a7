/**
 * The built-in cachers: JSON for plain data, text for strings, raw bytes for anything already
 * serialized (images, archives, model files).
 */
import { readFile, writeFile } from "node:fs/promises";
import type { JsonValue } from "../run/wire.js";
import { Cacher, type CacherOptions } from "./Cacher.js";
import { toJsonValue } from "./jsonify.js";

/** Caches a value as pretty JSON (`.json`); it loads back as plain JSON (Maps as objects, typed arrays as arrays). */
export class JsonCacher extends Cacher<unknown> {
  constructor(options: CacherOptions = {}) {
    super({ extension: ".json", ...options });
  }

  protected async write(file: string, value: unknown): Promise<void> {
    await writeFile(file, `${JSON.stringify(toJsonValue(value), null, 2)}\n`, "utf8");
  }

  protected async read(file: string): Promise<JsonValue> {
    return JSON.parse(await readFile(file, "utf8")) as JsonValue;
  }
}

/** Caches a string as UTF-8 text (`.txt`). */
export class TextCacher extends Cacher<string> {
  constructor(options: CacherOptions = {}) {
    super({ extension: ".txt", ...options });
  }

  protected async write(file: string, value: string): Promise<void> {
    await writeFile(file, String(value), "utf8");
  }

  protected async read(file: string): Promise<string> {
    return readFile(file, "utf8");
  }
}

/** Caches bytes as they are (`.bin`); strings are written as UTF-8. Loads as a `Uint8Array`. */
export class RawCacher extends Cacher<Uint8Array | ArrayBuffer | string> {
  constructor(options: CacherOptions = {}) {
    super({ extension: ".bin", ...options });
  }

  protected async write(file: string, value: Uint8Array | ArrayBuffer | string): Promise<void> {
    await writeFile(file, value instanceof ArrayBuffer ? new Uint8Array(value) : value);
  }

  protected async read(file: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(file));
  }
}
