/**
 * The project file, `curi-report.config.json`: what a project declares once for all its runs (the
 * primary metric, goals and tolerances, by exact name or `*` pattern). Read like every format:
 * bounded, version checked, validated against schema/config.schema.json, errors naming the file
 * and the JSON pointer. Not `curi-report.json`, which marks a report folder.
 */
import type { MetricGoal } from "../../run/model.js";
import type { MetricDeclarations, Tolerance } from "../facts/metricGoals.js";
import { readFormatText, type FormatSpec } from "./format.js";
import { projectConfig as validateProjectConfig } from "./formatValidators.generated.js";

/** The project file's name; curi-report looks for it in the runs folder's parent. */
export const PROJECT_CONFIG_FILE = "curi-report.config.json";

/** Version of the project file format. */
export const PROJECT_CONFIG_VERSION = 1;

/** The project file's format: small, as it holds declarations only. */
export const PROJECT_CONFIG_FORMAT: FormatSpec = {
  name: PROJECT_CONFIG_FILE,
  schema: "config.schema.json",
  versionField: "config_version",
  versions: [PROJECT_CONFIG_VERSION],
  maxBytes: 1024 * 1024,
  remedy: `fix it (see "Metrics" in curi-report's README), or pass another file with --config`,
  validate: validateProjectConfig,
};

/** The declarations of the project file `text` (from `file`); throws naming the file and JSON pointer. */
export function projectDeclarationsFromText(text: string, file: string): MetricDeclarations {
  const doc = readFormatText(PROJECT_CONFIG_FORMAT, text, file);
  const metrics = (doc["metrics"] ?? {}) as {
    primary?: string;
    goals?: Record<string, MetricGoal>;
    tolerances?: Record<string, { abs?: number; rel?: number }>;
  };
  return {
    primary: metrics.primary ?? null,
    // Maps: a pattern or name like `__proto__` stays a key (23.9).
    goals: new Map(Object.entries(metrics.goals ?? {})),
    tolerances: new Map(
      Object.entries(metrics.tolerances ?? {}).map(([n, t]): [string, Tolerance] => [
        n,
        { abs: t.abs ?? 0, rel: t.rel ?? 0 },
      ]),
    ),
  };
}
