/**
 * Finding and reading the project file (`curi-report.config.json`): given with `--config`, else
 * beside the runs folder, i.e. in the parent of the folder that holds the run folders. A file
 * given is required; one looked for may be absent (then only run declarations and well-known
 * names give goals).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { MetricDeclarations } from "../render/facts/metricGoals.js";
import { PROJECT_CONFIG_FILE, projectDeclarationsFromText } from "../render/formats/projectConfig.js";
import { InvalidFormatError } from "../util/errors.js";
import { RUN_FILE } from "../run/version.js";

/** A project file read: where it is and what it declares. */
export interface ProjectConfig {
  /** Absolute path of the file (its bytes also key incremental builds). */
  readonly file: string;
  readonly declarations: MetricDeclarations;
}

/**
 * Where the project file for `input` would be: beside the runs folder, so for a run folder
 * (holding run.json) two levels up, for a runs folder one level up.
 */
export function projectConfigPathOf(input: string): string {
  const abs = path.resolve(input);
  const runsDir = existsSync(path.join(abs, RUN_FILE)) ? path.dirname(abs) : abs;
  return path.join(path.dirname(runsDir), PROJECT_CONFIG_FILE);
}

/**
 * The project file `explicit` (required), else the one beside the runs folder of `input` (a run
 * folder or a runs folder) when it exists, else null. Throws InvalidFormatError naming the file
 * and the JSON pointer of a defect.
 */
export async function loadProjectConfig(
  explicit: string | undefined,
  input: string | undefined,
): Promise<ProjectConfig | null> {
  const file = explicit ?? (input === undefined ? undefined : projectConfigPathOf(input));
  if (file === undefined) return null;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (explicit === undefined && (error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new InvalidFormatError(
      `${file}: the project file cannot be read (${(error as Error).message}); pass an existing ${PROJECT_CONFIG_FILE} with --config.`,
      { cause: error },
    );
  }
  return { file: path.resolve(file), declarations: projectDeclarationsFromText(text, file) };
}
