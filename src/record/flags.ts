/**
 * curifactory's experiment flags for scripts that want them (`--store-full`, `--cache <dir>`,
 * `--dry-cache`, …), so the `reproduce` command a full-store run records actually works. Pure: the
 * script passes its own arguments in.
 */
import type { ArtifactManagerOptions } from "./ArtifactManager.js";

/** Manager options set by flags, and the arguments that were not run flags. */
export interface ParsedRunFlags {
  readonly options: Pick<
    ArtifactManagerOptions,
    "cachePath" | "dryCache" | "storeFull" | "overwrite" | "dry" | "notes" | "log"
  >;
  readonly rest: string[];
}

/**
 * Reads `--cache <dir>` (or `--cache=<dir>`), `--dry-cache`, `--store-full`, `--overwrite`,
 * `--dry`, `--notes <text>` and `--no-log` from `argv` (e.g. `process.argv.slice(2)`).
 */
export function runOptionsFromArgv(argv: readonly string[]): ParsedRunFlags {
  const options: { -readonly [K in keyof ParsedRunFlags["options"]]: ParsedRunFlags["options"][K] } = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if ((arg === "--cache" || arg === "--notes") && next !== undefined) {
      if (arg === "--cache") options.cachePath = next;
      else options.notes = next;
      i++;
    } else if (arg.startsWith("--cache=")) options.cachePath = arg.slice("--cache=".length);
    else if (arg === "--dry-cache") options.dryCache = true;
    else if (arg === "--store-full") options.storeFull = true;
    else if (arg === "--overwrite") options.overwrite = true;
    else if (arg === "--dry") options.dry = true;
    else if (arg === "--no-log") options.log = false;
    else rest.push(arg);
  }
  return { options, rest };
}
