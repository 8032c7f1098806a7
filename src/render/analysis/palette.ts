/**
 * The sequential palette that colours charts by a metric (parallel-coordinates lines, heat-map
 * cells): eight steps of viridis (perceptually uniform, readable by the colour-blind), from worst
 * (0) to best (7). Two cuts of it, one per theme, because viridis's ends vanish on one background
 * each: light pages use viridis 0–0.85 (no pale yellow on white), dark pages 0.28–1 (no deep purple
 * on near-black). Sampled with d3-scale-chromatic's interpolateViridis. Charts carry the light
 * colours as attributes (so a chart opened on its own is coloured) and a class per step; the
 * stylesheet's `--an-s<k>` variables override them in either theme.
 * Keep in sync with the analysis block of templates/assets/style.css (test/render/analysis/palette.test.ts checks).
 */

/** Number of colour steps. */
export const STEPS = 8;

/** Light theme steps, worst to best. */
export const LIGHT_STEPS: readonly string[] = [
  "#440154",
  "#472c7a",
  "#3c508b",
  "#2d708e",
  "#228d8d",
  "#24aa83",
  "#52c569",
  "#9bd93c",
];

/** Dark theme steps, worst to best. */
export const DARK_STEPS: readonly string[] = [
  "#375a8c",
  "#2b748e",
  "#228d8d",
  "#21a585",
  "#40bd72",
  "#77d153",
  "#bade28",
  "#fde725",
];

/** Text colour readable on each light step (white on the dark ones). */
export const LIGHT_INK: readonly string[] = [
  "#ffffff",
  "#ffffff",
  "#ffffff",
  "#ffffff",
  "#ffffff",
  "#111111",
  "#111111",
  "#111111",
];

/** Text colour readable on each dark-theme step. */
export const DARK_INK: readonly string[] = [
  "#ffffff",
  "#ffffff",
  "#ffffff",
  "#111111",
  "#111111",
  "#111111",
  "#111111",
  "#111111",
];

/**
 * The step of `value` between `worst` and `best` (either order): 0 at the worst, STEPS − 1 at the
 * best; the middle step when all values are equal.
 */
export function stepOf(value: number, worst: number, best: number): number {
  if (!(best !== worst) || !Number.isFinite(value)) return Math.floor(STEPS / 2);
  const t = (value - worst) / (best - worst);
  return Math.max(0, Math.min(STEPS - 1, Math.floor(t * STEPS)));
}
