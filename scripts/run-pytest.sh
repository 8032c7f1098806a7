#!/usr/bin/env bash
# The Python exporter's unit tests (python/tests) against real curifactory 0.20.2, with Debian's
# /usr/bin/python3: curifactory comes from $CURIFACTORY_PATH, or is unpacked from the vendored
# tarball (../shared/vendor beside the repository). Writes .pytest-results.xml (junit), which
# .ci/run adds to its "N passed, M failed" line. pytest's "no tests collected" (5) counts as success.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${CURIFACTORY_PATH:-}" ]; then
  tarball=""
  for candidate in ../shared/vendor ../../shared/vendor; do
    [ -f "$candidate/curifactory-0.20.2.tar.gz" ] && tarball="$candidate/curifactory-0.20.2.tar.gz" && break
  done
  if [ -z "$tarball" ]; then
    echo "curifactory 0.20.2 not found: set CURIFACTORY_PATH or put curifactory-0.20.2.tar.gz in ../shared/vendor" >&2
    exit 1
  fi
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  tar -xzf "$tarball" -C "$work" || exit 1
  CURIFACTORY_PATH="$work/curifactory-0.20.2"
fi
export PYTHONPATH="$CURIFACTORY_PATH${PYTHONPATH:+:$PYTHONPATH}"
rm -f .pytest-results.xml
/usr/bin/python3 -m pytest -q -p no:cacheprovider --junitxml=.pytest-results.xml python/tests
rc=$?
[ $rc -eq 5 ] && rc=0
exit $rc
