/**
 * Which args matter for a metric: fANOVA-style variance shares from a small seeded random forest,
 * with a rank correlation (numeric args) or η² (categorical args) beside each. A share is the
 * variance of the arg's main effect (the forest's partial dependence on it, weighted by how often
 * each value occurs) over the variance of the metric; what the shares leave is interactions
 * between args and noise (seeds).
 */
import { fitForest, partialDependence, type Binned, type ForestOptions } from "./forest.js";
import { samplePositions, SEEDS } from "./random.js";
import { etaSquared, midranks, populationVariance, rankCorrelation } from "./stats.js";
import type { ArgColumn } from "./sweepTable.js";

/** Most bins a numeric arg is split into (quantiles beyond that many distinct values). */
export const MAX_BINS = 64;
/** Records the partial dependence averages over. */
const BACKGROUND_ROWS = 300;

/** How the forest is grown: 24 trees of depth ≤ 10 on bootstrap samples of at most 2,000 records. */
export const FOREST_OPTIONS: Omit<ForestOptions, "minLeaf"> = {
  trees: 24,
  maxDepth: 10,
  sampleSize: 2000,
  seed: SEEDS.forest,
};

/** One arg's importance for one metric. */
export interface ArgImportance {
  readonly arg: string;
  /** Share of the metric's variance explained by the arg's main effect, 0..1. */
  readonly share: number;
  /** Spearman's ρ (numeric arg) or η² (categorical arg) with the metric; null when undefined (a constant). */
  readonly correlation: { readonly kind: "spearman" | "eta2"; readonly value: number } | null;
}

/** Every arg's importance for one metric, most important first. */
export interface ImportanceResult {
  readonly ranking: readonly ArgImportance[];
  /** Share of the variance no single arg explains (interactions and noise), 0..1. */
  readonly unexplained: number;
  /** The forest's out-of-bag R²: how well the args predict the metric at all; null when unknown. */
  readonly fitR2: number | null;
}

/** Bin codes of a numeric column: one bin per distinct value, or quantile bins when there are more than MAX_BINS. */
export function numericBins(values: ArrayLike<number>): { codes: Uint8Array; bins: number } {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const distinct = new Set(Array.from(order, (i) => values[i] as number)).size;
  const codes = new Uint8Array(n);
  let code = -1;
  let previous = Number.NaN;
  order.forEach((row, position) => {
    const v = values[row] as number;
    if (v !== previous) {
      // Equal values share a bin: a new bin starts only at a new value.
      code = distinct <= MAX_BINS ? code + 1 : Math.max(code, Math.floor((position * MAX_BINS) / n));
      previous = v;
    }
    codes[row] = code;
  });
  return { codes, bins: Math.max(1, code + 1) };
}

/** Bin codes of a categorical column, ordered by the metric's mean per category (so ordered splits can separate any two groups of categories). */
function categoricalBins(values: ArrayLike<number>, y: Float64Array): { codes: Uint8Array; bins: number } {
  const sums = new Map<number, { n: number; sum: number }>();
  for (let i = 0; i < y.length; i++) {
    const s = sums.get(values[i] as number) ?? { n: 0, sum: 0 };
    s.n += 1;
    s.sum += y[i] as number;
    sums.set(values[i] as number, s);
  }
  const ranked = [...sums].sort((a, b) => a[1].sum / a[1].n - b[1].sum / b[1].n || a[0] - b[0]).map(([c]) => c);
  const code = new Map(ranked.map((c, i) => [c, i]));
  return { codes: Uint8Array.from(Array.from(values, (v) => code.get(v) ?? 0)), bins: Math.max(1, ranked.length) };
}

/** The arg columns restricted to `rows`. */
function subset(column: ArrayLike<number>, rows: readonly number[]): Float64Array {
  return Float64Array.from(rows, (r) => column[r] as number);
}

/** An arg prepared once for every metric: numeric args binned over all rows (binning does not depend on the metric). */
export interface PreparedArg {
  readonly column: ArgColumn;
  readonly bins: { readonly codes: Uint8Array; readonly bins: number } | null;
}

/** Prepares args for `argImportance`. */
export function prepareArgs(args: readonly ArgColumn[]): PreparedArg[] {
  return args.map((column) => ({ column, bins: column.kind === "numeric" ? numericBins(column.values) : null }));
}

/** Ranks the args by their importance for the metric `y` (over `rows`, the table rows where it is finite, in order). */
export function argImportance(
  args: readonly PreparedArg[],
  y: Float64Array,
  rows: readonly number[],
): ImportanceResult {
  const columns = args.map((a) => subset(a.column.values, rows));
  const yRanks = midranks(y);
  const correlations = args.map((a, i) => correlation(a.column, columns[i] as Float64Array, y, yRanks));
  const variance = populationVariance(y);
  if (!(variance > 0) || y.length < 3) {
    const ranking = args.map((a, i) => ({ arg: a.column.name, share: 0, correlation: correlations[i] ?? null }));
    return { ranking, unexplained: variance > 0 ? 1 : 0, fitR2: null };
  }
  const binned = args.map((a, i) =>
    a.bins === null
      ? categoricalBins(columns[i] as Float64Array, y)
      : { codes: Uint8Array.from(rows, (r) => a.bins?.codes[r] ?? 0), bins: a.bins.bins },
  );
  const x: Binned = { codes: binned.map((b) => b.codes), bins: binned.map((b) => b.bins) };
  const minLeaf = Math.max(1, Math.min(5, Math.floor(y.length / 50)));
  const forest = fitForest(x, y, { ...FOREST_OPTIONS, minLeaf });
  const background = samplePositions(y.length, BACKGROUND_ROWS, SEEDS.background);
  const shares = binned.map((b, f) => mainEffectShare(partialDependence(forest, x, f, background), b.codes, variance));
  const ranking = args
    .map((a, i) => ({ arg: a.column.name, share: shares[i] ?? 0, correlation: correlations[i] ?? null, i }))
    .sort((a, b) => b.share - a.share || a.i - b.i)
    .map(({ arg, share, correlation: c }) => ({ arg, share, correlation: c }));
  const explained = shares.reduce((s, v) => s + v, 0);
  return { ranking, unexplained: Math.max(0, 1 - explained), fitR2: forest.oobR2 };
}

/** Variance of a main effect over the data's bins (weighted by their counts), as a share of `variance`, clipped to 0..1. */
function mainEffectShare(effect: Float64Array, codes: Uint8Array, variance: number): number {
  const counts = new Float64Array(effect.length);
  for (const c of codes) counts[c] = (counts[c] as number) + 1;
  let mean = 0;
  for (let b = 0; b < effect.length; b++) mean += ((counts[b] as number) * (effect[b] as number)) / codes.length;
  let v = 0;
  for (let b = 0; b < effect.length; b++)
    v += ((counts[b] as number) * ((effect[b] as number) - mean) ** 2) / codes.length;
  return Math.max(0, Math.min(1, v / variance));
}

/** Spearman's ρ of a numeric arg, η² of a categorical one, with the metric (`yRanks`: its mid-ranks). */
function correlation(
  arg: ArgColumn,
  values: Float64Array,
  y: Float64Array,
  yRanks: Float64Array,
): ArgImportance["correlation"] {
  if (arg.kind === "numeric") {
    const rho = rankCorrelation(midranks(values), yRanks);
    return rho === null ? null : { kind: "spearman", value: rho };
  }
  const eta = etaSquared(values, y);
  return eta === null ? null : { kind: "eta2", value: eta };
}
