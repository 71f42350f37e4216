#!/usr/bin/env bash
# Load test of consent-service's POST /v1/authorizations (issue: 10,000/s over HTTP, p99 < 10 ms).
# Starts the broker, PostgreSQL and consent-service alone (if it is not running), then runs the generator.
#   deploy/load/authorization-load.sh [--rate=10000] [--seconds=60] [--people=2000] [--warmup-seconds=20]
# Sends only to 127.0.0.1 and stops by itself.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/local/.state"
cd "$ROOT"

if ! curl -fs http://127.0.0.1:9182/q/health/ready >/dev/null 2>&1; then
  MESH_ONLY=consent-service deploy/local/mesh.sh up
fi
deploy/local/mesh.sh status   # what else shares the two cores during the run
# shellcheck disable=SC1091
source "$STATE/secrets.env"   # the platform-admin key, which makes the generator's tenant key
[ -d consent-service/target/test-classes/io/consentmesh/consent/load ] \
  || ./mvnw -B -q -pl consent-service -am test-compile
CP="consent-service/target/test-classes"
CP="$CP:$(ls mesh-testkit/target/mesh-testkit-*.jar | grep -v sources | head -n 1)"   # OpenLoop
CP="$CP:consent-service/target/quarkus-app/lib/main/*"   # Vert.x client
exec java -Xms1536m -Xmx1536m -Xmn768m -XX:+UseParallelGC "-Xlog:gc:file=$STATE/logs/authorization-load-gc.log:time,uptime" -cp "$CP" \
  io.consentmesh.consent.load.AuthorizationLoadGenerator \
  --target=http://127.0.0.1:8082 --platform-admin-key="$MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN" \
  --service-pid="$(cat "$STATE/consent-service.pid")" "$@"
