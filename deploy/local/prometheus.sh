#!/usr/bin/env bash
# Prometheus on this machine (Debian's prometheus package, installed when missing): scrapes the local mesh's
# management ports (/q/metrics of the four services and the deletion agent) with the alert rules of deploy/k8s
# loaded, so an operator sees the metrics and the alerts without a cluster. Listens on 127.0.0.1:9090 only.
#   deploy/local/prometheus.sh up       start it (or keep it), wait until every target is scraped
#   deploy/local/prometheus.sh down     stop it
#   deploy/local/prometheus.sh check    every target up and every alert rule group loaded (exit 1 otherwise)
# deploy/local/mesh.sh up starts it too when MESH_PROMETHEUS=true, and mesh.sh down stops it.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/local/.state/prometheus"
PORT=${MESH_PROMETHEUS_PORT:-9090}
URL="http://127.0.0.1:$PORT"
# component and management port, as mesh.sh starts them
TARGETS=(
  "call-ingest-service 9181" "consent-service 9182" "retention-service 9183" "dsar-service 9184" "deletion-agent 9185"
)
log() { printf '[prometheus] %s\n' "$*"; }
alive() { [ -f "$STATE/prometheus.pid" ] && kill -0 "$(cat "$STATE/prometheus.pid")" 2>/dev/null; }

install() {
  command -v prometheus >/dev/null && return
  log "installing Debian's prometheus package"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus; } \
    >/dev/null
  systemctl disable --now prometheus >/dev/null 2>&1 || true   # the system service is not this one
}

configure() {
  mkdir -p "$STATE/rules" "$STATE/data"
  rm -f "$STATE/rules/"*.yml
  for rule in "$ROOT"/deploy/k8s/base/monitoring/*-alerts.yaml; do
    python3 "$ROOT/deploy/k8s/alerts/rules-file.py" "$rule" "$STATE/rules/$(basename "$rule" .yaml).yml"
  done
  {
    echo "global: {scrape_interval: 15s, evaluation_interval: 15s}"
    echo "rule_files: ['$STATE/rules/*.yml']"
    echo "scrape_configs:"
    for target in "${TARGETS[@]}"; do
      set -- $target
      # the job is the service's name, as a ServiceMonitor would name it
      echo "  - {job_name: $1, metrics_path: /q/metrics, static_configs: [{targets: ['127.0.0.1:$2'], labels: {service: $1}}]}"
    done
  } > "$STATE/prometheus.yml"
  promtool check config "$STATE/prometheus.yml" >/dev/null
}

up() {
  install
  configure
  if alive; then
    kill -HUP "$(cat "$STATE/prometheus.pid")"   # reload: the rules may have changed
  else
    nohup prometheus --config.file="$STATE/prometheus.yml" --storage.tsdb.path="$STATE/data" \
      --storage.tsdb.retention.time=2d --web.listen-address="127.0.0.1:$PORT" > "$STATE/prometheus.log" 2>&1 &
    echo $! > "$STATE/prometheus.pid"
  fi
  for _ in $(seq 1 60); do
    curl -fs "$URL/-/ready" >/dev/null 2>&1 && break
    alive || { tail -n 20 "$STATE/prometheus.log" >&2; log "did not start"; exit 1; }
    sleep 1
  done
  for _ in $(seq 1 60); do
    check >/dev/null 2>&1 && break
    sleep 1
  done
  check
  log "up on $URL (targets: $URL/targets, alerts: $URL/alerts)"
}

# every target scraped and healthy, every rules file's groups loaded
check() {
  python3 - "$URL" "$STATE/rules" <<'PY'
import glob, json, sys, urllib.request, yaml
url, rules = sys.argv[1], sys.argv[2]
targets = json.load(urllib.request.urlopen(url + "/api/v1/targets"))["data"]["activeTargets"]
down = [t["labels"]["job"] + ": " + (t.get("lastError") or t["health"]) for t in targets if t["health"] != "up"]
wanted = {g["name"] for f in glob.glob(rules + "/*.yml") for g in yaml.safe_load(open(f))["groups"]}
loaded = {g["name"] for g in json.load(urllib.request.urlopen(url + "/api/v1/rules"))["data"]["groups"]}
if len(targets) != 5 or down or wanted - loaded:
    print("[prometheus] not ready: targets down %s, rule groups missing %s" % (down, sorted(wanted - loaded)))
    sys.exit(1)
print("[prometheus] %d targets up, %d rule groups loaded (%s)" % (len(targets), len(loaded), ", ".join(sorted(loaded))))
PY
}

down() {
  if alive; then
    kill "$(cat "$STATE/prometheus.pid")"
    log "stopped"
  fi
  rm -f "$STATE/prometheus.pid"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  check) check ;;
  *) echo "usage: $0 up|down|check" >&2; exit 2 ;;
esac
