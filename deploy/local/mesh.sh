#!/usr/bin/env bash
# Runs Consent Mesh on this machine: a Kafka broker (own JVM), the machine's PostgreSQL, and the four services.
#   deploy/local/mesh.sh up       build what is missing, start everything, wait until every service is ready
#   deploy/local/mesh.sh down     stop the services and the broker (and PostgreSQL, if this script started it)
#   deploy/local/mesh.sh status   what is running, where
#   deploy/local/mesh.sh trace ID one trace's spans, as a tree (needs MESH_TRACES=true at up)
#   deploy/local/mesh.sh env SVC  the environment the service is started with (for deploy/images/run_image.py)
# MESH_PROMETHEUS=true deploy/local/mesh.sh up also starts Prometheus scraping every service with the alert rules
# loaded (deploy/local/prometheus.sh; on 127.0.0.1:9090).
# MESH_TRACES=true deploy/local/mesh.sh up also starts an OTLP/HTTP trace collector (the test kit's, on 127.0.0.1:4318)
# writing every span to .state/traces.jsonl, and the services send it their OpenTelemetry spans (docs/operations.md).
# State (generated secrets, pids, logs, Kafka data) lives in deploy/local/.state/, which git ignores.
# The broker takes only SASL/SCRAM logins (no TLS: it listens on 127.0.0.1 only) and each service logs in as its own
# principal with the ACLs of mesh-testkit's MeshKafkaAcls; the passwords are in .state/secrets.env.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/deploy/local/.state"
LOGS="$STATE/logs"
KAFKA_PORT=${MESH_KAFKA_PORT:-9092}
KAFKA_LIB="$ROOT/mesh-testkit/kafka-broker/target/lib"
TESTKIT_CLASSES="$ROOT/mesh-testkit/target/classes"
CONTRACTS_CLASSES="$ROOT/mesh-contracts/target/classes"
DB_NAME=consentmesh
# service name, API port, database role, management port (health, metrics, OpenAPI: on 127.0.0.1 only here)
SERVICES=(
  "call-ingest-service 8081 ingest_service 9181"
  "consent-service 8082 consent_service 9182"
  "retention-service 8083 retention_service 9183"
  "dsar-service 8084 dsar_service 9184"
)
# The deletion agent (no database) and the S3-compatible object storage it deletes from on the local run (Adobe S3Mock,
# copied into deletion-agent/target/s3-server by the build): retention's commands for store object-storage reach it.
AGENT_PORT=8085 AGENT_MANAGEMENT_PORT=9185 OBJECT_STORAGE_PORT=9000
OBJECT_STORAGE_JAR="$ROOT/deletion-agent/target/s3-server/s3mock-exec.jar"
# The database roles of the services that seal personal data (mesh-privacy): only they may read schema mesh_keys.
KEY_HOLDERS="ingest_service consent_service dsar_service"
TRACES_PORT=4318 TRACES_FILE="$STATE/traces.jsonl"
tracing() { [ "${MESH_TRACES:-false}" = true ] || [ "${MESH_TRACES:-false}" = 1 ]; }

