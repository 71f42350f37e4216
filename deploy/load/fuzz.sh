#!/usr/bin/env bash
# The bad-input fuzz suite (issue 20) against the running local mesh: every operation of the four services' OpenAPI
# documents and Twilio's signed webhooks, with one mutation per request (duplicate keys, NUL, extreme instants,
# oversized values and bodies, enum numbers, wrong types, invalid UTF-8, bad query and path values). Passes when no
# answer is 5xx, every error is problem+json without echoing the input, and every service is ready afterwards.
#   deploy/load/fuzz.sh [--seed N] [--requests N]      (defaults: seed 20, 3000 requests; the same seed replays)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/deploy/load/mesh-running.sh" fuzz >/dev/null
# shellcheck disable=SC1091
source "$ROOT/deploy/local/.state/secrets.env"
SEED=20 REQUESTS=3000
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) SEED=$2; shift 2 ;;
    --requests) REQUESTS=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
INGEST=http://127.0.0.1:8081 CONSENT=http://127.0.0.1:8082
TENANT="fuzz-$(openssl rand -hex 4)"
ACCOUNT="AC$(openssl rand -hex 16)" TOKEN=$(openssl rand -hex 16)
PLATFORM=$MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN
admin() { curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $PLATFORM" "$@"; }
# one key with every tenant role, and a Twilio account whose webhooks the fuzzer signs
KEY=$(admin -X POST "$CONSENT/v1/admin/tenants/$TENANT/api-keys" \
  -d '{"name":"fuzz","roles":["sender","registry-admin","privacy-ops","auditor","dsar-intake"]}' \
  | grep -o '"apiKey":"[^"]*"' | cut -d'"' -f4)
[ -n "$KEY" ] || { echo "[fuzz] could not make the tenant's API key" >&2; exit 1; }
admin -X PUT "$INGEST/v1/admin/provider-accounts/twilio/$ACCOUNT" -d "{\"tenantId\":\"$TENANT\"}" >/dev/null
admin -X POST "$INGEST/v1/admin/provider-accounts/twilio/$ACCOUNT/credentials" -d "{\"secret\":\"$TOKEN\"}" >/dev/null
exec java -Xmx512m \
  -cp "$ROOT/mesh-testkit/target/classes:$ROOT/mesh-contracts/target/classes:$ROOT/mesh-testkit/kafka-broker/target/lib/*" \
  io.consentmesh.testkit.fuzz.ApiFuzzer --seed "$SEED" --requests "$REQUESTS" --tenant "$TENANT" --key "$KEY" \
  --twilio "$ACCOUNT:$TOKEN" \
  --service call-ingest=http://127.0.0.1:8081,http://127.0.0.1:9181 \
  --service consent=http://127.0.0.1:8082,http://127.0.0.1:9182 \
  --service retention=http://127.0.0.1:8083,http://127.0.0.1:9183 \
  --service dsar=http://127.0.0.1:8084,http://127.0.0.1:9184
