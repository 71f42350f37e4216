#!/usr/bin/env bash
# Verifies every hash chain and signed checkpoint of consent-service's evidence ledger, straight from PostgreSQL (no
# service needed).
#   deploy/audit/verify-ledger.sh [jdbc-url] [user] [report-dir]
# Defaults: the local mesh's database and role (password from deploy/local/.state/secrets.env), reports in
# ./ledger-report. The checkpoints' public key comes from LEDGER_CHECKPOINT_PUBLIC_KEY (or, on the local run, from the
# service). Exit status 0 = every chain intact, 1 = a broken link (listed), 2 = could not run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LEDGER_DB_URL=${1:-${LEDGER_DB_URL:-}}
LEDGER_DB_USER=${2:-${LEDGER_DB_USER:-}}
# shellcheck source=deploy/audit/common.sh
source "$ROOT/deploy/audit/common.sh"
exec java -cp "$CLASSPATH" io.consentmesh.consent.evidence.integrity.LedgerVerifierCommand \
  "$LEDGER_DB_URL" "$LEDGER_DB_USER" "${3:-ledger-report}"