log() { printf '[mesh] %s\n' "$*"; }
die() { printf '[mesh] error: %s\n' "$*" >&2; exit 1; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
# The services' heap and collector; MESH_SERVICE_JVM overrides them (each service's GC log is in the logs directory).
SERVICE_JVM=${MESH_SERVICE_JVM:--Xms64m -Xmx256m -XX:+UseSerialGC}
# MESH_ONLY="call-ingest-service" starts only the named services (a benchmark of one keeps the others' CPU out).
wanted() { [ -z "${MESH_ONLY:-}" ] || [[ " $MESH_ONLY " == *" $1 "* ]]; }

build_if_missing() {
  local missing=0
  [ -d "$KAFKA_LIB" ] && [ -d "$TESTKIT_CLASSES" ] && [ -d "$CONTRACTS_CLASSES" ] || missing=1
  for entry in "${SERVICES[@]}"; do
    set -- $entry
    [ -f "$ROOT/$1/target/quarkus-app/quarkus-run.jar" ] || missing=1
  done
  [ -f "$ROOT/deletion-agent/target/quarkus-app/quarkus-run.jar" ] && [ -f "$OBJECT_STORAGE_JAR" ] || missing=1
  if [ "$missing" = 1 ]; then
    log "building (first run): ./mvnw package -DskipTests"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
  fi
}

secrets() {
  mkdir -p "$STATE" "$LOGS"
  if [ ! -f "$STATE/secrets.env" ]; then
    umask 077
    {
      echo "MESH_SUBJECTS_SECRET=$(openssl rand -hex 32)"
      for entry in "${SERVICES[@]}"; do
        set -- $entry
        echo "DB_PASSWORD_$3=$(openssl rand -hex 16)"
      done
    } > "$STATE/secrets.env"
  fi
  # Secrets added by later versions are appended to an existing file, never regenerated.
  # The installation's first credential: a platform-admin API key (mk_<key id>.<secret>), from which tenants' keys are
  # made (docs/operations.md, "First tenant").
  grep -q '^MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN=' "$STATE/secrets.env" \
    || echo "MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN=mk_$(openssl rand -hex 10).$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')" >> "$STATE/secrets.env"
  grep -q '^MESH_INGEST_REJECTED_BODY_KEY=' "$STATE/secrets.env" \
    || echo "MESH_INGEST_REJECTED_BODY_KEY=$(openssl rand -base64 32)" >> "$STATE/secrets.env"
  grep -q '^MESH_CONSENT_CHECKPOINT_SIGNING_KEY=' "$STATE/secrets.env" \
    || echo "MESH_CONSENT_CHECKPOINT_SIGNING_KEY=$(openssl rand -base64 32)" >> "$STATE/secrets.env"
  grep -q '^MESH_RETENTION_SIGNING_KEY=' "$STATE/secrets.env" \
    || echo "MESH_RETENTION_SIGNING_KEY=$(openssl rand -base64 32)" >> "$STATE/secrets.env"
  grep -q '^MESH_DSAR_BUNDLE_SIGNING_KEY=' "$STATE/secrets.env" \
    || echo "MESH_DSAR_BUNDLE_SIGNING_KEY=$(openssl rand -base64 32)" >> "$STATE/secrets.env"
  # mesh-privacy: the password of the keystore of key-encryption keys ($STATE/privacy-keks.p12, made on first start)
  grep -q '^MESH_PRIVACY_KEYSTORE_PASSWORD=' "$STATE/secrets.env" \
    || echo "MESH_PRIVACY_KEYSTORE_PASSWORD=$(openssl rand -hex 24)" >> "$STATE/secrets.env"
  # Kafka: the broker's super-user, and one principal per service (names as MeshKafkaAcls.passwordVariable makes them)
  if ! grep -q '^KAFKA_ADMIN_PASSWORD=' "$STATE/secrets.env"; then
    echo "KAFKA_ADMIN_PASSWORD=$(openssl rand -hex 24)" >> "$STATE/secrets.env"
    # a log directory from before SASL has no admin user, and only formatting adds one: start from an empty broker
    if [ -d "$STATE/kafka/data" ]; then
      log "Kafka now requires logins: its old log directory ($STATE/kafka) is removed"
      rm -rf "$STATE/kafka"
    fi
  fi
  for entry in "${SERVICES[@]}" deletion-agent; do
    set -- $entry
    local var="KAFKA_PASSWORD_${1//-/_}"
    grep -q "^$var=" "$STATE/secrets.env" || echo "$var=$(openssl rand -hex 24)" >> "$STATE/secrets.env"
  done
  # The key that seals provider auth tokens in the database; a rotation adds a _KEYS_<ID> line and changes CURRENT.
  grep -q '^MESH_INGEST_CREDENTIAL_KEYS_CURRENT=' "$STATE/secrets.env" \
    || printf 'MESH_INGEST_CREDENTIAL_KEYS_CURRENT=local1\nMESH_INGEST_CREDENTIAL_KEYS_KEYS_LOCAL1=%s\n' \
      "$(openssl rand -base64 32)" >> "$STATE/secrets.env"
  # shellcheck disable=SC1091
  source "$STATE/secrets.env"
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi
}

start_postgres() {
  if [ -n "${MESH_DB_HOST:-}" ]; then
    DB_HOST=$MESH_DB_HOST; DB_PORT=${MESH_DB_PORT:-5432}
    log "using the PostgreSQL named by MESH_DB_HOST ($DB_HOST:$DB_PORT); roles must exist"
    return
  fi
  "$ROOT/deploy/local/ensure-postgres.sh"
  local cluster
  cluster=$(pg_lsclusters --no-header | head -n 1)
  [ -n "$cluster" ] || die "no PostgreSQL cluster found (pg_lsclusters)"
  set -- $cluster
  local version=$1 name=$2
  DB_HOST=127.0.0.1; DB_PORT=$3
  if [ "$4" != online ]; then
    log "starting PostgreSQL $version/$name"
    pg_ctlcluster "$version" "$name" start
    echo "$version $name" > "$STATE/postgres-started-by-mesh"
  fi
  for _ in $(seq 1 30); do pg_isready -q -h "$DB_HOST" -p "$DB_PORT" && break; sleep 1; done
  pg_isready -q -h "$DB_HOST" -p "$DB_PORT" || die "PostgreSQL did not become ready on $DB_HOST:$DB_PORT"

  # One database; each service a role of its own that owns its schema (Flyway creates it on first start).
  as_postgres psql -q -p "$DB_PORT" -v ON_ERROR_STOP=1 -d postgres \
    -c "SELECT 1" >/dev/null
  if ! as_postgres psql -tA -p "$DB_PORT" -d postgres -c "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'" | grep -q 1; then
    as_postgres psql -q -p "$DB_PORT" -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB_NAME"
  fi
  # The shared security schema (API keys, security audit log) belongs to a role no one logs in as; every service is a
  # member, and migrates it as that role (MESH_SECURITY_STORE_OWNER_ROLE), whichever service starts first. The key
  # store of personal data (schema mesh_keys) likewise belongs to mesh_keys, granted only to the services that seal.
  as_postgres psql -q -p "$DB_PORT" -v ON_ERROR_STOP=1 -d "$DB_NAME" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mesh_security') THEN
    CREATE ROLE mesh_security NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mesh_keys') THEN
    CREATE ROLE mesh_keys NOLOGIN;
  END IF;
END \$\$;
GRANT CREATE, CONNECT ON DATABASE $DB_NAME TO mesh_security;
GRANT CREATE, CONNECT ON DATABASE $DB_NAME TO mesh_keys;
SQL
  for entry in "${SERVICES[@]}"; do
    set -- $entry
    local role=$3 var="DB_PASSWORD_$3"
    as_postgres psql -q -p "$DB_PORT" -v ON_ERROR_STOP=1 -d "$DB_NAME" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN;
  END IF;
END \$\$;
ALTER ROLE $role PASSWORD '${!var}';
GRANT CREATE, CONNECT ON DATABASE $DB_NAME TO $role;
GRANT mesh_security TO $role;
SQL
    case " $KEY_HOLDERS " in
      *" $role "*) as_postgres psql -q -p "$DB_PORT" -v ON_ERROR_STOP=1 -d "$DB_NAME" -c "GRANT mesh_keys TO $role" ;;
    esac
  done
}

