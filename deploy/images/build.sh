#!/usr/bin/env bash
# Issue 18, item 1: every service's OCI image, built by Jib (quarkus-container-image-jib) without a Docker daemon, on
# the Java 17 base image of base_image.py (this machine cannot pull one), pushed to a registry and then checked
# (verify_image.py: non-root user, the entrypoint's runtime starts inside the image's own filesystem).
#
#   deploy/images/build.sh                      # a local registry (Debian's docker-registry, 127.0.0.1:5000, started
#                                               # and stopped here), images 127.0.0.1:5000/consent-mesh/<service>:0.1.0
#   MESH_IMAGE_REGISTRY=ghcr.io deploy/images/build.sh   # the real one (log in first: Jib reads ~/.docker/config.json)
#
# The manifests name ghcr.io/consent-mesh/<service>:0.1.0 (deploy/k8s); an overlay's `images:` points them at another
# registry. Needs root for the run check (chroot). Talks only to the registry it pushes to.
#
#   MESH_IMAGE_RUN=consent-service deploy/images/build.sh   # then also runs that service from its image against the
#                                               # local mesh while deploy/local/smoke.sh runs (see run-check.sh)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/images/.state"
SERVICES="call-ingest-service consent-service retention-service dsar-service deletion-agent"
GROUP=consent-mesh
TAG=0.1.0
REGISTRY="${MESH_IMAGE_REGISTRY:-127.0.0.1:5000}"
JDK="${MESH_IMAGE_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}"
mkdir -p "$STATE"
cd "$ROOT"

local_registry=false
if [ "$REGISTRY" = "127.0.0.1:5000" ]; then
  local_registry=true
  if ! command -v docker-registry > /dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry > /dev/null
  fi
  systemctl stop docker-registry 2> /dev/null || true # the package's own service would hold the port
  cat > "$STATE/registry.yml" <<YAML
version: 0.1
storage:
  filesystem: { rootdirectory: $STATE/registry }
  delete: { enabled: true }
http: { addr: 127.0.0.1:5000 }
log: { level: warn }
YAML
  docker-registry serve "$STATE/registry.yml" > "$STATE/registry.log" 2>&1 &
  echo $! > "$STATE/registry.pid"
  trap 'kill "$(cat "$STATE/registry.pid")" 2> /dev/null || true' EXIT
  for _ in $(seq 1 50); do curl -fs http://127.0.0.1:5000/v2/ > /dev/null && break; sleep 0.2; done
  curl -fs http://127.0.0.1:5000/v2/ > /dev/null || { echo "the local registry did not start" >&2; exit 1; }
fi

BASE="$STATE/jre17-base.tar"
python3 deploy/images/base_image.py --jdk "$JDK" --out "$BASE"

# one build for every image: Jib adds the application's layers (libraries, then the service) on the base layer
./mvnw -B -q --no-transfer-progress package -DskipTests -pl "$(echo $SERVICES | tr ' ' ',')" -am \
  -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
  -Dquarkus.container-image.registry="$REGISTRY" -Dquarkus.container-image.group="$GROUP" \
  -Dquarkus.container-image.tag="$TAG" -Dquarkus.container-image.insecure="$local_registry" \
  -Dquarkus.jib.base-jvm-image="tar://$BASE" -Dquarkus.jib.user=185

for service in $SERVICES; do
  python3 deploy/images/verify_image.py --registry "$REGISTRY" --image "$GROUP/$service" --tag "$TAG" \
    --insecure="$local_registry"
done

if [ -n "${MESH_IMAGE_RUN:-}" ]; then
  python3 deploy/images/run_image.py --registry "$REGISTRY" --group "$GROUP" --tag "$TAG" --insecure="$local_registry" \
    --service "$MESH_IMAGE_RUN" -- deploy/local/smoke.sh
fi
