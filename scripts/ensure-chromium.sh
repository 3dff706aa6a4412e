#!/usr/bin/env bash
# Makes sure a Chromium is available for the browser tests. Installs Debian's
# `chromium` package when none is found and we are root; otherwise says how.
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
for p in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  [ -x "$p" ] && exit 0
done

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Chromium not found: installing Debian's chromium package..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
  echo "Installed $(/usr/bin/chromium --version)"
  exit 0
fi

echo "Chromium is required for the browser tests but was not found." >&2
echo "On Debian/Ubuntu: sudo apt-get install chromium   (or set CHROMIUM_PATH)" >&2
exit 1
