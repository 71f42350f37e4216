# Sourced by the load scripts that need the whole local mesh: refuses to run without it (naming the script in $1),
# then shows what else shares the two cores during the run.
#   source "$ROOT/deploy/load/mesh-running.sh" dsar-load
for port in 9182 9183 9184; do
  curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 \
    || { echo "[$1] the mesh is not running (deploy/local/mesh.sh up)" >&2; exit 1; }
done
"$ROOT/deploy/local/mesh.sh" status
