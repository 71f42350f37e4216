#!/usr/bin/env bash
# Benchmark of a person's copy (issue 16: an access bundle for a person with 1,000 evidence records and 20 recordings
# assembled in under 10 s). Needs the whole mesh (deploy/local/mesh.sh up) with its object storage: the person's
# consents are imported, their recordings stored and inventoried, an attested access request opened, and the copy's
# assembly timed beside the floor of reading the same recordings straight from the store.
#   deploy/load/bundle-benchmark.sh [--evidence=1000] [--recordings=20] [--recording-bytes=1048576]
# Sends only to 127.0.0.1 and stops by itself.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/local/.state"
cd "$ROOT"

# shellcheck disable=SC1091
source "$ROOT/deploy/load/mesh-running.sh" bundle
# shellcheck disable=SC1091
source "$STATE/secrets.env"   # the platform-admin key (the benchmark's tenant key)
[ -f dsar-service/target/test-classes/io/consentmesh/dsar/load/BundleBenchmark.class ] \
  || ./mvnw -B -q -pl dsar-service -am test-compile
CP="dsar-service/target/test-classes"
CP="$CP:$(ls mesh-testkit/target/mesh-testkit-*.jar | grep -v sources | head -n 1)"   # OpenLoop, LoadCredentials
exec java -Xmx256m -cp "$CP" io.consentmesh.dsar.load.BundleBenchmark \
  --dsar=http://127.0.0.1:8084 --consent=http://127.0.0.1:8082 --retention=http://127.0.0.1:8083 \
  --storage=http://127.0.0.1:9000 --platform-admin-key="$MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN" "$@"
