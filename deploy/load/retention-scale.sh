#!/usr/bin/env bash
# Retention at scale (issue 15): an inventory of --items stored items (10 million by default), of which --due fall due
# at once; times the sweeper (due → commands committed and on the broker) and the deletion agent with retention-service
# (commands → receipts applied, items settled with their certificates), beside the raw insert of the same rows as the
# day's floor, and shows the explain plans of the statements that run per sweep, per receipt batch and per gauge read.
#   deploy/load/retention-scale.sh [--items=10000000] [--due=100000]
# Needs root (psql runs as the postgres user) and a running local mesh (deploy/local/mesh.sh up: the broker,
# PostgreSQL, retention-service, the S3-compatible object storage and the deletion agent). Talks only to 127.0.0.1
# and stops by itself (every wait is bounded). The rows stay in the local database under a tenant of their own
# (scale-<hex>): the retention log is append-only, so what was commanded cannot be taken back out.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/local/.state"
# shellcheck disable=SC1091
source "$STATE/secrets.env"
ITEMS=10000000
DUE=100000
for arg in "$@"; do
  case "$arg" in
    --items=*) ITEMS=${arg#--items=} ;;
    --due=*) DUE=${arg#--due=} ;;
    *) echo "usage: $0 [--items=N] [--due=N]" >&2; exit 2 ;;
  esac
done
[ "$DUE" -le "$ITEMS" ] || { echo "--due must not exceed --items" >&2; exit 2; }
RETENTION=http://127.0.0.1:8083 CONSENT=http://127.0.0.1:8082
TENANT="scale-$(openssl rand -hex 4)"
OUT="$ROOT/deploy/load/.results/retention-scale-$(date -u +%Y%m%dT%H%M%S)"
mkdir -p "$OUT"

