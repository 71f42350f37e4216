#!/usr/bin/env bash
# The fault-injection harness (issue 20): the whole local mesh under mixed load (signed Twilio, Telnyx and Plivo
# texts, STOPs, HELPs, authorizations, DSARs, recordings deleted through the deletion agent) while each fault is
# injected in turn; then counts, from the topics and the database, what was lost and what took effect twice. Starts
# the mesh if it is not running. Exits 0 only when nothing was lost or doubled and every service recovered by itself.
#   deploy/chaos/run.sh [--rate=40] [--settle-seconds=20] [--people=300] [--faults=<list>]
#   deploy/chaos/run.sh --short      CI's version (a few minutes): the faults that differ in kind, shorter pauses
# Faults (default: all, in this order): kill:consent-service, kill:call-ingest-service, kill:retention-service,
# kill:dsar-service, kill:deletion-agent, broker, postgres, redelivery. Needs root (it stops PostgreSQL and reads every
# schema as the postgres user). Talks only to 127.0.0.1 and stops by itself.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/local/.state"
cd "$ROOT"

args=()
for arg in "$@"; do
  if [ "$arg" = --short ]; then
    args+=(--rate=30 --settle-seconds=8 --people=120
           --faults=kill:consent-service,kill:call-ingest-service,broker,postgres,redelivery)
  else
    args+=("$arg")
  fi
done

curl -fs http://127.0.0.1:9182/q/health/ready >/dev/null 2>&1 || deploy/local/mesh.sh up
deploy/local/mesh.sh status
# shellcheck disable=SC1091
source "$STATE/secrets.env"
source deploy/load/ingest-tools.sh io/consentmesh/ingest/chaos/FaultRun.class
exec java -Xmx512m -cp "$CP" io.consentmesh.ingest.chaos.FaultRun \
  --platform-admin-key="$MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN" --kafka-admin-password="$KAFKA_ADMIN_PASSWORD" \
  --inject="$ROOT/deploy/chaos/inject.sh" "${args[@]}"
