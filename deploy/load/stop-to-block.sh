#!/usr/bin/env bash
# STOP-to-block latency (issue: webhook accepted by call-ingest -> DENY from consent-service, p99 < 1 s, while 1,000
# other events/s flow). Starts the broker, PostgreSQL, call-ingest-service and consent-service if they are not running.
#   deploy/load/stop-to-block.sh [--background-rate=1000] [--seconds=60] [--stops=200]
# Sends only to 127.0.0.1 and stops by itself.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/local/.state"
cd "$ROOT"

if ! curl -fs http://127.0.0.1:9181/q/health/ready >/dev/null 2>&1 \
   || ! curl -fs http://127.0.0.1:9182/q/health/ready >/dev/null 2>&1; then
  MESH_ONLY="call-ingest-service consent-service" deploy/local/mesh.sh up
fi
deploy/local/mesh.sh status
# shellcheck disable=SC1091
source "$STATE/secrets.env"
source deploy/load/ingest-tools.sh io/consentmesh/ingest/load/StopToBlockBenchmark.class
exec java -Xmx1g -cp "$CP" io.consentmesh.ingest.load.StopToBlockBenchmark \
  --ingest=http://127.0.0.1:8081 --consent=http://127.0.0.1:8082 --platform-admin-key="$MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN" "$@"
