#!/usr/bin/env bash
# A service run from its image, serving real traffic: the local mesh is started without consent-service, the images
# are built and verified (build.sh), then consent-service runs from its image (run_image.py: its root filesystem, its
# user 185, the environment mesh.sh would give it) against the same broker and database while deploy/local/smoke.sh
# drives a signed STOP, a DSAR and an erasure through every service. Stops everything after. Needs root.
#   deploy/images/run-check.sh [SERVICE]     (default consent-service; any of the four services)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SERVICE=${1:-consent-service}
cd "$ROOT"
OTHERS=$(echo call-ingest-service consent-service retention-service dsar-service deletion-agent object-storage \
  | tr ' ' '\n' | grep -vx "$SERVICE" | tr '\n' ' ')

deploy/local/mesh.sh down > /dev/null 2>&1 || true
trap 'deploy/local/mesh.sh down > /dev/null 2>&1 || true' EXIT
MESH_ONLY="$OTHERS" deploy/local/mesh.sh up
MESH_IMAGE_RUN="$SERVICE" deploy/images/build.sh
