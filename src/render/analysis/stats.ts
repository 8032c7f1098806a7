/**
 * The statistics of the sweep analysis. Descriptive statistics (mean, standard deviation,
 * quantiles, log-gamma) come from simple-statistics; what it lacks is here: η² of a one-way
 * grouping, Welch's two-sample t-test and the Student t distribution it needs (the regularized
 * incomplete beta function by Lentz's continued fraction, as in Numerical Recipes §6.4), and
 * Spearman's ρ split into mid-ranks and their correlation, so a metric's ranks are computed once
 * for every arg (simple-statistics' sampleRankCorrelation ranks both sides on every call). Tested
 * against SciPy's values.
 */
import { gammaln, mean, quantileSorted, sampleStandardDeviation } from "simple-statistics";

/** Five-number summary and mean of a sample, for a box plot. */
export interface BoxStats {
  readonly n: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  readonly mean: number;
}

/** The mean of `values` (NaN for none). */
export function meanOf(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : mean(values as number[]);
}

/** The sample standard deviation (n − 1), or null for fewer than two values. */
export function stdOf(values: readonly number[]): number | null {
  return values.length < 2 ? null : sampleStandardDeviation(values as number[]);
}

/** Box statistics of a non-empty sample (quartiles by linear interpolation, numpy's default). */
export function boxStats(values: readonly number[]): BoxStats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] as number,
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
    max: sorted[sorted.length - 1] as number,
    mean: meanOf(sorted),
  };
}

/** Population variance (divisor n), the total that variance shares are fractions of. */
export function populationVariance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const m = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - m) ** 2;
  return ss / n;
}

/** Ranks of `values` from 1, ties sharing the mean of their ranks (mid-ranks, as Spearman's ρ needs). */
export function midranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Float64Array(n);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && values[order[end] as number] === values[order[start] as number]) end++;
    const rank = (start + end + 1) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank;
    start = end;
  }
  return ranks;
}

/** Pearson's r of two rank vectors (Spearman's ρ when they are mid-ranks), or null when either is constant or n < 3. */
export function rankCorrelation(rx: ArrayLike<number>, ry: ArrayLike<number>): number | null {
  const n = rx.length;
  if (n < 3) return null;
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (rx[i] as number) - mean;
    const dy = (ry[i] as number) - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0) || !(syy > 0)) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Spearman's ρ of `x` and `y` (mid-ranks for ties), or null when either is constant or n < 3. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  return rankCorrelation(midranks(x), midranks(y));
}

/**
 * η² of `y` grouped by `group` (integer codes): the share of y's sum of squares between the
 * groups' means, the effect size of a one-way ANOVA. Null when y is constant or there is one group.
 */
export function etaSquared(group: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const sums = new Map<number, { n: number; sum: number }>();
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const g = sums.get(group[i] as number) ?? { n: 0, sum: 0 };
    g.n += 1;
    g.sum += y[i] as number;
    sums.set(group[i] as number, g);
    total += y[i] as number;
  }
  const grand = total / y.length;
  let ssTotal = 0;
  for (let i = 0; i < y.length; i++) ssTotal += ((y[i] as number) - grand) ** 2;
  if (sums.size < 2 || !(ssTotal > 0)) return null;
  let ssBetween = 0;
  for (const g of sums.values()) ssBetween += g.n * (g.sum / g.n - grand) ** 2;
  return Math.min(1, ssBetween / ssTotal);
}

/** Welch's unequal-variance t-test of two samples' means. */
export interface WelchResult {
  /** Mean of a minus mean of b. */
  readonly difference: number;
  /** Standard error of the difference. */
  readonly se: number;
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  readonly df: number;
  /** Two-sided p-value. */
  readonly p: number;
}

/** Welch's t-test of a's mean against b's; null unless both have at least two values. */
export function welchTest(a: readonly number[], b: readonly number[]): WelchResult | null {
  const sa = stdOf(a);
  const sb = stdOf(b);
  if (sa === null || sb === null) return null;
  const va = sa ** 2 / a.length;
  const vb = sb ** 2 / b.length;
  const difference = meanOf(a) - meanOf(b);
  const se = Math.sqrt(va + vb);
  if (se === 0) {
    // No spread at all: any difference is exact, none is a tie.
    return {
      difference,
      se,
      t: difference === 0 ? 0 : Math.sign(difference) * Infinity,
      df: Infinity,
      p: difference === 0 ? 1 : 0,
    };
  }
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const t = difference / se;
  return { difference, se, t, df, p: studentTwoSidedP(t, df) };
}

/** Two-sided p-value of Student's t with `df` degrees of freedom: P(|T| ≥ |t|). */
export function studentTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, Math.max(0, incompleteBeta(df / (df + t * t), df / 2, 0.5)));
}

/** The regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log1p(-x));
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/** The continued fraction of the incomplete beta function, by the modified Lentz method. */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const clamp = (v: number): number => (Math.abs(v) < tiny ? tiny : v);
  let c = 1;
  let d = 1 / clamp(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= 300; m++) {
    // Each round applies an even and an odd term of the fraction; it has converged when the odd one changes nothing.
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / clamp(1 + even * d);
    c = clamp(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / clamp(1 + odd * d);
    c = clamp(1 + odd / c);
    h *= d * c;
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}
