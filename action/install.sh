#!/usr/bin/env bash
# Installs curi-report from the Action's own checkout ($GITHUB_ACTION_PATH), never from the npm
# registry (curi-report is not published there): `npm ci` installs its pinned dependencies and its
# `prepare` script builds it. A checkout that is already built and installed is used as it is.
set -euo pipefail
here=${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this as the curi-report Action}
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
  echo "::error::curi-report needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none)); add actions/setup-node with node-version: 20 before this step."
  exit 1
fi
if [ -f "$here/dist/src/cli/main.js" ] && [ -d "$here/node_modules" ]; then
  echo "curi-report: using the built checkout at $here"
else
  (cd "$here" && npm ci --no-audit --no-fund)
fi
# Later steps (a Python project's curi-report-run, your own commands) find it on PATH and in $CURI_REPORT.
bin="${RUNNER_TEMP:?}/curi-report-bin"
mkdir -p "$bin"
printf '#!/bin/sh\nexec node "%s/bin/curi-report.js" "$@"\n' "$here" > "$bin/curi-report"
chmod +x "$bin/curi-report"
echo "$bin" >> "${GITHUB_PATH:?}"
echo "CURI_REPORT=$here" >> "${GITHUB_ENV:?}"
node "$here/bin/curi-report.js" --version
