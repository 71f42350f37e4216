# Sourced by the audit commands: the database to read (the local run's unless told otherwise) and the classpath of
# the built consent-service (built when missing).
LEDGER_DB_URL=${LEDGER_DB_URL:-jdbc:postgresql://127.0.0.1:5432/consentmesh?currentSchema=consent}
LEDGER_DB_USER=${LEDGER_DB_USER:-consent_service}
if [ -z "${LEDGER_DB_PASSWORD:-}" ] && [ -f "$ROOT/deploy/local/.state/secrets.env" ]; then
  # shellcheck disable=SC1091
  source "$ROOT/deploy/local/.state/secrets.env"
  LEDGER_DB_PASSWORD=${DB_PASSWORD_consent_service:-}
fi
export LEDGER_DB_PASSWORD
# Kafka: the replays read consent.evidence.v1 as consent-service (its ACLs allow that) unless told otherwise.
KAFKA_SASL_USERNAME=${KAFKA_SASL_USERNAME:-consent-service}
if [ -z "${KAFKA_SASL_PASSWORD:-}" ] && [ -f "$ROOT/deploy/local/.state/secrets.env" ]; then
  # shellcheck disable=SC1091
  source "$ROOT/deploy/local/.state/secrets.env"
  var="KAFKA_PASSWORD_${KAFKA_SASL_USERNAME//-/_}"
  [ "$KAFKA_SASL_USERNAME" = admin ] && var=KAFKA_ADMIN_PASSWORD
  KAFKA_SASL_PASSWORD=${!var:-}
fi
export KAFKA_SASL_USERNAME KAFKA_SASL_PASSWORD
APP="$ROOT/consent-service/target/quarkus-app"
[ -d "$APP" ] || (cd "$ROOT" && ./mvnw -B -q -pl consent-service -am package -DskipTests)
CLASSPATH="$APP/app/*:$APP/lib/main/*"
# The checkpoints' public key: the auditor's own copy (from the operator) wins; on the local run, ask the service.
if [ -z "${LEDGER_CHECKPOINT_PUBLIC_KEY:-}" ]; then
  LEDGER_CHECKPOINT_PUBLIC_KEY=$(curl -fsS "${CONSENT_URL:-http://127.0.0.1:8082}/v1/audit/checkpoint-key" 2>/dev/null \
    | sed -n 's/.*"publicKey":"\([^"]*\)".*/\1/p' || true)
fi
export LEDGER_CHECKPOINT_PUBLIC_KEY
