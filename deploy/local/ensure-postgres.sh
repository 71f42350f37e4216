#!/usr/bin/env bash
# Makes sure PostgreSQL's server binaries are on this machine (Debian: apt-get install postgresql). Starts nothing.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "PostgreSQL is not installed and we are not root: run 'sudo apt-get install -y postgresql'" >&2
  exit 1
fi
echo "[mesh] installing PostgreSQL (apt-get install postgresql)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
