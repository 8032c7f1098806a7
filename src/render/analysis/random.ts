/**
 * Seeded pseudo-random numbers for the sweep analysis: render is deterministic (lint forbids
 * Math.random), yet a random forest needs bootstrap samples and thinning needs a sample that does
 * not alias with the order of a grid sweep (every 20th record of a 4 × 5 grid is one configuration).
 */

/** A source of numbers in [0, 1): the same seed gives the same sequence on every machine. */
export type Random = () => number;

/** Seeds the analysis uses, one per purpose, so changing one use leaves the others' numbers alone. */
export const SEEDS = { forest: 0x5eed_0001, background: 0x5eed_0002, thin: 0x5eed_0003, jitter: 0x5eed_0004 } as const;

/**
 * mulberry32 (Tommy Ettinger's public-domain 32-bit generator): tiny, fast, and well distributed
 * enough for bootstrap samples and thinning; not for cryptography.
 */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [0, n) from `random`. */
export function randomInt(random: Random, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

/**
 * `k` distinct positions out of `0..n-1`, ascending: every position of `keep` (in range) and the
 * rest drawn uniformly by a partial Fisher–Yates shuffle. All of them when `k >= n`.
 */
export function samplePositions(n: number, k: number, seed: number, keep: readonly number[] = []): number[] {
  if (k >= n) return Array.from({ length: n }, (_, i) => i);
  const chosen = new Set(keep.filter((i) => Number.isInteger(i) && i >= 0 && i < n).slice(0, k));
  const pool = new Int32Array(n - chosen.size);
  let m = 0;
  for (let i = 0; i < n; i++) if (!chosen.has(i)) pool[m++] = i;
  const random = mulberry32(seed);
  for (let j = 0; chosen.size < k && j < pool.length; j++) {
    const pick = j + randomInt(random, pool.length - j);
    const swap = pool[pick] as number;
    pool[pick] = pool[j] as number;
    pool[j] = swap;
    chosen.add(swap);
  }
  return [...chosen].sort((a, b) => a - b);
}
