/**
 * Bounded concurrency for file work: many small reads or writes one after another wait on the disk
 * one at a time, all at once exhaust file handles; a few dozen in flight keep the disk busy.
 */

/** Runs `fn` over `items` with at most `limit` calls in flight; results come back in input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Runs `fn` over the items of `items` as they come, with at most `limit` calls in flight. Items are
 * pulled only when a slot is free, so a lazy iterable (pages rendered one at a time) is never held
 * whole in memory. Rejects with the first failure.
 */
export async function forEachLimited<T>(
  items: Iterable<T>,
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async (): Promise<void> => {
    for (let step = iterator.next(); step.done !== true; step = iterator.next()) await fn(step.value);
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}
