#!/usr/bin/env bash
# Verifies the evidence ledger from the log alone: replays consent.evidence.v1 from the beginning, recomputes every
# record's hash, relinks every subject's chain and checks every signed checkpoint. No database, no service.
#   deploy/audit/replay-evidence.sh [bootstrap-servers] [report-dir] [topic]
# The checkpoints' public key comes from LEDGER_CHECKPOINT_PUBLIC_KEY (or, on the local run, from the service).
# Exit status 0 = intact, 1 = something broken (listed), 2 = could not run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=deploy/audit/common.sh
source "$ROOT/deploy/audit/common.sh"
exec java ${REPLAY_JVM:-} -cp "$CLASSPATH" io.consentmesh.consent.evidence.integrity.EvidenceReplayCommand \
  "${1:-127.0.0.1:9092}" "${2:-evidence-replay-report}" ${3:+"$3"}
