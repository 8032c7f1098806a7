// Writes dist/ the way `tsc -b tsconfig.build.json` lays it out (dist/src, dist/examples,
// dist/scripts, dist/bench: one .js and its source map per .ts), with esbuild, one file at a time
// and without type checks. The tests' global setup runs it: the tests run dist/'s code (the
// example, the fixture scripts, killed builds), and `npm run check` type-checks every file in its
// static step already, so the tests need the JavaScript only. On a clean clone `tsc -b` took 25 s
// of CPU to check everything a second time; this takes about one. `npm run build` still runs
// `tsc -b` (declarations, and the check a user's build should make).
// The files are found with globby (gitignore-aware, so nothing outside the sources is picked up).
import { build } from "esbuild";
import { globby } from "globby";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const sources = await globby(["src/**/*.ts", "examples/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts", "!**/*.d.ts"], {
  cwd: root,
  gitignore: true,
});
await build({
  entryPoints: sources,
  absWorkingDir: root,
  outdir: path.join(root, "dist"),
  outbase: root,
  bundle: false,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  tsconfig: path.join(root, "tsconfig.json"),
  logLevel: "warning",
});
