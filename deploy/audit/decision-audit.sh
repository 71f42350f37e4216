#!/usr/bin/env bash
# Re-checks one stored authorization decision, or back-tests a candidate rule set over past decisions, from the
# database alone; writes JSON and Markdown reports.
#   deploy/audit/decision-audit.sh recheck DECISION_ID
#   deploy/audit/decision-audit.sh backtest CANDIDATE.json FROM TO [TENANT]
# Environment: LEDGER_DB_URL (default: the local run's database), LEDGER_DB_USER, LEDGER_DB_PASSWORD,
# REPORT_DIR (default ./audit-report). Exit 0 = reproduced / nothing changes, 1 = not reproduced / changes listed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=deploy/audit/common.sh
source "$ROOT/deploy/audit/common.sh"
exec java -cp "$CLASSPATH" io.consentmesh.consent.audit.DecisionAuditCommand \
  "$LEDGER_DB_URL" "$LEDGER_DB_USER" "${REPORT_DIR:-audit-report}" "$@"
