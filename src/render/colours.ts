/**
 * Record colours: curifactory's nine, cycling by record index, used for graph clusters and the
 * swatch beside each reportable. Keep in sync with `--record-N` in templates/assets/style.css.
 */
export const RECORD_COLOURS: readonly string[] = [
  "#b4eeb4",
  "#d8bfd8",
  "#ffdab9",
  "#aeeeee",
  "#fa8072",
  "#c0c0c0",
  "#ff69b4",
  "#00bfff",
  "#9acd32",
];

/** Colour of record `index` (cycles through the nine). */
export function recordColour(index: number): string {
  return RECORD_COLOURS[((index % RECORD_COLOURS.length) + RECORD_COLOURS.length) % RECORD_COLOURS.length] as string;
}
