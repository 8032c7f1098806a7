#!/usr/bin/env node
// Thin launcher: all logic lives in src/cli. It runs the bundled CLI (dist/src/bundle/, made by
// `npm run build`: one module graph to load instead of ~250 files) when present, else the
// compiled modules (dist/src/cli).
import { existsSync } from "node:fs";

const bundled = new URL("../dist/src/bundle/main.js", import.meta.url);
const { main } = await import(existsSync(bundled) ? bundled.href : "../dist/src/cli/main.js");

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
