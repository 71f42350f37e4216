#!/usr/bin/env bash
# Replay-and-verify speed (issue: at least 50,000 events/s from Kafka). Starts the local broker if it is not running,
# writes a signed ledger log to its own topic (bench.consent.evidence.v1, recreated each run) and replays it with the
# audit's verifier.
#   deploy/load/replay-verify.sh [--subjects=100000] [--records-per-subject=10] [--partitions=6]
# Talks only to 127.0.0.1 and stops by itself.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
if ! (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null; then
  MESH_ONLY=none deploy/local/mesh.sh up
fi
[ -f consent-service/target/test-classes/io/consentmesh/consent/load/ReplayBenchmark.class ] \
  && [ -d consent-service/target/quarkus-app ] \
  || ./mvnw -B -q -pl consent-service -am package -DskipTests
# shellcheck disable=SC1091
source deploy/local/.state/secrets.env
# its own scratch topic, deleted and created again: only the broker's admin may do that
export KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD=$KAFKA_ADMIN_PASSWORD
APP=consent-service/target/quarkus-app
CP="consent-service/target/test-classes:$APP/app/*:$APP/lib/main/*"
CP="$CP:$(ls mesh-testkit/target/mesh-testkit-*.jar | grep -v sources | head -n 1)"   # OpenLoop
exec java ${REPLAY_JVM:--Xmx2g} -cp "$CP" io.consentmesh.consent.load.ReplayBenchmark "$@"
