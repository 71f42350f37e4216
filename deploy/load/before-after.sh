#!/usr/bin/env bash
# Runs the same benchmarks on two checkouts of the mesh, alternating, on the same machine and day, so that a change is
# judged against its own baseline rather than against figures from another day (docs/benchmarks.md, 2026-12-06).
#   deploy/load/before-after.sh BEFORE_DIR AFTER_DIR [--repeats=3] [--only=webhooks,stop-to-block,...]
# Each checkout must be built (./mvnw package -DskipTests). Before every pair of runs the mesh is stopped, the local
# database "consentmesh" is DROPPED and the broker's data removed, so each variant starts empty: do not point it at a
# database you want to keep. Logs go to deploy/load/.results/<timestamp>/<variant>-<benchmark>-<n>.log.
# Talks only to 127.0.0.1 and stops by itself.
set -uo pipefail

[ $# -ge 2 ] || { sed -n 2,8p "$0"; exit 2; }
BEFORE=$(cd "$1" && pwd)
AFTER=$(cd "$2" && pwd)
shift 2
REPEATS=3
ONLY="webhooks,authorizations,evidence-ingest,stop-to-block,as-of,replay"
for arg in "$@"; do
  case "$arg" in
    --repeats=*) REPEATS=${arg#*=} ;;
    --only=*) ONLY=${arg#*=} ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
OUT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.results/$(date +%Y%m%dT%H%M%S)"
mkdir -p "$OUT"

# shellcheck source=two-checkouts.sh
source "$(dirname "${BASH_SOURCE[0]}")/two-checkouts.sh"

run() { # variant dir name n command...
  local variant=$1 dir=$2 name=$3 n=$4
  shift 4
  local log="$OUT/$variant-$name-$n.log"
  (cd "$dir" && "$@") >"$log" 2>&1
  echo "$variant $name #$n (exit $?): $(grep -E '^\| (signed|authorizations|background)|records/s|STOP-to-block \(|as-of query|replayed and' "$log" | tr '\n' ' ')"
}

wants() { [[ ",$ONLY," == *",$1,"* ]]; }

for n in $(seq 1 "$REPEATS"); do
  for pair in "before $BEFORE" "after $AFTER"; do
    set -- $pair
    variant=$1 dir=$2
    if wants webhooks; then
      fresh
      run "$variant" "$dir" webhooks-cold "$n" deploy/load/webhook-load.sh --rate=5000 --seconds=60
      run "$variant" "$dir" webhooks-warm "$n" deploy/load/webhook-load.sh --rate=5000 --seconds=60
    fi
    if wants authorizations; then
      fresh
      run "$variant" "$dir" authorizations "$n" deploy/load/authorization-load.sh --rate=4000 --seconds=30 --people=2000
      run "$variant" "$dir" http-floor "$n" \
        deploy/load/authorization-load.sh --rate=10000 --seconds=30 --people=200 --http-floor=true
    fi
    if wants evidence-ingest; then
      fresh
      run "$variant" "$dir" ingest-cold "$n" deploy/load/evidence-ingest.sh --events=60000 --subjects=20000
      run "$variant" "$dir" ingest-warm "$n" deploy/load/evidence-ingest.sh --events=60000 --subjects=20000
    fi
    if wants stop-to-block; then
      fresh
      run "$variant" "$dir" stop-to-block "$n" \
        deploy/load/stop-to-block.sh --background-rate=1000 --seconds=40 --stops=100
    fi
    wants as-of && run "$variant" "$dir" as-of "$n" deploy/load/as-of.sh --records=10000 --queries=100
    wants replay && run "$variant" "$dir" replay "$n" \
      deploy/load/replay-verify.sh --subjects=100000 --records-per-subject=10 --partitions=6
  done
done
fresh
echo "logs: $OUT"
