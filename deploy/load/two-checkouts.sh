# Sourced by the scripts that benchmark two checkouts against each other (before-after.sh, webhook-profile.sh).
# fresh: stops either checkout's mesh, DROPS the local database "consentmesh" and removes both brokers' data, so that
# the next variant starts empty. Needs BEFORE and AFTER (the checkouts' directories).
fresh() {
  # its own loop variable: the caller's variables name the variant about to run
  local checkout
  for checkout in "$BEFORE" "$AFTER"; do (cd "$checkout" && deploy/local/mesh.sh down > /dev/null 2>&1); done
  pg_ctlcluster 15 main start 2> /dev/null
  runuser -u postgres -- psql -q -c "DROP DATABASE IF EXISTS consentmesh" > /dev/null 2>&1
  pg_ctlcluster 15 main stop 2> /dev/null
  rm -rf "$BEFORE/deploy/local/.state/kafka" "$AFTER/deploy/local/.state/kafka"
}