start_kafka() {
  if alive "$STATE/kafka/kafka.pid"; then
    log "Kafka already running (pid $(cat "$STATE/kafka/kafka.pid"))"
    return
  fi
  log "starting Kafka on 127.0.0.1:$KAFKA_PORT (SASL/SCRAM, ACLs)"
  # Starts the broker, then creates the topics, the services' users and their ACLs; passwords go by environment.
  local passwords=()
  for entry in "${SERVICES[@]}" deletion-agent; do
    set -- $entry
    local var="KAFKA_PASSWORD_${1//-/_}"
    passwords+=("$var=${!var}")
  done
  env KAFKA_ADMIN_PASSWORD="$KAFKA_ADMIN_PASSWORD" "${passwords[@]}" \
    java -cp "$TESTKIT_CLASSES:$CONTRACTS_CLASSES:$KAFKA_LIB/*" \
    io.consentmesh.testkit.infra.KafkaBroker "$KAFKA_LIB" "$STATE/kafka" "$KAFKA_PORT" >/dev/null
}

# A service's environment, one NAME=value per line (also `mesh.sh env SERVICE`, for a service started another way:
# from its image, deploy/images/run_image.py). Needs the secrets sourced and DB_HOST/DB_PORT set.
service_env() {
  local service=$1 port=$2 role=$3 management=$4 var="DB_PASSWORD_$3" kafka_var="KAFKA_PASSWORD_${1//-/_}"
  cat <<ENV
QUARKUS_HTTP_PORT=$port
QUARKUS_MANAGEMENT_PORT=$management
QUARKUS_MANAGEMENT_HOST=127.0.0.1
QUARKUS_DATASOURCE_USERNAME=$role
QUARKUS_DATASOURCE_PASSWORD=${!var}
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$DB_HOST:$DB_PORT/$DB_NAME
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
KAFKA_SASL_USERNAME=$service
KAFKA_SASL_PASSWORD=${!kafka_var}
MESH_SUBJECTS_SECRET=$MESH_SUBJECTS_SECRET
MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN=$MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN
MESH_SECURITY_STORE_OWNER_ROLE=mesh_security
MESH_INGEST_REJECTED_BODY_KEY=$MESH_INGEST_REJECTED_BODY_KEY
MESH_CONSENT_CHECKPOINT_SIGNING_KEY=$MESH_CONSENT_CHECKPOINT_SIGNING_KEY
MESH_RETENTION_SIGNING_KEY=$MESH_RETENTION_SIGNING_KEY
MESH_DSAR_BUNDLE_SIGNING_KEY=$MESH_DSAR_BUNDLE_SIGNING_KEY
MESH_PRIVACY_KEYSTORE_PATH=$STATE/privacy-keks.p12
MESH_PRIVACY_KEYSTORE_PASSWORD=$MESH_PRIVACY_KEYSTORE_PASSWORD
MESH_PRIVACY_KEYSTORE_CREATE_IF_MISSING=true
MESH_PRIVACY_KEYS_OWNER_ROLE=mesh_keys
MESH_INGEST_PUBLIC_BASE_URL=http://127.0.0.1:8081
MESH_INGEST_BENCHMARK_ENDPOINT=${MESH_INGEST_BENCHMARK_ENDPOINT:-false}
MESH_TRACING_EXPORTER=$(tracing && echo otlp || echo none)
MESH_TRACING_OTLP_ENDPOINT=http://127.0.0.1:$TRACES_PORT/v1/traces
MESH_TRACING_EXPORT_DELAY=1s
ENV
  # every MESH_INGEST_CREDENTIAL_KEYS_* line, whatever key ids a rotation added (Base64 has no spaces)
  if [ "$service" = call-ingest-service ]; then grep '^MESH_INGEST_CREDENTIAL_KEYS_' "$STATE/secrets.env" || true; fi
}

