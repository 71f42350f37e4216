#!/usr/bin/env bash
# Evidence ingest speed (issue: at least 5,000 evidence events/s with hash chaining). Starts the broker, PostgreSQL
# and consent-service if they are not running, publishes keyword texts to telephony.sms.v1 and times the ledger.
#   deploy/load/evidence-ingest.sh [--events=60000] [--subjects=20000] [--sealed=true]
# Talks only to 127.0.0.1 and stops by itself.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/local/.state"
cd "$ROOT"
if ! curl -fs http://127.0.0.1:9182/q/health/ready >/dev/null 2>&1; then
  MESH_ONLY=consent-service deploy/local/mesh.sh up
fi
[ -f consent-service/target/test-classes/io/consentmesh/consent/load/EvidenceIngestBenchmark.class ] \
  || ./mvnw -B -q -pl consent-service -am test-compile
# shellcheck disable=SC1091
source "$STATE/secrets.env"
export LEDGER_DB_PASSWORD=$DB_PASSWORD_consent_service MESH_SUBJECTS_SECRET
# it seals the texts as call-ingest does (--sealed=false: version 1, in clear), with the mesh's own key store
export MESH_PRIVACY_KEYSTORE_PATH="$STATE/privacy-keks.p12" MESH_PRIVACY_KEYSTORE_PASSWORD
# the generator stands in for call-ingest-service, and writes telephony.sms.v1 as it
export KAFKA_SASL_USERNAME=call-ingest-service KAFKA_SASL_PASSWORD=$KAFKA_PASSWORD_call_ingest_service
APP=consent-service/target/quarkus-app
CP="consent-service/target/test-classes:$APP/app/*:$APP/lib/main/*:$APP/lib/boot/*"
CP="$CP:$(ls mesh-testkit/target/mesh-testkit-*.jar | grep -v sources | head -n 1)"   # OpenLoop
exec java -cp "$CP" io.consentmesh.consent.load.EvidenceIngestBenchmark \
  --jdbc-url=jdbc:postgresql://127.0.0.1:5432/consentmesh --db-user=consent_service "$@"
