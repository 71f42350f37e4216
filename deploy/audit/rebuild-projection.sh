#!/usr/bin/env bash
# Rebuilds the consent-state projection from consent.evidence.v1 and compares it with the live table, subject by
# subject; writes projection-rebuild.json and .md.
#   deploy/audit/rebuild-projection.sh [bootstrap-servers] [report-dir]
# Database: LEDGER_DB_URL / LEDGER_DB_USER / LEDGER_DB_PASSWORD (default: the local run's). Exit 0 = equal, 1 = differs.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=deploy/audit/common.sh
source "$ROOT/deploy/audit/common.sh"
exec java -cp "$CLASSPATH" io.consentmesh.consent.audit.ProjectionRebuildCommand \
  "${1:-127.0.0.1:9092}" "$LEDGER_DB_URL" "$LEDGER_DB_USER" "${2:-projection-report}"