start_services() {
  for entry in "${SERVICES[@]}"; do
    set -- $entry
    local service=$1 environment=()
    wanted "$service" || continue
    if alive "$STATE/$service.pid"; then
      log "$service already running"
      continue
    fi
    # not `mapfile < <(service_env)`: a failure there (a secret missing) would pass unseen
    local environment_text
    environment_text=$(service_env "$@")
    mapfile -t environment <<< "$environment_text"
    # dsar-service is given no access to the tenant's recordings: the deletion agent that answers for store
    # object-storage copies a person's files to the staging bucket dsar-exports, which dsar-service reads (and empties)
    local service_options=()
    [ "$service" = dsar-service ] && service_options=(
      "-Dmesh.dsar.bundle.object-stores.staging.base-url=http://127.0.0.1:$OBJECT_STORAGE_PORT"
      -Dmesh.dsar.bundle.object-stores.staging.username=local
      -Dmesh.dsar.bundle.object-stores.staging.password=local
      -Dmesh.dsar.bundle.exports.stores=object-storage
      -Dmesh.dsar.bundle.exports.store=staging
      -Dmesh.dsar.bundle.exports.bucket=dsar-exports)
    # shellcheck disable=SC2086  # SERVICE_JVM is a list of options
    env "${environment[@]}" nohup java $SERVICE_JVM "${service_options[@]}" \
        "-Xlog:gc:file=$LOGS/$service-gc.log:time,uptime:filecount=2,filesize=10m" \
        -jar "$ROOT/$service/target/quarkus-app/quarkus-run.jar" \
        > "$LOGS/$service.log" 2>&1 &
    echo $! > "$STATE/$service.pid"
  done
  for entry in "${SERVICES[@]}"; do
    set -- $entry
    local service=$1 management=$4 ready=0
    wanted "$service" || continue
    for _ in $(seq 1 120); do
      if curl -fs "http://127.0.0.1:$management/q/health/ready" >/dev/null 2>&1; then ready=1; break; fi
      alive "$STATE/$service.pid" || break
      sleep 1
    done
    [ "$ready" = 1 ] || { tail -n 40 "$LOGS/$service.log" >&2; die "$service did not become ready (log: $LOGS/$service.log)"; }
  done
}

