#!/usr/bin/env bash
# End-to-end check of a running local mesh (deploy/local/mesh.sh up), through every process:
#   a signed Twilio STOP webhook -> call-ingest -> Kafka -> consent ledger -> POST /v1/authorizations says DENY;
#   signed call and recording callbacks -> call-ingest -> Kafka -> retention-service's inventory;
#   a recording in object storage past 90 days -> retention's command -> deletion-agent deletes it -> receipt, certificate;
#   a DSAR access request -> dsar-service -> Kafka -> every service answers with its records -> a signed copy, downloaded
#   through its link and verified offline;
#   the person's SMS-verified deletion: the code read from dsar.sms-command.v1, their recording and transcript deleted
#   from object storage with certificates, a held recording kept and listed, their ledger shredded but verifying, still
#   DENY, and the answer lists what was kept and why;
#   every API call with an API key made the documented way (docs/operations.md, "First tenant"), and the security
#   audit log shows the smoke test's reads; health, metrics and OpenAPI only on the management ports; the broker
#   refuses a client without a login, a wrong password, a principal without ACLs and a service outside its topics.
# Talks only to 127.0.0.1 and stops by itself (every wait is bounded).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck disable=SC1091
source "$ROOT/deploy/local/.state/secrets.env"
INGEST=http://127.0.0.1:8081 CONSENT=http://127.0.0.1:8082 DSAR=http://127.0.0.1:8084
# a tenant of its own each run: the database may hold earlier runs' data (another checkout's keys and signatures)
TENANT="smoke-$(openssl rand -hex 4)"
ACCOUNT="AC$(openssl rand -hex 16)"
TOKEN=$(openssl rand -hex 16)
PERSON="+1212$(( RANDOM % 8000 + 2000 ))$(( RANDOM % 900 + 100 ))"
SENDER_A=+14155550101 SENDER_B=+14155550102

PASSED=0
pass() { PASSED=$((PASSED + 1)); printf '[smoke] ok: %s\n' "$*"; }
fail() { printf '[smoke] FAILED: %s\n' "$*" >&2; exit 1; }
field() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; }
json() { curl -fsS -H 'Content-Type: application/json' "$@"; }
as() { local key=$1; shift; json -H "Authorization: Bearer $key" "$@"; }

# 0. The platform administrator (the bootstrap key of secrets.env) makes the tenant's API keys, one per role.
PLATFORM=$MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN
key() {
  as "$PLATFORM" -X POST "$CONSENT/v1/admin/tenants/$TENANT/api-keys" -d "{\"name\":\"smoke $1\",\"roles\":[\"$1\"]}" \
    | field apiKey
}
SENDER_KEY=$(key sender) REGISTRY_KEY=$(key registry-admin) PRIVACY_KEY=$(key privacy-ops) AUDITOR_KEY=$(key auditor)
INTAKE_KEY=$(key dsar-intake)
[ -n "$SENDER_KEY" ] && [ -n "$AUDITOR_KEY" ] || fail "the platform-admin key could not make the tenant's API keys"
anonymous=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$CONSENT/v1/authorizations" -H 'Content-Type: application/json' -d '{}')
[ "$anonymous" = 401 ] || fail "an authorization without a credential answered $anonymous"
pass "tenant API keys made by the platform admin; no credential, no answer (401)"

# An informational text planned for tomorrow 15:00 UTC (10:00 or 11:00 in New York, the person's area code 212).
SEND_AT="$(date -u -d tomorrow +%Y-%m-%d)T15:00:00Z"
authorize() {
  as "$SENDER_KEY" -X POST "$CONSENT/v1/authorizations" \
    -d "{\"tenantId\":\"$TENANT\",\"channel\":\"SMS\",\"from\":\"$1\",\"to\":\"$PERSON\",
         \"contentClass\":\"INFORMATIONAL\",\"sendAt\":\"$SEND_AT\"}"
}

