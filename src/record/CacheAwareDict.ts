/**
 * `CacheAwareDict`: a record's state. A `Map` whose `get` hands out the loaded value of a `Lazy`
 * entry, so stage code reads lazy and eager artifacts alike.
 */
import { Lazy } from "./Lazy.js";

/**
 * A Map that resolves `Lazy` values on `get` while `resolve` is true. Iteration (`entries()`,
 * `values()`, `forEach`) shows the stored values, `Lazy` objects included, like `getRaw`.
 */
export class CacheAwareDict extends Map<string, unknown> {
  /**
   * When true, `get` returns a `Lazy`'s loaded value (throwing if not loaded yet); when false it
   * returns the `Lazy` itself, like a plain Map. Stages switch it off while checking inputs.
   */
  resolve = true;

  /** The value under `key`, with a `Lazy` resolved to its loaded value while `resolve` is true. */
  override get(key: string): unknown {
    const value = super.get(key);
    return this.resolve && value instanceof Lazy ? value.value : value;
  }

  /** The value under `key` without resolving: the `Lazy` itself for lazy entries. */
  getRaw(key: string): unknown {
    return super.get(key);
  }

  /** Loads a lazy entry from its cache if needed and returns the value (plain entries as they are). */
  async load(key: string): Promise<unknown> {
    const value = super.get(key);
    return value instanceof Lazy ? value.load() : value;
  }
}