start_traces() {
  tracing || return 0
  if alive "$STATE/traces.pid"; then
    log "trace collector already running"
    return
  fi
  nohup java -Xmx128m -cp "$TESTKIT_CLASSES" io.consentmesh.testkit.tracing.TraceCollector "$TRACES_PORT" "$TRACES_FILE" \
    > "$LOGS/traces.log" 2>&1 &
  echo $! > "$STATE/traces.pid"
  for _ in $(seq 1 30); do
    grep -q "OTLP/HTTP traces on" "$LOGS/traces.log" 2>/dev/null && return
    alive "$STATE/traces.pid" || break
    sleep 1
  done
  cat "$LOGS/traces.log" >&2
  die "the trace collector did not start (log: $LOGS/traces.log)"
}

start_object_storage() {
  wanted object-storage || return 0
  if alive "$STATE/object-storage.pid"; then
    log "object storage already running"
    return
  fi
  log "starting the S3-compatible object storage on 127.0.0.1:$OBJECT_STORAGE_PORT (buckets recordings, quarantine, dsar-exports)"
  nohup java -Xmx256m -jar "$OBJECT_STORAGE_JAR" --server.port=0 --server.address=127.0.0.1 \
    --com.adobe.testing.s3mock.http-port="$OBJECT_STORAGE_PORT" \
    --com.adobe.testing.s3mock.store.root="$STATE/object-storage" \
    --com.adobe.testing.s3mock.store.initial-buckets=recordings,quarantine,dsar-exports \
    > "$LOGS/object-storage.log" 2>&1 &
  echo $! > "$STATE/object-storage.pid"
  for _ in $(seq 1 120); do
    grep -q 'Started S3MockApplication' "$LOGS/object-storage.log" 2>/dev/null && return
    alive "$STATE/object-storage.pid" || break
    sleep 1
  done
  tail -n 40 "$LOGS/object-storage.log" >&2
  die "the object storage did not start (log: $LOGS/object-storage.log)"
}

start_agent() {
  wanted deletion-agent || return 0
  if alive "$STATE/deletion-agent.pid"; then
    log "deletion-agent already running"
    return
  fi
  # shellcheck disable=SC2086  # SERVICE_JVM is a list of options
  QUARKUS_HTTP_PORT=$AGENT_PORT \
  QUARKUS_MANAGEMENT_PORT=$AGENT_MANAGEMENT_PORT \
  QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
  KAFKA_SASL_USERNAME=deletion-agent \
  KAFKA_SASL_PASSWORD="$KAFKA_PASSWORD_deletion_agent" \
  MESH_AGENT_NAME=local \
    nohup java $SERVICE_JVM \
      -Dmesh.agent.stores.object-storage.kind=s3 \
      -Dmesh.agent.stores.object-storage.base-url="http://127.0.0.1:$OBJECT_STORAGE_PORT" \
      -Dmesh.agent.stores.object-storage.username=local -Dmesh.agent.stores.object-storage.password=local \
      -Dmesh.agent.stores.object-storage.quarantine-bucket=quarantine \
      -Dmesh.agent.exports.base-url="http://127.0.0.1:$OBJECT_STORAGE_PORT" \
      -Dmesh.agent.exports.username=local -Dmesh.agent.exports.password=local \
      -Dmesh.agent.exports.bucket=dsar-exports \
      -jar "$ROOT/deletion-agent/target/quarkus-app/quarkus-run.jar" > "$LOGS/deletion-agent.log" 2>&1 &
  echo $! > "$STATE/deletion-agent.pid"
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$AGENT_MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1 && return
    alive "$STATE/deletion-agent.pid" || break
    sleep 1
  done
  tail -n 40 "$LOGS/deletion-agent.log" >&2
  die "deletion-agent did not become ready (log: $LOGS/deletion-agent.log)"
}