# 1. The operator registers the tenant's Twilio account and its auth token with call-ingest.
as "$PLATFORM" -X PUT \
  "$INGEST/v1/admin/provider-accounts/twilio/$ACCOUNT" -d "{\"tenantId\":\"$TENANT\"}" >/dev/null
as "$PLATFORM" -X POST \
  "$INGEST/v1/admin/provider-accounts/twilio/$ACCOUNT/credentials" -d "{\"secret\":\"$TOKEN\"}" >/dev/null
pass "Twilio account registered"

# 2. The tenant's senders are on an active 10DLC campaign (G-01), and the person opted in on its web form: authorized.
as "$REGISTRY_KEY" -X PUT "$CONSENT/v1/registry/brands/BSMOKE1" -d "{\"tenantId\":\"$TENANT\",\"legalName\":\"Smoke Co.\",
  \"status\":\"APPROVED\"}" >/dev/null
as "$REGISTRY_KEY" -X PUT "$CONSENT/v1/registry/campaigns/CSMOKE1" -d "{\"tenantId\":\"$TENANT\",\"brandId\":\"BSMOKE1\",
  \"useCase\":\"MIXED\",\"subUseCases\":[\"ACCOUNT_NOTIFICATION\",\"MARKETING\"],\"status\":\"ACTIVE\"}" >/dev/null
for sender in $SENDER_A $SENDER_B; do
  as "$REGISTRY_KEY" -X PUT "$CONSENT/v1/registry/sender-numbers/$sender" -d "{\"tenantId\":\"$TENANT\",\"campaignId\":\"CSMOKE1\"}" >/dev/null
done
as "$SENDER_KEY" -X POST "$CONSENT/v1/consents" -d "{\"tenantId\":\"$TENANT\",\"phoneNumber\":\"$PERSON\",\"channel\":\"SMS\",
  \"level\":\"EXPRESS_WRITTEN\",\"source\":\"WEB_FORM\",\"disclosureText\":\"Texts from Smoke Co. Reply STOP to end.\",
  \"disclosureVersion\":\"v1\",\"capturedAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",
  \"ipAddress\":\"203.0.113.7\",\"userAgent\":\"smoke.sh\"}" >/dev/null
[ "$(authorize $SENDER_A | field outcome)" = ALLOW ] || fail "opted-in number was not allowed"
pass "opted-in number is ALLOW"

