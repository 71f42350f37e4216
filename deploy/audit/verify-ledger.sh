#!/usr/bin/env bash
# Verifies every hash chain of consent-service's evidence ledger, straight from PostgreSQL (no service needed).
#   LEDGER_DB_PASSWORD=… deploy/audit/verify-ledger.sh [jdbc-url] [user] [report-dir]
# Defaults: the local mesh's database and role (password from deploy/local/.state/secrets.env), reports in
# ./ledger-report. Exit status 0 = every chain intact, 1 = a broken link (listed), 2 = could not run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
URL=${1:-jdbc:postgresql://127.0.0.1:5432/consentmesh?currentSchema=consent}
USER_NAME=${2:-consent_service}
REPORT=${3:-ledger-report}
if [ -z "${LEDGER_DB_PASSWORD:-}" ] && [ -f "$ROOT/deploy/local/.state/secrets.env" ]; then
  # shellcheck disable=SC1091
  source "$ROOT/deploy/local/.state/secrets.env"
  LEDGER_DB_PASSWORD=${DB_PASSWORD_consent_service:-}
fi
export LEDGER_DB_PASSWORD
APP="$ROOT/consent-service/target/quarkus-app"
[ -d "$APP" ] || (cd "$ROOT" && ./mvnw -B -q -pl consent-service -am package -DskipTests)
exec java -cp "$APP/app/*:$APP/lib/main/*" io.consentmesh.consent.integrity.LedgerVerifierCommand "$URL" "$USER_NAME" "$REPORT"
