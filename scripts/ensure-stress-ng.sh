#!/usr/bin/env bash
# Makes sure Debian's `stress-ng` is available for `.ci/run --stress`.
# Installs the package when it is missing and we are root; otherwise says how.
set -euo pipefail

command -v stress-ng >/dev/null 2>&1 && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "stress-ng not found: installing Debian's stress-ng package..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends stress-ng >/dev/null
  echo "Installed $(stress-ng --version)"
  exit 0
fi

echo "The stress mode of .ci/run needs stress-ng, which was not found." >&2
echo "On Debian/Ubuntu: sudo apt-get install stress-ng" >&2
exit 1
