#!/usr/bin/env bash
# Installs curi-report from the Action's own checkout ($GITHUB_ACTION_PATH), never from the npm
# registry (curi-report is not published there): `npm ci` installs its pinned dependencies and its
# `prepare` script builds it. A checkout that is already built and installed is used as it is.
set -euo pipefail
here=${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this as the curi-report Action}
# `node --version` (v20.20.2) answers before Node starts its JavaScript engine: a tenth of what
# running a script costs, once per workflow run.
version=$(node --version 2> /dev/null || echo none)
major=${version#v}
major=${major%%.*}
case $major in '' | *[!0-9]*) major=0 ;; esac
if [ "$major" -lt 20 ]; then
  echo "::error::curi-report needs Node.js 20 or newer (found: $version); add actions/setup-node with node-version: 20 before this step."
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