status() {
  printf '%-22s %-8s %-28s %-28s %s\n' COMPONENT STATE ADDRESS MANAGEMENT LOG
  local state
  state=$(alive "$STATE/kafka/kafka.pid" && echo up || echo down)
  printf '%-22s %-8s %-28s %-28s %s\n' kafka "$state" "127.0.0.1:$KAFKA_PORT" - "$STATE/kafka/kafka.log"
  state=$(pg_isready -q -h 127.0.0.1 -p "${DB_PORT:-5432}" 2>/dev/null && echo up || echo down)
  printf '%-22s %-8s %-28s %-28s %s\n' postgresql "$state" "127.0.0.1:${DB_PORT:-5432}/$DB_NAME" - "(pg_lsclusters)"
  for entry in "${SERVICES[@]}"; do
    set -- $entry
    state=$(alive "$STATE/$1.pid" && echo up || echo down)
    printf '%-22s %-8s %-28s %-28s %s\n' "$1" "$state" "http://127.0.0.1:$2" "http://127.0.0.1:$4/q" "$LOGS/$1.log"
  done
  state=$(alive "$STATE/deletion-agent.pid" && echo up || echo down)
  printf '%-22s %-8s %-28s %-28s %s\n' deletion-agent "$state" "http://127.0.0.1:$AGENT_PORT" \
    "http://127.0.0.1:$AGENT_MANAGEMENT_PORT/q" "$LOGS/deletion-agent.log"
  state=$(alive "$STATE/prometheus/prometheus.pid" && echo up || echo down)
  printf '%-22s %-8s %-28s %-28s %s\n' prometheus "$state" "http://127.0.0.1:9090" - "$STATE/prometheus/prometheus.log"
  state=$(alive "$STATE/traces.pid" && echo up || echo down)
  printf '%-22s %-8s %-28s %-28s %s\n' traces "$state" "http://127.0.0.1:$TRACES_PORT/v1/traces" - "$TRACES_FILE"
  state=$(alive "$STATE/object-storage.pid" && echo up || echo down)
  printf '%-22s %-8s %-28s %-28s %s\n' object-storage "$state" "http://127.0.0.1:$OBJECT_STORAGE_PORT" - \
    "$LOGS/object-storage.log"
}

stop_pid() {
  local pidfile=$1 what=$2
  if alive "$pidfile"; then
    local pid; pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    log "stopped $what"
  fi
  rm -f "$pidfile"
}

down() {
  "$ROOT/deploy/local/prometheus.sh" down >/dev/null
  stop_pid "$STATE/deletion-agent.pid" deletion-agent
  for entry in "${SERVICES[@]}"; do
    set -- $entry
    stop_pid "$STATE/$1.pid" "$1"
  done
  stop_pid "$STATE/object-storage.pid" object-storage
  stop_pid "$STATE/traces.pid" "trace collector"
  stop_pid "$STATE/kafka/kafka.pid" kafka
  if [ -f "$STATE/postgres-started-by-mesh" ]; then
    set -- $(cat "$STATE/postgres-started-by-mesh")
    pg_ctlcluster "$1" "$2" stop && log "stopped PostgreSQL $1/$2"
    rm -f "$STATE/postgres-started-by-mesh"
  fi
}

case "${1:-}" in
  up)
    build_if_missing
    secrets
    start_postgres
    start_kafka
    start_traces
    start_services
    start_object_storage
    start_agent
    [ "${MESH_PROMETHEUS:-false}" = true ] && "$ROOT/deploy/local/prometheus.sh" up
    status
    echo
    log "platform-admin API key: MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN in $STATE/secrets.env (docs/operations.md)"
    log "Kafka logins: user 'admin' (KAFKA_ADMIN_PASSWORD) and one per service (KAFKA_PASSWORD_*) in $STATE/secrets.env"
    log "stop everything with: deploy/local/mesh.sh down"
    ;;
  down) down ;;
  status) DB_PORT=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1{print $3}'); status ;;
  env)
    entry=$(printf '%s\n' "${SERVICES[@]}" | grep "^${2:-none} ") || die "usage: $0 env <one of the four services>"
    [ -f "$STATE/secrets.env" ] || die "no secrets yet: run $0 up first"
    # shellcheck disable=SC1091
    source "$STATE/secrets.env"
    # the database and tracing as `up` chose them (start_postgres; start_traces)
    if [ -n "${MESH_DB_HOST:-}" ]; then
      DB_HOST=$MESH_DB_HOST; DB_PORT=${MESH_DB_PORT:-5432}
    else
      DB_HOST=127.0.0.1; DB_PORT=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1{print $3}')
    fi
    MESH_TRACES=$(alive "$STATE/traces.pid" && echo true || echo false)
    # shellcheck disable=SC2086  # the entry's four words are the function's arguments
    service_env $entry
    ;;
  trace)
    [ -n "${2:-}" ] || die "usage: $0 trace <trace id>"
    [ -f "$TRACES_FILE" ] || die "no spans recorded: start the mesh with MESH_TRACES=true"
    python3 "$ROOT/deploy/local/traces.py" show "$TRACES_FILE" "$2"
    ;;
  *) echo "usage: $0 up|down|status|trace ID" >&2; exit 2 ;;
esac
