#!/usr/bin/env bash
# The faults of the fault-injection harness (deploy/chaos/run.sh), on the local mesh's processes (deploy/local/mesh.sh):
#   inject.sh pids                       "component pid" lines ("-" for one not running)
#   inject.sh kill <component>           SIGKILL (kafka, call-ingest-service, consent-service, retention-service,
#                                        dsar-service, deletion-agent), returns once it is gone
#   inject.sh start                      deploy/local/mesh.sh up: starts what is not running, waits until it is ready
#   inject.sh postgres-crash <seconds>   PostgreSQL stopped with -m immediate (no checkpoint, connections cut), down
#                                        for <seconds>, started again
# Needs root (pg_ctlcluster). Touches only this machine's processes.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/local/.state"
COMPONENTS="kafka call-ingest-service consent-service retention-service dsar-service deletion-agent"

pidfile() { if [ "$1" = kafka ]; then echo "$STATE/kafka/kafka.pid"; else echo "$STATE/$1.pid"; fi; }
pid_of() {
  local file; file=$(pidfile "$1")
  if [ -f "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null; then cat "$file"; else echo -; fi
}

case "${1:-}" in
  pids)
    for component in $COMPONENTS; do echo "$component $(pid_of "$component")"; done
    ;;
  kill)
    [[ " $COMPONENTS " == *" ${2:-} "* ]] || { echo "unknown component '${2:-}'" >&2; exit 2; }
    pid=$(pid_of "$2")
    [ "$pid" != - ] || { echo "$2 is not running" >&2; exit 1; }
    kill -9 "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
    echo "$2 (pid $pid) is still alive 10 s after SIGKILL" >&2; exit 1
    ;;
  start)
    "$ROOT/deploy/local/mesh.sh" up
    ;;
  postgres-crash)
    set -- "$1" "${2:-5}" $(pg_lsclusters --no-header | head -n 1)
    pg_ctlcluster "$3" "$4" stop -m immediate
    sleep "$2"
    pg_ctlcluster "$3" "$4" start
    ;;
  *)
    echo "usage: $0 pids | kill <component> | start | postgres-crash <seconds>" >&2; exit 2
    ;;
esac
