#!/usr/bin/env bash
# The webhook benchmark of two checkouts, alternating, with a JFR recording of call-ingest over each warm run, so that
# a difference in throughput can be looked for in what the service does (docs/benchmarks.md, 2026-12-08).
#   deploy/load/webhook-profile.sh BEFORE_DIR AFTER_DIR [--rounds=2]
# Each checkout must be built (./mvnw package -DskipTests). Before each variant the mesh is stopped, the local database
# "consentmesh" DROPPED and the broker's data removed. Results (logs, .jfr, GC logs, RSS) go to
# deploy/load/.results/<timestamp>/; read a recording with `jfr view hot-methods FILE` (JDK 21+ jfr; JDK 25 here).
# Talks only to 127.0.0.1 and stops by itself.
set -uo pipefail
[ $# -ge 2 ] || { sed -n 2,8p "$0"; exit 2; }
BEFORE=$(cd "$1" && pwd)
AFTER=$(cd "$2" && pwd)
ROUNDS=2
[ "${3:-}" ] && ROUNDS=${3#--rounds=}
OUT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.results/$(date +%Y%m%dT%H%M%S)-profile"
mkdir -p "$OUT"

# shellcheck source=two-checkouts.sh
source "$(dirname "${BASH_SOURCE[0]}")/two-checkouts.sh"

for round in $(seq 1 "$ROUNDS"); do
  for pair in "before $BEFORE" "after $AFTER"; do
    set -- $pair
    variant=$1
    fresh
    cd "$2"
    deploy/load/webhook-load.sh --rate=5000 --seconds=60 > "$OUT/$variant-cold-$round.log" 2>&1
    pid=$(cat deploy/local/.state/call-ingest-service.pid)
    jcmd "$pid" JFR.start name=warm settings=profile filename="$OUT/$variant-warm-$round.jfr" > /dev/null
    deploy/load/webhook-load.sh --rate=5000 --seconds=60 > "$OUT/$variant-warm-$round.log" 2>&1
    jcmd "$pid" JFR.stop name=warm > /dev/null
    echo "$(ps -o rss= -p "$pid") KB" > "$OUT/$variant-rss-$round.txt"
    cp deploy/local/.state/logs/call-ingest-service-gc.log "$OUT/$variant-gc-$round.log" 2> /dev/null
    echo "$variant #$round cold: $(grep -E '^\| signed' "$OUT/$variant-cold-$round.log") warm: $(grep -E '^\| signed' "$OUT/$variant-warm-$round.log")"
  done
done
fresh
echo "results: $OUT"
