#!/usr/bin/env bash
# The plaintext census of issue 14 against a running local mesh (deploy/local/mesh.sh up): known people driven through
# every flow, then every table of every schema and every record of every topic searched for their plaintext, before
# and after they are erased (call-ingest-service/src/test/java/io/consentmesh/ingest/census/PlaintextCensus.java).
# Needs root (pg_dump and psql run as the postgres user). Talks only to 127.0.0.1 and stops by itself.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/local/.state"
cd "$ROOT"
# shellcheck disable=SC1091
source "$STATE/secrets.env"

[ -f call-ingest-service/target/test-classes/io/consentmesh/ingest/census/PlaintextCensus.class ] \
  || ./mvnw -B -q -pl call-ingest-service -am test-compile -DskipTests
CP="call-ingest-service/target/test-classes:call-ingest-service/target/classes"
CP="$CP:$(ls mesh-contracts/target/mesh-contracts-*.jar | grep -v sources | head -n 1)"
CP="$CP:$(ls mesh-testkit/target/mesh-testkit-*.jar | grep -v sources | head -n 1)"   # LoadCredentials, OpenLoop
CP="$CP:call-ingest-service/target/quarkus-app/lib/main/*"   # Kafka client, Bouncy Castle (Telnyx's Ed25519)
# the broker's administrator reads every topic
KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD="$KAFKA_ADMIN_PASSWORD" \
  exec java -Xmx512m -cp "$CP" io.consentmesh.ingest.census.PlaintextCensus \
  --ingest=http://127.0.0.1:8081 --consent=http://127.0.0.1:8082 --dsar=http://127.0.0.1:8084 \
  --bootstrap="127.0.0.1:${MESH_KAFKA_PORT:-9092}" --db-port="${MESH_DB_PORT:-5432}" --db-name=consentmesh \
  --platform-admin-key="$MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN" "$@"
