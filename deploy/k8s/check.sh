#!/usr/bin/env bash
# Checks the Kubernetes manifests without a cluster (run by CI):
#   deploy/k8s/check.sh             renders overlays/dev and overlays/prod with `kubectl kustomize`, then validates each
#                                   render (check/validate.py): every object against its kind's schema (Kubernetes 1.32
#                                   and the operators' CRDs, vendored in schemas/), and the references between objects
#                                   and to the services' application.properties
#   deploy/k8s/check.sh --self-test plants one mistake at a time in a copy of deploy/k8s and expects the check to fail
#                                   on each, with the message that names it
# Offline: kubectl (with its built-in kustomize v5) and Python's PyYAML and jsonschema; Debian's python3-jsonschema is
# installed when the python3 on the PATH lacks it.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

command -v kubectl >/dev/null || { echo "[k8s] kubectl (with kustomize v5) is needed" >&2; exit 1; }
PYTHON=python3
if ! python3 -c 'import jsonschema, yaml' 2>/dev/null; then
  if ! /usr/bin/python3 -c 'import jsonschema, yaml' 2>/dev/null; then
    echo "[k8s] installing python3-jsonschema (Debian)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      python3-jsonschema python3-yaml; } >/dev/null
  fi
  PYTHON=/usr/bin/python3
fi

# check <deploy/k8s copy> <overlay>: render, then validate; the validator's report goes to stdout
check() {
  local k8s=$1 overlay=$2 render
  render=$(mktemp)
  if ! kubectl kustomize "$k8s/overlays/$overlay" > "$render" 2> "$render.err"; then
    echo "  kustomize: $(cat "$render.err")"
    rm -f "$render" "$render.err"
    return 1
  fi
  local status=0
  "$PYTHON" "$k8s/check/validate.py" "$render" "$ROOT" || status=$?
  rm -f "$render" "$render.err"
  return $status
}

self_test() {
  local passed=0 failed=0
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
  # plant <what> <file under deploy/k8s> <sed expression> <text the report must contain>
  plant() {
    local what=$1 file=$2 expression=$3 expected=$4 copy="$WORK/k8s" report
    rm -rf "$copy" && cp -r "$HERE" "$copy"
    sed -i "$expression" "$copy/$file"
    if cmp -s "$HERE/$file" "$copy/$file"; then
      echo "  FAIL $what: the mistake was not planted ($expression matched nothing in $file)"
      failed=$((failed + 1)); return
    fi
    if report=$(check "$copy" dev); then
      echo "  FAIL $what: the check passed"
      failed=$((failed + 1))
    elif ! grep -qF -- "$expected" <<<"$report"; then
      echo "  FAIL $what: the check failed, but not with \"$expected\":"; echo "$report"
      failed=$((failed + 1))
    else
      echo "  ok   $what: $(grep -F -- "$expected" <<<"$report" | head -n 1 | sed 's/^ *//')"
      passed=$((passed + 1))
    fi
  }
  plant "a Service selecting no pod" base/services/consent-service.yaml \
    '/^kind: Service/,/^---/s/selector: { app.kubernetes.io\/name: consent-service }/selector: { app.kubernetes.io\/name: consent }/' \
    "Service/consent-service: selector"
  plant "a Secret nothing defines" base/services/retention-service.yaml \
    's/name: mesh-secrets, key: MESH_RETENTION_SIGNING_KEY/name: mesh-secret, key: MESH_RETENTION_SIGNING_KEY/' \
    "names Secret mesh-secret"
  plant "a misspelt field (Kubernetes schema)" base/services/dsar-service.yaml \
    's/- { name: http, containerPort: 8084 }/- { name: http, containerPorts: 8084 }/' \
    "('containerPorts' was unexpected)"
  plant "a wrong type (Strimzi CRD schema)" base/kafka/kafka-topics.yaml \
    '0,/partitions: 12/s/partitions: 12/partitions: "12"/' \
    "spec.partitions: '12' is not of type 'integer'"
  plant "a KafkaTopic naming a Kafka cluster that is not defined" base/kafka/kafka-topics.yaml \
    '0,/strimzi.io\/cluster: mesh/s/strimzi.io\/cluster: mesh/strimzi.io\/cluster: meshh/' \
    "names Kafka cluster meshh"
  plant "a probe off the health path" base/patches/mesh-deployment.yaml \
    's#path: /q/health/ready#path: /health/ready#' \
    "readinessProbe asks /health/ready"
  plant "a ScaledObject scaling a Deployment that is not defined" base/autoscaling.yaml \
    's/scaleTargetRef: { name: dsar-service }/scaleTargetRef: { name: dsar }/' \
    "scales Deployment dsar, which is not defined"
  plant "a consumer group the lag trigger misses" base/autoscaling.yaml \
    '/consumerGroup: retention-service-receipts/d' \
    "no kafka trigger watches group(s) ['retention-service-receipts']"
  plant "a management port the service does not listen on" base/services/deletion-agent.yaml \
    's/containerPort: 9185/containerPort: 9186/' \
    "port management is 9186, the service listens on 9185"
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
}

if [ "${1:-}" = --self-test ]; then
  echo "[k8s] self-test: each planted mistake must fail the check"
  self_test
  exit
fi
status=0
for overlay in dev prod; do
  echo "[k8s] overlays/$overlay"
  check "$HERE" "$overlay" || status=1
done
[ "$status" = 0 ] && echo "[k8s] passed" || echo "[k8s] FAILED" >&2
exit $status
