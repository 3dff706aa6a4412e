#!/usr/bin/env bash
# Makes sure PostgreSQL's server binaries are available for the scale-out
# tests and benchmarks (they start throw-away clusters with initdb/pg_ctl;
# no system service is needed or started). Installs Debian's `postgresql`
# package when none is found and we are root; otherwise says how.
set -euo pipefail

if [ -n "${G2G_PG_BIN:-}" ] && [ -x "$G2G_PG_BIN/initdb" ]; then exit 0; fi
for bin in /usr/lib/postgresql/*/bin; do
  [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] && exit 0
done

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "PostgreSQL not found: installing Debian's postgresql package..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  # The package starts a system cluster; the tests never use it.
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters -h 2>/dev/null | while read -r version name _; do
      pg_ctlcluster "$version" "$name" stop 2>/dev/null || true
    done
  fi
  echo "Installed $(ls -d /usr/lib/postgresql/*/bin | tail -1)"
  exit 0
fi

echo "PostgreSQL's server binaries are required for the scale-out tests but were not found." >&2
echo "On Debian/Ubuntu: sudo apt-get install postgresql   (or set G2G_PG_BIN to its bin directory)" >&2
exit 1
