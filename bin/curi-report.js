#!/usr/bin/env node
// Thin launcher: all logic lives in src/cli. It starts the bundled CLI (dist/src/bundle/, made by
// `npm run build`) through its launcher (src/cli/launch.ts: help from the ES-module bundle, every
// other command from one script compiled with V8's code cache) when present, else the compiled
// modules (dist/src/cli).
import { existsSync } from "node:fs";

const launcher = new URL("../dist/src/bundle/launch.js", import.meta.url);
const start = existsSync(launcher)
  ? (await import(launcher.href)).launch
  : (await import("../dist/src/cli/main.js")).main;

process.exitCode = await start(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
