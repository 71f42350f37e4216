#!/usr/bin/env bash
# Verifies a disposal certificate offline: an item's (GET /v1/retention/items/{id}/certificate) or a day's
# (GET /v1/retention/certificates/daily?tenantId=…&day=…), saved as JSON. Needs nothing but the file and the retention
# service's public key: RETENTION_SIGNING_PUBLIC_KEY (base64; take it from the operator, or GET
# /v1/retention/signing-key). Exit status 0 = valid, 1 = invalid (why is printed), 2 = could not run.
#   RETENTION_SIGNING_PUBLIC_KEY=… deploy/audit/verify-disposal.sh certificate.json
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: RETENTION_SIGNING_PUBLIC_KEY=<base64> $0 <certificate.json>" >&2; exit 2; }
APP="$ROOT/retention-service/target/quarkus-app"
[ -d "$APP" ] || (cd "$ROOT" && ./mvnw -B -q -pl retention-service -am package -DskipTests)
exec java -cp "$APP/app/*:$APP/lib/main/*" io.consentmesh.retention.proof.DisposalCertificateVerifier "$1"
