/**
 * `Lazy`: a stage output that is written to its cache and then read back only when a later stage
 * asks for it, so large artifacts need not stay in memory (curifactory's `Lazy`).
 */
import type { Cacher, CacheTarget } from "./Cacher.js";
import type { SelfCopying } from "./deepCopy.js";
import { NotLoadedError } from "./errors.js";

/** Options of a `Lazy` output. */
export interface LazyOptions {
  /** When true (default) a stage taking this input receives the loaded value; when false, the `Lazy`. */
  readonly resolve?: boolean;
}

/** A value kept in a cache file and loaded on demand. Declare outputs as `new Lazy("name")`. */
export class Lazy<T = unknown> implements SelfCopying {
  /** The artifact name. */
  readonly name: string;
  /** Whether stages receive the loaded value (true) or this object (false). */
  readonly resolve: boolean;
  private binding: { readonly cacher: Cacher; readonly target: CacheTarget } | null = null;
  private loading: Promise<T> | null = null;
  private loaded: { readonly value: T } | null = null;

  constructor(name: string, options: LazyOptions = {}) {
    this.name = name;
    this.resolve = options.resolve ?? true;
  }

  /**
   * A new `Lazy` of the same name that loads with `cacher` from the cache file of `target`. Pass
   * `value` when the cache was not written (dry runs): the Lazy then starts out loaded.
   */
  bind(cacher: Cacher, target: CacheTarget, value?: { readonly value: T }): Lazy<T> {
    const bound = new Lazy<T>(this.name, { resolve: this.resolve });
    bound.binding = { cacher, target };
    if (value !== undefined) bound.loaded = { value: value.value };
    return bound;
  }

  /** The cacher this value loads with, or null before a stage bound it. */
  get cacher(): Cacher | null {
    return this.binding?.cacher ?? null;
  }

  /** The cache file of this value, or null before a stage bound it. */
  get path(): string | null {
    return this.binding === null ? null : this.binding.cacher.getPath(this.binding.target);
  }

  /** True once `load()` has completed. */
  get isLoaded(): boolean {
    return this.loaded !== null;
  }

  /** The loaded value; throws `NotLoadedError` before `load()` completed. */
  get value(): T {
    if (this.loaded === null) {
      throw new NotLoadedError(
        `Lazy artifact "${this.name}" is not loaded yet; await record.state.load("${this.name}") (or lazy.load()) before reading it.`,
      );
    }
    return this.loaded.value;
  }

  /** Reads the value from its cache (once; later calls return the same value). */
  async load(): Promise<T> {
    if (this.loaded !== null) return this.loaded.value;
    const binding = this.binding;
    if (binding === null) {
      throw new NotLoadedError(
        `Lazy artifact "${this.name}" has no cache to load from; declare it as a stage output with a cacher.`,
      );
    }
    this.loading ??= binding.cacher.load(binding.target).then((value) => {
      this.loaded = { value: value as T };
      return value as T;
    });
    return this.loading;
  }

  /** Drops the loaded value from memory; the next `load()` reads the cache again. */
  unload(): void {
    this.loaded = null;
    this.loading = null;
  }

  /** Copy for `Record.makeCopy`: same cache file, loaded value deep-copied. */
  copyForRecord(copyValue: (value: unknown) => unknown): Lazy<T> {
    const copy = new Lazy<T>(this.name, { resolve: this.resolve });
    copy.binding = this.binding;
    if (this.loaded !== null) copy.loaded = { value: copyValue(this.loaded.value) as T };
    return copy;
  }
}
