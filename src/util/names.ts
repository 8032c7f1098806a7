/**
 * File names made from untrusted input (qualified names, image names): portable, never leaving
 * their folder, never starting with `_` or `.` (Jekyll and dotfiles), unique within a folder.
 */
import { createHash } from "node:crypto";

const MAX_STEM = 80;

/**
 * Turns any text into a safe file-name stem: ASCII letters, digits, `-` and `.` kept; runs of
 * anything else become `_`; no leading `.`/`_`/`-`; long or emptied names get a short content hash
 * so distinct inputs stay distinct. Windows reserved names (CON, NUL, …) are suffixed.
 */
export function safeFileStem(text: string): string {
  let stem = text
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9.-]+/g, "_")
    .replace(/\.{2,}/g, ".")
    .replace(/^[._-]+/, "")
    .replace(/[._]+$/, "");
  const lossy = stem !== text;
  if (stem.length > MAX_STEM) stem = stem.slice(0, MAX_STEM);
  if (stem === "" || lossy || stem.length === MAX_STEM) {
    const hash = createHash("sha256").update(text, "utf8").digest("hex").slice(0, 8);
    stem = stem === "" ? `f-${hash}` : `${stem}-${hash}`;
  }
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(stem)) stem = `f-${stem}`;
  return stem;
}

/** Allocates names unique within one folder (case-insensitively, for macOS and Windows). */
export class UniqueNames {
  private readonly taken = new Set<string>();

  /** Returns `stem + ext`, or `stem-2 + ext`, `stem-3 + ext`, … if taken. */
  claim(stem: string, ext = ""): string {
    let candidate = `${stem}${ext}`;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
