#!/usr/bin/env bash
# Checks the alert rules of deploy/k8s (PrometheusRule resources) with promtool: the rules parse, and the unit tests
# in this directory fire each alert when it should and not when it should not. Installs Debian's prometheus package
# (for promtool) when it is missing. Run by CI.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if ! command -v promtool >/dev/null; then
  echo "[alerts] installing promtool (Debian package prometheus)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus; } >/dev/null
  systemctl disable --now prometheus >/dev/null 2>&1 || true   # only its promtool is wanted here
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for rule in "$HERE"/../base/monitoring/*-alerts.yaml; do
  name=$(basename "$rule" .yaml)
  # a PrometheusRule's spec is a Prometheus rules file
  python3 "$HERE/rules-file.py" "$rule" "$WORK/${name%-alerts}-rules.yml"
  promtool check rules "$WORK/${name%-alerts}-rules.yml"
  cp "$HERE/$name.test.yaml" "$WORK/"
  (cd "$WORK" && promtool test rules "$name.test.yaml")
done
echo "[alerts] passed"
