#!/usr/bin/env bash
# The as-of and call-timeline audits as commands: asks consent-service and writes JSON and Markdown reports.
#   deploy/audit/query.sh as-of TENANT PHONE_NUMBER INSTANT     e.g. as-of acme +12125550123 2026-11-25T15:00:00Z
#   deploy/audit/query.sh call TENANT CALL_ID
# Environment: CONSENT_URL (default http://127.0.0.1:8082), REPORT_DIR (default ./audit-report).
# Exit 0 = answered, 1 = the call's verdict is a violation, 2 = no answer.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
APP="$ROOT/consent-service/target/quarkus-app"
[ -d "$APP" ] || (cd "$ROOT" && ./mvnw -B -q -pl consent-service -am package -DskipTests)
exec java -cp "$APP/app/*:$APP/lib/main/*" io.consentmesh.consent.audit.AuditQueryCommand \
  "${CONSENT_URL:-http://127.0.0.1:8082}" "${REPORT_DIR:-audit-report}" "$@"