say() { printf '[retention-scale] %s\n' "$*" | tee -a "$OUT/summary.txt"; }
fail() { say "FAILED: $*"; exit 1; }
sql() { runuser -u postgres -- psql -qtA -d consentmesh -c "$1"; }
now() { date +%s.%N; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
# progress is read from retention-service's own counters, so that watching costs the database nothing
metric() { curl -fs http://127.0.0.1:9183/q/metrics | awk -v m="$1" '$1 == m { printf "%d", $2; found = 1 } END { if (!found) print 0 }'; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
TICKS=$(getconf CLK_TCK)
# CPU seconds used so far by each part (PostgreSQL: all its processes), to say what a phase cost and where
cpu_of_pid() { awk -v t="$TICKS" '{ printf "%.1f", ($14 + $15) / t }' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_snapshot() {
  local part pg=0
  for part in retention-service deletion-agent object-storage; do
    printf '%s=%s ' "$part" "$(cpu_of_pid "$(cat "$STATE/$part.pid")")"
  done
  printf 'kafka=%s ' "$(cpu_of_pid "$(cat "$STATE/kafka/kafka.pid")")"
  for pid in $(pgrep -u postgres postgres); do pg=$(awk -v a="$pg" -v b="$(cpu_of_pid "$pid")" 'BEGIN { print a + b }'); done
  printf 'postgresql=%s\n' "$pg"
}
cpu_used() {   # cpu_used "<snapshot before>" "<snapshot after>": seconds per part in between
  awk -v before="$1" -v after="$2" 'BEGIN { n = split(before, b, " "); split(after, a, " ");
    for (i = 1; i <= n; i++) { split(b[i], x, "="); split(a[i], y, "="); printf "%s %.1f s, ", x[1], y[2] - x[2] } }' | sed 's/, $//'
}

curl -fs http://127.0.0.1:9183/q/health/ready >/dev/null || fail "retention-service is not ready: deploy/local/mesh.sh up"
say "tenant $TENANT: $ITEMS items, $DUE of them due at once; $(nproc) cores; results in $OUT"
KEY=$(curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN" \
  -X POST "$CONSENT/v1/admin/tenants/$TENANT/api-keys" -d '{"name":"retention scale","roles":["privacy-ops"]}' \
  | grep -o '"apiKey":"[^"]*"' | cut -d'"' -f4)
[ -n "$KEY" ] || fail "no API key for $TENANT"
# the first item through the API gives the tenant its schedules, as any tenant gets them
curl -fsS -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $KEY" -X POST "$RETENTION/v1/retention/items" \
  -d "{\"tenantId\":\"$TENANT\",\"items\":[{\"category\":\"RECORDING\",\"store\":\"object-storage\",\"itemRef\":\"$TENANT/first.wav\",\"address\":\"s3://recordings/$TENANT/first.wav\",\"storedAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"}]}"

# --- the inventory, and the day's floor: rows as retention-service writes them (recordings in object storage, stored
# 10 days ago, due in 80), inserted by PostgreSQL itself in chunks of a million, every index of the table maintained
CHUNK=1000000
t0=$(now)
for ((from = 1; from <= ITEMS; from += CHUNK)); do
  to=$((from + CHUNK - 1)); [ "$to" -le "$ITEMS" ] || to=$ITEMS
  sql "INSERT INTO retention.inventory_item (id, tenant_id, subject_id, source_event_id, category, item_ref, call_id,
         storage_uri, store, stored_at, trigger, trigger_at, due_at, next_action_at, status)
       SELECT gen_random_uuid(), '$TENANT', rpad(md5(i::text), 64, md5((i + 1)::text)), 'scale-' || i, 'RECORDING',
              '$TENANT/RE' || i || '.wav', 'CA' || (i / 2), 's3://recordings/$TENANT/RE' || i || '.wav',
              'object-storage', now() - interval '10 days', 'STORED', now() - interval '10 days',
              now() + interval '80 days', now() + interval '80 days', 'RETAINED'
       FROM generate_series($from, $to) AS i" >/dev/null
done
t1=$(now)
sql "ANALYZE retention.inventory_item" >/dev/null
insert_rate=$(rate "$ITEMS" "$(secs "$t0" "$t1")")
say "inventory: $ITEMS rows inserted in $(secs "$t0" "$t1") s — raw insert floor $insert_rate rows/s"
say "inventory_item now holds $(sql "SELECT count(*) FROM retention.inventory_item") rows ($(sql "SELECT pg_size_pretty(pg_total_relation_size('retention.inventory_item'))") with indexes)"

# --- the plans, with the inventory in place (each must read an index from its start, never the table)
plans() {
  {
    echo "== sweeper: claim a batch of due items"
    sql "EXPLAIN (ANALYZE, BUFFERS) SELECT i.id FROM retention.inventory_item i WHERE i.next_action_at <= now()
         ORDER BY i.next_action_at LIMIT 1000 FOR UPDATE OF i SKIP LOCKED"
    echo "== escalation: overdue, unescalated items"
    sql "EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM retention.inventory_item WHERE settled_at IS NULL
         AND escalated_at IS NULL AND held_since IS NULL AND due_at < now() - interval '24 hours'
         ORDER BY due_at LIMIT 1000 FOR UPDATE SKIP LOCKED"
    echo "== gauges: due, overdue, held, escalated, oldest overdue"
    sql "EXPLAIN (ANALYZE, BUFFERS) SELECT
           (SELECT count(*) FROM retention.inventory_item WHERE next_action_at <= now()) AS due,
           (SELECT count(*) FROM retention.inventory_item WHERE settled_at IS NULL AND due_at < now() AND held_since IS NULL) AS overdue,
           (SELECT count(*) FROM retention.inventory_item WHERE held_since IS NOT NULL) AS held,
           (SELECT count(*) FROM retention.inventory_item WHERE settled_at IS NULL AND escalated_at IS NOT NULL AND due_at < now()) AS escalated,
           (SELECT coalesce(extract(epoch FROM now() - min(due_at)), 0)::bigint FROM retention.inventory_item
            WHERE settled_at IS NULL AND due_at < now() AND held_since IS NULL) AS oldest"
    echo "== receipts: the commands a batch of receipts answers"
    sql "EXPLAIN (ANALYZE, BUFFERS) SELECT c.command_id, c.item_id, i.store FROM retention.deletion_command c
         JOIN retention.inventory_item i ON i.id = c.item_id
         WHERE c.command_id = ANY(ARRAY(SELECT command_id FROM retention.deletion_command LIMIT 500))"
  } > "$OUT/$1.txt" 2>&1
}
plans plans-before
say "explain plans with the inventory in place: $OUT/plans-before.txt"
if grep -q "Seq Scan on inventory_item" "$OUT/plans-before.txt"; then
  fail "a per-sweep statement scans the inventory (see $OUT/plans-before.txt)"
fi

# --- the sweeper: the agent is paused first (SIGSTOP, well inside its consumer session's timeout), so commands are
# timed to the broker without receipts in between; it goes on, as warm as it was, for the receipts
AGENT=$(cat "$STATE/deletion-agent.pid")
kill -0 "$AGENT" || fail "the deletion agent is not running: deploy/local/mesh.sh up"
kill -STOP "$AGENT"
trap 'kill -CONT "$AGENT" 2>/dev/null || true' EXIT
issued_before=$(metric mesh_retention_commands_issued_total)
settled_before=$(metric 'mesh_retention_receipts_total{result="settled"}')
cpu_sweep=$(cpu_snapshot)
# the due ones: due an hour ago (inside the escalation grace), their next action now
sql "UPDATE retention.inventory_item SET due_at = now() - interval '1 hour', next_action_at = now()
     WHERE tenant_id = '$TENANT' AND source_event_id IN (SELECT 'scale-' || i FROM generate_series(1, $DUE) AS i)" >/dev/null
t2=$(now)
committed_at="" published_at=""
for _ in $(seq 1 6000); do   # at most 10 minutes
  issued=$(( $(metric mesh_retention_commands_issued_total) - issued_before ))
  queued=$(sql "SELECT count(*) FROM retention.retention_outbox")
  [ -z "$committed_at" ] && [ "$issued" -ge "$DUE" ] && committed_at=$(now)
  if [ -n "$committed_at" ] && [ "$queued" = 0 ]; then published_at=$(now); break; fi
  sleep 0.1
done
[ -n "$published_at" ] || fail "after 10 minutes $issued of $DUE commands issued, $queued still queued"
say "  CPU while sweeping: $(cpu_used "$cpu_sweep" "$(cpu_snapshot)")"
say "sweeper: $DUE commands committed in $(secs "$t2" "$committed_at") s ($(rate "$DUE" "$(secs "$t2" "$committed_at")")/s), all on the broker after $(secs "$t2" "$published_at") s — $(rate "$DUE" "$(secs "$t2" "$published_at")") commands/s"

# --- the agent and retention-service: receipts, from the agent's first to the last item settled
cpu_receipts=$(cpu_snapshot)
kill -CONT "$AGENT"
t3=$(now)
settled=0
for _ in $(seq 1 6000); do
  settled=$(( $(metric 'mesh_retention_receipts_total{result="settled"}') - settled_before ))
  [ "$settled" -ge "$DUE" ] && break
  sleep 0.5
done
[ "$settled" -ge "$DUE" ] || fail "after 50 minutes only $settled of $DUE items settled"
cpu_receipts_used=$(cpu_used "$cpu_receipts" "$(cpu_snapshot)")
span=$(sql "SELECT extract(epoch FROM max(c.receipted_at) - min(c.receipted_at)) FROM retention.deletion_command c
            JOIN retention.inventory_item i ON i.id = c.item_id WHERE i.tenant_id = '$TENANT'")
certificates=$(sql "SELECT count(*) FROM retention.disposal_certificate WHERE tenant_id = '$TENANT'")
outcomes=$(sql "SELECT outcome || ' ' || count(*) FROM retention.inventory_item WHERE tenant_id = '$TENANT' AND settled_at IS NOT NULL GROUP BY outcome" | paste -sd, -)
say "agent + retention: $DUE receipts applied in $span s from the first to the last — $(rate "$DUE" "$span") receipts/s ($outcomes; $certificates disposal certificates); $(secs "$t3" "$(now)") s from the agent's resumption"
say "  CPU while settling: $cpu_receipts_used"
agent_span=$(sql "SELECT extract(epoch FROM max((statement::jsonb->>'receiptCompletedAt')::timestamptz)
                  - min((statement::jsonb->>'receiptCompletedAt')::timestamptz)) FROM retention.disposal_certificate
                  WHERE tenant_id = '$TENANT'")
lag=$(sql "SELECT round(avg(extract(epoch FROM (statement::jsonb->>'settledAt')::timestamptz
           - (statement::jsonb->>'receiptCompletedAt')::timestamptz))::numeric, 3) FROM retention.disposal_certificate
           WHERE tenant_id = '$TENANT'")
say "  the agent answered them in $agent_span s ($(rate "$DUE" "$agent_span")/s); retention settled each $lag s after its answer on average"
commands=$(sql "SELECT count(*) FROM retention.deletion_command c JOIN retention.inventory_item i ON i.id = c.item_id WHERE i.tenant_id = '$TENANT'")
[ "$commands" = "$DUE" ] || fail "$commands commands for $DUE due items (a retry means a receipt came late)"
[ "$certificates" -ge "$DUE" ] || fail "$certificates certificates for $DUE settled items"
plans plans-after
say "ratios to the raw insert floor ($insert_rate rows/s): commands $(awk -v a="$(rate "$DUE" "$(secs "$t2" "$published_at")")" -v b="$insert_rate" 'BEGIN{printf "%.3f", a/b}'), receipts $(awk -v a="$(rate "$DUE" "$span")" -v b="$insert_rate" 'BEGIN{printf "%.3f", a/b}')"
say "done: one command, one receipt and one certificate per due item; plans after the run in $OUT/plans-after.txt"
