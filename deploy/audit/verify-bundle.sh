#!/usr/bin/env bash
# Verifies a person's copy (the ZIP of an access or portability request) offline: the manifest's Ed25519 signature
# with dsar-service's public key, that the manifest names that key, and every file's size and SHA-256 — nothing
# missing, changed or added. Needs nothing but the ZIP and the public key: MESH_DSAR_BUNDLE_PUBLIC_KEY (base64; from
# the operator, or GET /v1/dsar/bundles/signing-key). Exit status 0 = valid, 1 = invalid (why is printed), 2 = could
# not run.
#   MESH_DSAR_BUNDLE_PUBLIC_KEY=… deploy/audit/verify-bundle.sh consent-mesh-copy-….zip
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: MESH_DSAR_BUNDLE_PUBLIC_KEY=<base64> $0 <bundle.zip>" >&2; exit 2; }
APP="$ROOT/dsar-service/target/quarkus-app"
[ -d "$APP" ] || (cd "$ROOT" && ./mvnw -B -q -pl dsar-service -am package -DskipTests)
exec java -cp "$APP/app/*:$APP/lib/main/*" io.consentmesh.dsar.bundle.BundleVerifier "$1"