# Posts a form webhook to call-ingest signed as Twilio signs it: X-Twilio-Signature =
# Base64(HMAC-SHA1(auth token, URL + every parameter's name and value, sorted by name)). Prints the HTTP status.
twilio_post() {
  local path=$1; shift
  local signed="$INGEST$path" body="" pair
  for pair in $(printf '%s\n' "$@" | LC_ALL=C sort); do
    signed+="${pair%%=*}${pair#*=}"
    body+="${body:+&}${pair%%=*}=$(printf '%s' "${pair#*=}" | sed 's/+/%2B/g; s/:/%3A/g; s#/#%2F#g')"
  done
  local signature
  signature=$(printf '%s' "$signed" | openssl dgst -sha1 -hmac "$TOKEN" -binary | base64)
  curl -s -o /dev/null -w '%{http_code}' -X POST "$INGEST$path" -H "X-Twilio-Signature: $signature" \
    -H 'Content-Type: application/x-www-form-urlencoded' --data "$body"
}

# 3. The person texts STOP to sender A; Twilio posts the signed webhook.
started=$(date +%s%N)
code=$(twilio_post /webhooks/twilio/sms "AccountSid=$ACCOUNT" "MessageSid=SM$(openssl rand -hex 16)" \
  "From=$PERSON" "To=$SENDER_A" "Body=STOP" "NumSegments=1")
[ "$code" = 200 ] || fail "signed webhook answered $code"
pass "signed STOP webhook accepted (200)"
URL="$INGEST/webhooks/twilio/sms"
bad=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$URL" -H "X-Twilio-Signature: forged" \
  -H 'Content-Type: application/x-www-form-urlencoded' --data "AccountSid=$ACCOUNT&MessageSid=SMx&From=x&To=y&Body=STOP")
[ "$bad" = 403 ] || fail "forged webhook answered $bad"
pass "forged webhook rejected (403)"

# 4. Sender B of the same brand is now denied.
outcome=""
for _ in $(seq 1 100); do
  response=$(authorize $SENDER_B)
  outcome=$(printf '%s' "$response" | field outcome)
  [ "$outcome" = DENY ] && break
  sleep 0.1
done
[ "$outcome" = DENY ] || fail "no DENY within 10 s of the STOP"
grep -q OPTED_OUT <<<"$response" || fail "DENY without OPTED_OUT: $response"
pass "sender B is DENY (OPTED_OUT), $(( ($(date +%s%N) - started) / 1000000 )) ms after the webhook"

# 5. A recorded call: its status and recording callbacks reach retention's inventory, due 90 days later.
CALL="CA$(openssl rand -hex 16)" RECORDING="RE$(openssl rand -hex 16)"
code=$(twilio_post /webhooks/twilio/voice-status "AccountSid=$ACCOUNT" "CallSid=$CALL" "CallStatus=in-progress" \
  "Direction=inbound" "From=$PERSON" "To=$SENDER_A" "SequenceNumber=1")
[ "$code" = 204 ] || fail "voice status callback answered $code"
code=$(twilio_post /webhooks/twilio/recording-status "AccountSid=$ACCOUNT" "CallSid=$CALL" "RecordingSid=$RECORDING" \
  "RecordingStatus=completed" "RecordingDuration=42" "RecordingChannels=2" \
  "RecordingUrl=https://api.twilio.com/2010-04-01/Accounts/$ACCOUNT/Recordings/$RECORDING")
[ "$code" = 204 ] || fail "recording status callback answered $code"
items=""
for _ in $(seq 1 100); do
  items=$(as "$PRIVACY_KEY" "http://127.0.0.1:8083/v1/retention/items?tenantId=$TENANT&callId=$CALL")
  grep -q "$RECORDING" <<<"$items" && break
  sleep 0.1
done
grep -q "$RECORDING" <<<"$items" || fail "the recording did not reach the inventory within 10 s: $items"
pass "recording inventoried by retention-service, due $(printf '%s' "$items" | field dueAt)"

# 5b. A recording in object storage past its 90 days: retention-service commands its deletion, the deletion agent
# deletes it from the bucket and answers, the item is settled with a signed disposal certificate.
OBJECT="$TENANT/RE$(openssl rand -hex 16).wav"
STORAGE=http://127.0.0.1:9000
code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT --data-binary 'RIFF smoke audio' "$STORAGE/recordings/$OBJECT")
[ "$code" = 200 ] || fail "could not store the recording in the object storage ($code)"
stored_at=$(date -u -d '91 days ago' +%Y-%m-%dT%H:%M:%SZ)
item=$(as "$PRIVACY_KEY" -X POST "http://127.0.0.1:8083/v1/retention/items" -d "{\"tenantId\":\"$TENANT\",\"items\":[{\"category\":\"RECORDING\",\"store\":\"object-storage\",\"itemRef\":\"$OBJECT\",\"address\":\"s3://recordings/$OBJECT\",\"storedAt\":\"$stored_at\"}]}" | field id)
[ -n "$item" ] || fail "the recording could not be reported to retention-service"
status=""
for _ in $(seq 1 300); do
  status=$(as "$AUDITOR_KEY" "http://127.0.0.1:8083/v1/retention/items/$item" | field status)
  [ "$status" = DELETED ] && break
  sleep 0.1
done
[ "$status" = DELETED ] || fail "the overdue recording was not deleted within 30 s (status $status)"
code=$(curl -s -o /dev/null -w '%{http_code}' -I "$STORAGE/recordings/$OBJECT")
[ "$code" = 404 ] || fail "the recording is still in the bucket ($code)"
certificate=$(as "$AUDITOR_KEY" "http://127.0.0.1:8083/v1/retention/items/$item/certificate")
grep -q 'consent-mesh disposal certificate v1' <<<"$certificate" || fail "no disposal certificate: $certificate"
pass "recording past 90 days deleted from the bucket by the deletion agent, settled with a signed certificate"

