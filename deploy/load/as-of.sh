#!/usr/bin/env bash
# As-of query speed (issue: a subject with 10,000 evidence records answered under 200 ms).
# Starts the broker, PostgreSQL and consent-service if they are not running, then runs the benchmark.
#   deploy/load/as-of.sh [--records=10000] [--queries=100]
# Talks only to 127.0.0.1 and stops by itself.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/local/.state"
cd "$ROOT"

if ! curl -fs http://127.0.0.1:9182/q/health/ready >/dev/null 2>&1; then
  MESH_ONLY=consent-service deploy/local/mesh.sh up
fi
[ -f consent-service/target/test-classes/io/consentmesh/consent/load/AsOfBenchmark.class ] \
  || ./mvnw -B -q -pl consent-service -am test-compile
# shellcheck disable=SC1091
source "$STATE/secrets.env"
export LEDGER_DB_PASSWORD=$DB_PASSWORD_consent_service
APP=consent-service/target/quarkus-app
CP="consent-service/target/test-classes:$APP/app/*:$APP/lib/main/*"
CP="$CP:$(ls mesh-testkit/target/mesh-testkit-*.jar | grep -v sources | head -n 1)"   # OpenLoop
exec java -cp "$CP" io.consentmesh.consent.load.AsOfBenchmark --consent=http://127.0.0.1:8082 \
  --platform-admin-key="$MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN" \
  --jdbc-url=jdbc:postgresql://127.0.0.1:5432/consentmesh --db-user=consent_service "$@"
