/**
 * curi-report's own version, read from its package.json. Kept apart from src/site/packageFiles.ts
 * (which finds the templates and so loads eta and the render views) so that `--version` and the
 * CLI's start-up load nothing but this file.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CuriError } from "./errors.js";

let cached: string | undefined;

/**
 * The `version` field of the curi-report package.json above this module: two levels up from
 * `src/util`, three from `dist/src/util`. The name is checked so that another package.json on the
 * way (a project that installed curi-report) is never read instead.
 */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  const here = fileURLToPath(import.meta.url);
  let dir = path.dirname(here);
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "curi-report" && typeof pkg.version === "string") {
        cached = pkg.version;
        return cached;
      }
    }
    dir = path.dirname(dir);
  }
  throw new CuriError(`curi-report's package.json was not found above ${here}; reinstall the package.`);
}