# 5c. The person's second call, recorded by the tenant into object storage with its transcript beside it: both reported
#     to retention-service under the person's number (kept 90 days from now).
CALL2="CA$(openssl rand -hex 16)"
PERSON_OBJECTS=("$TENANT/$CALL2.wav" "$TENANT/$CALL2.transcript.txt")
for object in "${PERSON_OBJECTS[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT --data-binary "smoke: $object" "$STORAGE/recordings/$object")
  [ "$code" = 200 ] || fail "could not store $object in the object storage ($code)"
done
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
reported=$(as "$PRIVACY_KEY" -X POST "http://127.0.0.1:8083/v1/retention/items" -d "{\"tenantId\":\"$TENANT\",\"items\":[
  {\"phoneNumber\":\"$PERSON\",\"callId\":\"$CALL2\",\"category\":\"RECORDING\",\"store\":\"object-storage\",
   \"itemRef\":\"${PERSON_OBJECTS[0]}\",\"address\":\"s3://recordings/${PERSON_OBJECTS[0]}\",\"storedAt\":\"$now\"},
  {\"phoneNumber\":\"$PERSON\",\"callId\":\"$CALL2\",\"category\":\"TRANSCRIPT\",\"store\":\"object-storage\",
   \"itemRef\":\"${PERSON_OBJECTS[1]}\",\"address\":\"s3://recordings/${PERSON_OBJECTS[1]}\",\"storedAt\":\"$now\"}]}")
mapfile -t PERSON_ITEMS < <(grep -o '"id":"[0-9a-f-]*"' <<<"$reported" | cut -d'"' -f4)
[ "${#PERSON_ITEMS[@]}" = 2 ] || fail "the person's recording and transcript were not inventoried: $reported"
pass "the person's recorded call: recording and transcript in object storage, inventoried under their number"

# 6. A DSAR access request, the person's identity attested by privacy-ops (checked another way: no code to wait for),
#    fans out to consent-service, retention-service and call-ingest-service and comes back complete; its record
#    verifies; the person's copy is assembled, downloaded through its link with no credential and verified offline.
id=$(as "$PRIVACY_KEY" -X POST "$DSAR/v1/dsar/requests" -d "{\"tenantId\":\"$TENANT\",\"phoneNumber\":\"$PERSON\",
  \"type\":\"ACCESS\",\"attestation\":{\"evidence\":\"smoke: account PIN confirmed on a recorded line\",
  \"assurance\":\"REASONABLY_HIGH\"}}" | field id)
[ -n "$id" ] || fail "DSAR request not created"
status=""
# consent-service may only just have been given dsar.task.v1's partitions after a rebalance: allow 30 s
for _ in $(seq 1 300); do
  request=$(as "$PRIVACY_KEY" "$DSAR/v1/dsar/requests/$id")
  status=$(printf '%s' "$request" | field status)
  [ "$status" = RESULTS_COMPLETE ] && break
  sleep 0.1
done
[ "$status" = RESULTS_COMPLETE ] || fail "DSAR request not complete within 30 s: $request"
grep -q '"category":"consent-evidence","recordCount":2' <<<"$request" \
  || fail "consent-service did not report the opt-in and the STOP: $request"
for service in retention-service call-ingest-service; do
  grep -q "\"respondingService\":\"$service\"" <<<"$request" || fail "$service did not answer the DSAR request: $request"
done
record=$(as "$AUDITOR_KEY" "$DSAR/v1/dsar/requests/$id/record")
for kind in RECEIVED VERIFIED TASK_ISSUED ANSWERED COMPLETED; do
  grep -q "\"kind\":\"$kind\"" <<<"$record" || fail "the request's record has no $kind step: $record"
done
[ "$(as "$AUDITOR_KEY" "$DSAR/v1/dsar/record/verify" | grep -o '"intact":[a-z]*' | head -n 1)" = '"intact":true' ] \
  || fail "the DSAR record's hash chains do not verify"
pass "DSAR request answered by consent-service (2 evidence records), retention-service and call-ingest-service, due $(printf '%s' "$request" | field dueAt); its record chained and intact"
bundle=""
for _ in $(seq 1 300); do
  bundle=$(curl -s -H "Authorization: Bearer $AUDITOR_KEY" "$DSAR/v1/dsar/requests/$id/bundle")
  grep -q '"manifest"' <<<"$bundle" && break
  sleep 0.1
done
grep -q '"manifest"' <<<"$bundle" || fail "the person's copy was not assembled within 30 s: $bundle"
link=$(as "$PRIVACY_KEY" -X POST "$DSAR/v1/dsar/requests/$id/bundle/links" | field url)
[ -n "$link" ] || fail "no download link for the copy"
COPY="$(mktemp -d)/copy.zip"
code=$(curl -s -o "$COPY" -w '%{http_code}' "$link")   # the person: no credential, the link is all they have
[ "$code" = 200 ] || fail "the download link answered $code"
MESH_DSAR_BUNDLE_PUBLIC_KEY=$(as "$AUDITOR_KEY" "$DSAR/v1/dsar/bundles/signing-key" | field publicKey) \
  "$ROOT/deploy/audit/verify-bundle.sh" "$COPY" >/dev/null || fail "the copy does not verify offline"
listing=$(unzip -Z1 "$COPY")
for file in data/consent-service/consent-evidence.json data/consent-service/consent-state.csv \
    data/retention-service/stored-items.json data/call-ingest-service/call-parties.json facts.json recipients.json; do
  grep -qx "$file" <<<"$listing" || fail "the copy has no $file: $listing"
done
unzip -p "$COPY" data/retention-service/stored-items.json | grep -q "$CALL2" \
  || fail "the copy does not list the person's recording and transcript"
for category in recording transcript; do
  grep -q "^files/$category/.*$CALL2" <<<"$listing" || fail "the copy has no $category file of the person's call: $listing"
done
[ "$(unzip -p "$COPY" "$(grep "^files/recording/.*$CALL2" <<<"$listing")")" = "smoke: ${PERSON_OBJECTS[0]}" ] \
  || fail "the recording in the copy is not the one in the bucket"
unzip -p "$COPY" files.json | grep -q 'kept by twilio' || fail "the copy does not say where Twilio's recording is"
staged=$(curl -s "$STORAGE/dsar-exports?list-type=2&prefix=tenants/$TENANT/requests/$id/")
grep -q "<ListBucketResult" <<<"$staged" && ! grep -q "<Key>" <<<"$staged" \
  || fail "the deletion agent's copies stayed in the staging bucket (or it could not be listed): $staged"
pass "the person's copy: $(wc -l <<<"$listing") files with records of every service and their recording and transcript copied from the bucket by the deletion agent (staging emptied), signed manifest verified offline (deploy/audit/verify-bundle.sh)"

# 7. The security audit log shows who read the DSAR request and the recording inventory, and its chains are intact.
log=$(as "$AUDITOR_KEY" "$DSAR/v1/audit/access-log?limit=1000")
grep -q "\"operation\":\"GET /v1/dsar/requests/{id}\",\"dataSubject\":\"id=$id\"" <<<"$log" \
  || fail "the access log does not show the smoke test's read of its DSAR request: $log"
grep -q '"operation":"GET /v1/retention/items"' <<<"$log" \
  || fail "the access log does not show the smoke test's read of the inventory: $log"
[ "$(as "$AUDITOR_KEY" "$DSAR/v1/audit/access-log/verification" | grep -o '"intact":[a-z]*' | head -n 1)" = '"intact":true' ] \
  || fail "the access log's hash chains do not verify"
pass "security audit log shows the smoke test's reads (DSAR request, inventory), chains intact"
# 8. Health, metrics and OpenAPI answer on the management ports (9181-9184) only, never on the API ports.
for ports in 8081:9181 8082:9182 8083:9183 8084:9184; do
  api=${ports%%:*} management=${ports#*:}
  for path in /q/health/ready /q/metrics /q/openapi; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$api$path")
    [ "$code" = 404 ] || fail "the API port $api answered $code for $path"
  done
  # read whole, then search: grep -q closing the pipe early would fail curl, and with it the pipeline
  metrics=$(curl -fsS "http://127.0.0.1:$management/q/metrics") || fail "no metrics on the management port $management"
  grep -q '^jvm_memory_used_bytes' <<<"$metrics" || fail "no JVM metrics on the management port $management"
  openapi=$(curl -fsS "http://127.0.0.1:$management/q/openapi") || fail "no OpenAPI document on port $management"
  grep -q '^openapi: 3' <<<"$openapi" || fail "not an OpenAPI 3 document on the management port $management"
done
pass "health, metrics and OpenAPI on the management ports only (the API ports answer 404)"

# 9. The local broker refuses what it must (KafkaAccessProbe, the same check the testkit's tests run).
mapfile -t kafka_logins < <(grep '^KAFKA_' "$ROOT/deploy/local/.state/secrets.env")
probe=$(env "${kafka_logins[@]}" java \
  -cp "$ROOT/mesh-testkit/target/classes:$ROOT/mesh-contracts/target/classes:$ROOT/mesh-testkit/kafka-broker/target/lib/*" \
  io.consentmesh.testkit.infra.KafkaAccessProbe "127.0.0.1:${MESH_KAFKA_PORT:-9092}" 2>/dev/null) \
  || fail "the local broker let something through: $(printf '%s' "$probe" | grep -v 'refused (')"
pass "Kafka refused: no login, wrong password, a principal without ACLs, services outside their topics ($(printf '%s' "$probe" | tail -n 1 | sed 's/^\[kafka-probe\] //'))"

# 10. The person texts the tenant's privacy keyword to be deleted (the keyword handler opens the request as them); the
#     code texted back, read from dsar.sms-command.v1 as the tenant's messaging would, proves the number is theirs.
#     What Twilio keeps of them (their first call, the text of their STOP) is under legal holds. The verified deletion erases them (keys destroyed, ledger
#     still verifying, opt-out still DENY), deletes their recording and transcript from object storage with signed
#     certificates, keeps the held recording, and the answer says what was kept and why.
plain=$(runuser -u postgres -- psql -q -tA -p "${MESH_DB_PORT:-5432}" -d consentmesh \
  -c "SELECT count(*) FROM consent.evidence WHERE content::text LIKE '%203.0.113.7%' OR content::text LIKE '%smoke.sh%'")
[ "$plain" = 0 ] || fail "the consent's IP address or user agent is stored in clear ($plain records)"
# what Twilio keeps of the person (the first call's recording and record, the text of their STOP) is under legal holds:
# no local agent answers for Twilio, and a hold is what keeps an item from a deletion request
as "$PRIVACY_KEY" -X POST "http://127.0.0.1:8083/v1/retention/holds" \
  -d "{\"tenantId\":\"$TENANT\",\"callId\":\"$CALL\",\"reason\":\"smoke: a dispute about this call\",\"matterId\":\"M-1\"}" >/dev/null
as "$PRIVACY_KEY" -X POST "http://127.0.0.1:8083/v1/retention/holds" \
  -d "{\"tenantId\":\"$TENANT\",\"phoneNumber\":\"$PERSON\",\"category\":\"MESSAGE_CONTENT\",
       \"reason\":\"smoke: the same dispute\",\"matterId\":\"M-1\"}" >/dev/null
deletion=$(as "$INTAKE_KEY" -X POST "$DSAR/v1/dsar/requests" -d "{\"tenantId\":\"$TENANT\",\"phoneNumber\":\"$PERSON\",
  \"type\":\"DELETION\",\"source\":\"PERSON_SMS\"}" | field id)
[ -n "$deletion" ] || fail "the person's deletion request was not opened"
texted=$(KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD="$KAFKA_ADMIN_PASSWORD" java \
  -cp "$ROOT/mesh-testkit/target/classes:$ROOT/mesh-contracts/target/classes:$ROOT/mesh-testkit/kafka-broker/target/lib/*" \
  io.consentmesh.testkit.infra.TopicRecords "127.0.0.1:${MESH_KAFKA_PORT:-9092}" dsar.sms-command.v1 "$deletion" 30 \
  2>/dev/null) || fail "no verification code was texted for the deletion request"
code=$(printf '%s' "$texted" | field body | grep -o '\b[0-9]\{6\}\b' | head -n 1)
[ -n "$code" ] || fail "no code in the verification text"
as "$INTAKE_KEY" -X POST "$DSAR/v1/dsar/requests/$deletion/verification" -d "{\"code\":\"$code\"}" >/dev/null \
  || fail "the code texted to the person was refused"
status=""
for _ in $(seq 1 600); do
  request=$(as "$PRIVACY_KEY" "$DSAR/v1/dsar/requests/$deletion")
  status=$(printf '%s' "$request" | field status)
  [ "$status" = RESULTS_COMPLETE ] && break
  sleep 0.1
done
[ "$status" = RESULTS_COMPLETE ] || fail "the deletion request was not complete within 60 s: $request"
for object in "${PERSON_OBJECTS[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -I "$STORAGE/recordings/$object")
  [ "$code" = 404 ] || fail "$object is still in the bucket ($code)"
done
for item in "${PERSON_ITEMS[@]}"; do
  [ "$(as "$AUDITOR_KEY" "http://127.0.0.1:8083/v1/retention/items/$item" | field status)" = DELETED ] \
    || fail "the person's item $item is not settled as deleted"
  as "$AUDITOR_KEY" "http://127.0.0.1:8083/v1/retention/items/$item/certificate" \
    | grep -q 'consent-mesh disposal certificate v1' || fail "no disposal certificate for $item"
done
as "$AUDITOR_KEY" "http://127.0.0.1:8083/v1/retention/items?tenantId=$TENANT&callId=$CALL" | grep -q '"heldSince":"' \
  || fail "the recording under the legal hold is not kept"
again=$(as "$PRIVACY_KEY" -X POST "$CONSENT/v1/erasures" \
  -d "{\"tenantId\":\"$TENANT\",\"phoneNumber\":\"$PERSON\",\"requestRef\":\"smoke-$deletion\"}")
[ "$(printf '%s' "$again" | field outcome)" = ALREADY_ERASED ] || fail "the verified deletion did not erase the person: $again"
[ "$(authorize $SENDER_B | field outcome)" = DENY ] || fail "the erased person who had opted out is no longer denied"
integrity=$(as "$AUDITOR_KEY" "$CONSENT/v1/audit/ledger-integrity")
grep -q '"breaks":\[\]' <<<"$integrity" || fail "the ledger does not verify after the erasure: $integrity"
letter=$(as "$PRIVACY_KEY" "$DSAR/v1/dsar/requests/$deletion/answer")
for kept in 'What we kept, and why' 'legal hold' 'never texted or called again' 'for 5 years'; do
  grep -q "$kept" <<<"$letter" || fail "the answer does not say '$kept': $letter"
done
# their copy was a stored item of theirs too: deleted with them (retention's command, dsar-service's receipt)
as "$AUDITOR_KEY" "$DSAR/v1/dsar/requests/$id/bundle" | grep -q '"deletedAt":"' \
  || fail "the person's copy was not deleted with them"
code=$(curl -s -o /dev/null -w '%{http_code}' "$link")
[ "$code" = 410 ] || fail "the erased person's copy can still be downloaded ($code)"
pass "SMS-verified deletion: recording, transcript and their copy deleted with certificates, held recording kept, person erased (ledger intact, opt-out still DENY), the answer lists what was kept and why"
echo "[smoke] $PASSED passed, 0 failed"
