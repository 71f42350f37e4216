#!/usr/bin/env bash
# Fault test of issue 15 against a running local mesh (deploy/local/mesh.sh up): the deletion agent is killed
# (SIGKILL) in the middle of its work and started again; every recording must end deleted from the bucket, each
# command answered, and each item deleted once — nothing lost, nothing done twice.
#   deploy/local/agent-fault.sh [--items=1000]
# Needs root (psql runs as the postgres user). Talks only to 127.0.0.1 and stops by itself (every wait is bounded).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/local/.state"
# shellcheck disable=SC1091
source "$STATE/secrets.env"
ITEMS=1000
for arg in "$@"; do case "$arg" in --items=*) ITEMS=${arg#--items=} ;; *) echo "usage: $0 [--items=N]" >&2; exit 2 ;; esac; done
STORAGE=http://127.0.0.1:9000 RETENTION=http://127.0.0.1:8083 CONSENT=http://127.0.0.1:8082
TENANT="fault-$(openssl rand -hex 4)"

say() { printf '[agent-fault] %s\n' "$*"; }
fail() { printf '[agent-fault] FAILED: %s\n' "$*" >&2; exit 1; }
sql() { runuser -u postgres -- psql -qtA -d consentmesh -c "$1"; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

KEY=$(curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN" \
  -X POST "$CONSENT/v1/admin/tenants/$TENANT/api-keys" -d '{"name":"agent fault","roles":["privacy-ops"]}' \
  | grep -o '"apiKey":"[^"]*"' | cut -d'"' -f4)
[ -n "$KEY" ] || fail "no API key for $TENANT"

# the recordings, 91 days old: all in the bucket first, then reported to retention in bulk (100 per request), so
# that the agent gets them in a burst and is killed in the middle of it
stored_at=$(date -u -d '91 days ago' +%Y-%m-%dT%H:%M:%SZ)
for i in $(seq 1 "$ITEMS"); do
  curl -fsS -o /dev/null -X PUT --data-binary "RIFF fault $i" "$STORAGE/recordings/$TENANT/RE$i.wav"
done
body=""
for i in $(seq 1 "$ITEMS"); do
  key="$TENANT/RE$i.wav"
  body+="${body:+,}{\"category\":\"RECORDING\",\"store\":\"object-storage\",\"itemRef\":\"$key\",\"address\":\"s3://recordings/$key\",\"storedAt\":\"$stored_at\"}"
  if (( i % 100 == 0 || i == ITEMS )); then
    curl -fsS -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $KEY" \
      -X POST "$RETENTION/v1/retention/items" -d "{\"tenantId\":\"$TENANT\",\"items\":[$body]}"
    body=""
  fi
done
say "$ITEMS recordings stored and inventoried for tenant $TENANT"

settled() { sql "SELECT count(*) FROM retention.inventory_item WHERE tenant_id = '$TENANT' AND settled_at IS NOT NULL"; }
# how many of the tenant's recordings are still in the bucket (a listing that fails while objects go counts as all)
in_bucket() {
  local listing
  listing=$(curl -sS "$STORAGE/recordings?list-type=2&prefix=$TENANT/&max-keys=1000" || true)
  if [[ "$listing" == *ListBucketResult* ]]; then grep -o '<Key>' <<<"$listing" | wc -l; else echo "$ITEMS"; fi
}
# kill the agent as soon as it has deleted some recordings (and, most likely, not yet all)
left=$ITEMS
for _ in $(seq 1 1200); do
  left=$(in_bucket)
  [ "$left" -lt "$ITEMS" ] && break
  sleep 0.025
done
pid=$(cat "$STATE/deletion-agent.pid")
kill -9 "$pid"
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done   # gone before it is started again
say "deletion agent killed (SIGKILL) with $((ITEMS - left)) of $ITEMS recordings deleted, $(settled) settled"
[ "$left" -gt 0 ] || say "(every recording was deleted before the kill: the run proves less; raise --items)"
"$ROOT/deploy/local/mesh.sh" up >/dev/null 2>&1
say "deletion agent started again"

for _ in $(seq 1 1200); do
  [ "$(settled)" = "$ITEMS" ] && break
  sleep 0.1
done
[ "$(settled)" = "$ITEMS" ] || fail "only $(settled) of $ITEMS items settled 120 s after the restart"

left=0
for i in $(seq 1 "$ITEMS"); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -I "$STORAGE/recordings/$TENANT/RE$i.wav")
  [ "$code" = 404 ] || left=$((left + 1))
done
[ "$left" = 0 ] || fail "$left recordings are still in the bucket"
commands=$(sql "SELECT count(*) FROM retention.deletion_command c JOIN retention.inventory_item i ON i.id = c.item_id WHERE i.tenant_id = '$TENANT'")
receipted=$(sql "SELECT count(*) FROM retention.retention_record WHERE tenant_id = '$TENANT' AND kind = 'RECEIPTED'")
certificates=$(sql "SELECT count(*) FROM retention.disposal_certificate WHERE tenant_id = '$TENANT'")
[ "$commands" = "$ITEMS" ] || fail "$commands commands for $ITEMS items (a retry means a receipt was lost)"
[ "$receipted" = "$ITEMS" ] || fail "$receipted receipts applied for $ITEMS commands"
[ "$certificates" = "$ITEMS" ] || fail "$certificates disposal certificates for $ITEMS items"
outcomes=$(sql "SELECT status || ' ' || count(*) FROM retention.inventory_item WHERE tenant_id = '$TENANT' GROUP BY status ORDER BY 1" | paste -sd, -)
say "passed: $ITEMS of $ITEMS recordings gone from the bucket, one command, one applied receipt and one certificate each ($outcomes)"
