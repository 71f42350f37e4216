#!/usr/bin/env bash
# Load test of call-ingest-service (issue: 5,000 signed webhooks/s for 60 s, p99 < 50 ms, zero loss, RSS < 400 MB).
# Starts the local mesh with the bare benchmark endpoint enabled (if it is not running), then runs the generator.
#   deploy/load/webhook-load.sh [--rate=5000] [--seconds=60] [--people=N: N people texting again and again; default:
#   every text from someone new]
# Sends only to 127.0.0.1 and stops by itself.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/local/.state"
cd "$ROOT"

if ! curl -fs http://127.0.0.1:9181/q/health/ready >/dev/null 2>&1; then
  # only what the issue's setup names: broker, database, this service (and the generator)
  MESH_ONLY=call-ingest-service MESH_INGEST_BENCHMARK_ENDPOINT=true deploy/local/mesh.sh up
fi
deploy/local/mesh.sh status   # what else shares the two cores during the run
# shellcheck disable=SC1091
source "$STATE/secrets.env"
# the exactly-once check reads telephony.sms.v1 as consent-service, one of its consumers
export KAFKA_SASL_USERNAME=consent-service KAFKA_SASL_PASSWORD=$KAFKA_PASSWORD_consent_service

source deploy/load/ingest-tools.sh io/consentmesh/ingest/load/WebhookLoadGenerator.class
exec java -Xmx2g "-Xlog:gc:file=$STATE/logs/load-generator-gc.log:time,uptime" -cp "$CP" io.consentmesh.ingest.load.WebhookLoadGenerator \
  --target=http://127.0.0.1:8081 --bootstrap=127.0.0.1:9092 \
  --platform-admin-key="$MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN" --service-pid="$(cat "$STATE/call-ingest-service.pid")" "$@"
