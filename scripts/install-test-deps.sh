#!/usr/bin/env bash
# Installs the Debian packages the tests need: Chromium for the browser tests, and what the
# Python exporter's tests need (curifactory 0.20.2 runs on Debian's python3 with these; see
# ../shared/vendor/README.md). Run as root (CI is). Idempotent: installs only what is
# missing, and does nothing (no apt-get update) when everything is there.
set -euo pipefail

# python3-jsonschema: the Python tests validate every export against schema/run.schema.json;
# python3-sklearn: curifactory's own iris and newsgroups examples (test/python);
# python3-setuptools python3-pip python3-wheel python3-venv: the package is installed offline
# into a venv as the README says (python/tests/test_package.py).
PACKAGES=(chromium python3 python3-pandas python3-matplotlib python3-graphviz graphviz python3-psutil
  python3-rich python3-argcomplete python3-jinja2 python3-pytest python3-pil python3-jsonschema
  python3-sklearn python3-setuptools python3-pip python3-wheel python3-venv)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing Debian packages for the tests: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
