#!/usr/bin/env bash
# Load test of verified data-subject requests (issue 16: 1,000 verified requests opened and fanned out per minute).
# Needs the whole mesh (deploy/local/mesh.sh up): each deletion request is opened as the person's web form, its code
# read back from dsar.sms-command.v1 and entered, and counted once consent-service and retention-service answered.
#   deploy/load/dsar-load.sh [--rate-per-minute=1000] [--seconds=120]
# Run webhook-load.sh or authorization-load.sh beside it to measure it under that load. Sends only to 127.0.0.1 and
# stops by itself.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/local/.state"
cd "$ROOT"

# shellcheck disable=SC1091
source "$ROOT/deploy/load/mesh-running.sh" dsar-load
# shellcheck disable=SC1091
source "$STATE/secrets.env"   # the platform-admin key (the generator's tenant key) and the Kafka admin login
[ -d dsar-service/target/test-classes/io/consentmesh/dsar/load ] || ./mvnw -B -q -pl dsar-service -am test-compile
CP="dsar-service/target/test-classes"
CP="$CP:$(ls mesh-testkit/target/mesh-testkit-*.jar | grep -v sources | head -n 1)"   # OpenLoop, LoadCredentials
CP="$CP:dsar-service/target/quarkus-app/lib/main/*"   # contracts, Kafka client
KAFKA_ADMIN_PASSWORD="$KAFKA_ADMIN_PASSWORD" exec java -Xmx512m -cp "$CP" io.consentmesh.dsar.load.DsarLoadGenerator \
  --dsar=http://127.0.0.1:8084 --consent=http://127.0.0.1:8082 --bootstrap=127.0.0.1:9092 \
  --platform-admin-key="$MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN" "$@"
